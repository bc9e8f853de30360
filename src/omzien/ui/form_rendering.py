"""The form templates every page renders most, in Python.

A search form of twelve fields cost the vacancy search more than half its time: each field is
a template (``ui/forms/field.html``) that includes another (``field_messages.html``), calls
``nl_widget``, and its widget is a template that includes ``input.html`` that includes
``attrs.html`` — six template renders a field, each resolving its variables through the
template engine. These functions give the same HTML, character for character, as those
templates (``ui/tests/test_form_rendering.py`` renders every field of the project's forms both
ways and compares), and ``ui.forms.OmzienFormRenderer`` uses them for exactly these template
names. The templates stay the reference: change a template and the test fails until its
function here says the same.
"""

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from omzien.ui.templatetags.omzien_ui import (
    MULTIPLE_INPUT_TEMPLATE,
    SELECT_TEMPLATE,
    conditional_escape,
    escape,
    nl_widget,
    option_attrs,
    option_input_html,
    says_optional,
    select_option_html,
    widget_kind,
)

FIELD_TEMPLATE = "ui/forms/field.html"

# Django's input widgets whose template is only ``{% include "…/input.html" %}`` (and so end
# in the include's newline plus their own).
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "text",
        "email",
        "number",
        "date",
        "datetime",
        "time",
        "search",
        "url",
        "password",
        "tel",
        "hidden",
        "checkbox",
        "color",
    )
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def render_input(context: dict) -> str:
    widget = context["widget"]
    value = widget["value"]
    shown = "" if value is None else f' value="{escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{option_attrs(widget["attrs"])}>\n\n'
    )


def render_textarea(context: dict) -> str:
    widget = context["widget"]
    value = widget["value"]
    shown = conditional_escape(value) if value else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{option_attrs(widget["attrs"])}>\n'
        f"{shown}</textarea>\n"
    )


DAY_PART_GRID_TEMPLATE = "ui/forms/widgets/day_part_grid.html"


def render_select(context: dict) -> str:
    """``ui/forms/widgets/select.html``."""
    widget = context["widget"]
    out = [f'<select name="{conditional_escape(widget["name"])}"{option_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        out.extend(f"\n  {select_option_html(option)}" for option in options)
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _choice(option: dict, indent: str) -> str:
    """One radio or checkbox with its label, as ``multiple_input.html`` and
    ``day_part_grid.html`` write it."""
    kind = "radio" if option["type"] == "radio" else "checkbox"
    return (
        f'\n{indent}<div class="utrecht-form-field utrecht-form-field--{kind}">\n'
        f'{indent}  <div class="utrecht-form-field__input">{option_input_html(option)}</div>\n'
        f'{indent}  <div class="utrecht-form-field__label utrecht-form-field__label--{kind}">'
        f'<label class="utrecht-form-label utrecht-form-label--{kind}" '
        f'for="{conditional_escape(option["attrs"].get("id", ""))}">'
        f"{conditional_escape(option['label'])}</label></div>\n"
        f"{indent}</div>"
    )


def _wrapper(widget: dict, css_class: str) -> str:
    id_ = widget["attrs"].get("id")
    shown = f' id="{conditional_escape(id_)}"' if id_ else ""
    return f'<div{shown} class="{css_class}">'


def render_multiple_input(context: dict) -> str:
    """``ui/forms/widgets/multiple_input.html``: radios or checkboxes, each its own field."""
    widget = context["widget"]
    out = [_wrapper(widget, "omzien-choice-list")]
    for _group, options, _index in widget["optgroups"]:
        out.extend(_choice(option, "  ") for option in options)
    out.append("\n</div>\n")
    return "".join(out)


def render_day_part_grid(context: dict) -> str:
    """``ui/forms/widgets/day_part_grid.html``: a fieldset per day."""
    widget = context["widget"]
    out = [_wrapper(widget, "omzien-day-part-grid")]
    for group, options, _index in widget["optgroups"]:
        out.append(
            '\n  <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">\n'
            '    <legend class="utrecht-form-fieldset__legend '
            f'utrecht-form-fieldset__legend--html-legend">{conditional_escape(group)}</legend>\n'
            '    <div class="omzien-choice-list">'
        )
        out.extend(_choice(option, "      ") for option in options)
        out.append("\n    </div>\n  </fieldset>")
    out.append("\n</div>\n")
    return "".join(out)


def _messages(field) -> str:
    """``ui/forms/field_messages.html``."""
    out = []
    if field.help_text:
        out.append(
            '<div class="utrecht-form-field__description utrecht-form-field-description" '
            f'id="{conditional_escape(field.auto_id)}_helptext">'
            f"{conditional_escape(field.help_text)}</div>"
        )
    out.append("\n")
    if field.errors:
        errors = "".join(
            f'<p class="utrecht-paragraph">{conditional_escape(error)}</p>'
            for error in field.errors
        )
        out.append(
            '<div class="utrecht-form-field__error-message utrecht-form-field-error-message" '
            f'id="{conditional_escape(field.auto_id)}_error">{errors}</div>'
        )
    out.append("\n")
    return "".join(out)


def _optional(field) -> str:
    return f" ({conditional_escape(gettext('optional'))})" if says_optional(field) else ""


def render_field(context: dict) -> str:
    """``ui/forms/field.html``: the label, description, error and widget of one field."""
    field = context["field"]
    label = conditional_escape(field.label)
    invalid = bool(field.errors)
    widget = nl_widget(field)
    if field.use_fieldset:
        described = ""
        if field.help_text or invalid:
            ids = (f"{field.auto_id}_helptext" if field.help_text else "") + (
                f" {field.auto_id}_error" if invalid else ""
            )
            described = f' aria-describedby="{conditional_escape(ids)}"'
        return (
            "\n\n"
            '<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset'
            f'{" utrecht-form-fieldset--invalid" if invalid else ""}"{described}>\n'
            '  <legend class="utrecht-form-fieldset__legend '
            f'utrecht-form-fieldset__legend--html-legend">{label}{_optional(field)}</legend>\n'
            f"  {_messages(field)}\n"
            f'  <div class="utrecht-form-field__input">{widget}</div>\n'
            "</fieldset>\n\n"
        )
    if widget_kind(field.field.widget) == "checkbox":
        return (
            "\n\n"
            '<div class="utrecht-form-field utrecht-form-field--checkbox'
            f'{" utrecht-form-field--invalid" if invalid else ""}">\n'
            f'  <div class="utrecht-form-field__input">{widget}</div>\n'
            '  <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">'
            '<label class="utrecht-form-label utrecht-form-label--checkbox" '
            f'for="{conditional_escape(field.id_for_label)}">{label}</label></div>\n'
            f"  {_messages(field)}\n"
            "</div>\n\n"
        )
    return (
        "\n\n"
        '<div class="utrecht-form-field utrecht-form-field--text'
        f'{" utrecht-form-field--invalid" if invalid else ""}">\n'
        '  <div class="utrecht-form-field__label"><label class="utrecht-form-label" '
        f'for="{conditional_escape(field.id_for_label)}">{label}{_optional(field)}</label></div>\n'
        f"  {_messages(field)}\n"
        f'  <div class="utrecht-form-field__input">{widget}</div>\n'
        "</div>\n\n"
    )


RENDERERS = {
    FIELD_TEMPLATE: render_field,
    TEXTAREA_TEMPLATE: render_textarea,
    SELECT_TEMPLATE: render_select,
    MULTIPLE_INPUT_TEMPLATE: render_multiple_input,
    DAY_PART_GRID_TEMPLATE: render_day_part_grid,
    **dict.fromkeys(INPUT_TEMPLATES, render_input),
}


def render(template_name: str, context: dict) -> SafeString | None:
    """The HTML of ``template_name`` for ``context`` if it is one of the templates above, else
    None (the template engine renders it)."""
    function = RENDERERS.get(template_name)
    # Django's renderer strips what a template gives (BaseRenderer.render): so do these.
    return None if function is None else SafeString(function(context).strip())
