import copy
import html
import re

from django import forms, template
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from omzien.common import money
from omzien.ui import navigation

register = template.Library()


# Django's ``escape`` and ``conditional_escape`` with the same output, without the lazy-string
# wrapper (``keep_lazy``) around every call: a search form escapes some 450 strings.
def escape(value) -> str:
    return html.escape(str(value))


def conditional_escape(value) -> str:
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


MULTIPLE_INPUT_TEMPLATE = "ui/forms/widgets/multiple_input.html"
# Django's select includes a template for every option (1,300 includes for 1,300 options);
# ours renders the options in one loop.
SELECT_TEMPLATE = "ui/forms/widgets/select.html"

_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "text": "utrecht-textbox utrecht-textbox--html-input",
}


def widget_kind(widget: forms.Widget) -> str:
    # CheckboxSelectMultiple is a RadioSelect subclass: test it first.
    if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "text"


@register.filter
def field_kind(bound_field) -> str:
    return widget_kind(bound_field.field.widget)


def _has_empty_choice(field) -> bool:
    if isinstance(field, forms.ModelChoiceField):
        return field.empty_label is not None  # without reading the queryset
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):  # a group of options
            if any(inner == "" for inner, _ in label):
                return True
        elif value == "":
            return True
    return False


@register.filter
def says_optional(bound_field) -> bool:
    """Whether the label adds "(optional)": the field may stay empty. A drop-down list
    without an empty option always sends one of its choices (the kind of period of a figures
    page, the municipality of someone who works in several), so "optional" would only puzzle.
    Nor does a filter (``filter_fields``, or a form class with ``is_filter = True``): every
    filter may stay empty."""
    field = bound_field.field
    if field.required or getattr(bound_field.form, "is_filter", False):
        return False
    widget = field.widget
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        return _has_empty_choice(field)
    return True


@register.simple_tag
def filter_fields(form):
    """The fields of a filter form (``ui/includes/filter_form.html``). Every filter may stay
    empty, so no label adds "(optional)" (:func:`says_optional`): on a list with six filters
    it only made the labels longer."""
    form.is_filter = True
    return form.render()


@register.simple_tag
def nl_widget(bound_field):
    """Render a field's widget with Utrecht classes and its description and error linked."""
    kind = widget_kind(bound_field.field.widget)
    classes = [_CLASSES[kind]]
    attrs = {}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        classes.append(
            {
                "text": "utrecht-textbox--invalid",
                "select": "utrecht-select--invalid",
                "checkbox": "utrecht-checkbox--invalid",
                "radio": "utrecht-radio-button--invalid",
                "textarea": "utrecht-textarea--invalid",
            }[kind]
        )
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.field.required and kind not in {"checkbox", "radio"}:
        attrs["aria-required"] = "true"
    widget = bound_field.field.widget
    existing = widget.attrs.get("class", "")
    attrs["class"] = " ".join(filter(None, [existing, *classes]))
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        # Django's template puts the classes on the wrapper too (one radio-sized blob);
        # ours gives each option its own Utrecht form field with the input beside its label.
        widget = copy.copy(widget)
        widget.template_name = MULTIPLE_INPUT_TEMPLATE
        return bound_field.as_widget(widget=widget, attrs=attrs)
    if widget.template_name == forms.Select.template_name:
        widget = copy.copy(widget)
        widget.template_name = SELECT_TEMPLATE
        return bound_field.as_widget(widget=widget, attrs=attrs)
    return bound_field.as_widget(attrs=attrs)


def option_attrs(attrs: dict) -> str:
    """Django's ``attrs.html`` in Python: ``name="value"`` (the value through
    ``stringformat:'s'``, so always escaped), a bare name for True, none for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{escape(str(value))}"')
    return "".join(parts)


# Django's widget templates include a template for every option (and another for its
# attributes): 1,300 options cost 1,300 includes. These render one option in Python.


def option_input_html(option: dict) -> str:
    """One option of a radio or checkbox list, as Django's ``input.html`` renders it."""
    value = "" if option["value"] is None else f' value="{escape(str(option["value"]))}"'
    return (
        f'<input type="{conditional_escape(option["type"])}" '
        f'name="{conditional_escape(option["name"])}"{value}{option_attrs(option["attrs"])}>'
    )


def select_option_html(option: dict) -> str:
    """One option of a select, as Django's ``select_option.html`` renders it."""
    return (
        f'<option value="{escape(str(option["value"]))}"{option_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>"
    )


@register.filter
def option_input(option: dict) -> SafeString:
    return SafeString(option_input_html(option))


@register.filter
def select_option(option: dict) -> SafeString:
    return SafeString(select_option_html(option))


_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


register.filter("may_open", navigation.may_open)


@register.filter
def euro(value) -> str:
    """An amount as "€ 1.800,00" (:func:`omzien.common.money.euro`)."""
    return money.euro(value)


@register.simple_tag
def day_range(first, last, format=None) -> str:
    """ "3 mei 2026 – 5 mei 2026", or "3 mei 2026" once when the two days are the same (a
    one-day campaign). ``format`` as the ``date`` filter's (default: DATE_FORMAT)."""
    from django.template.defaultfilters import date

    if not first or not last or first == last:
        return date(first or last, format)
    return f"{date(first, format)} – {date(last, format)}"


@register.filter
def css_colour(value) -> str:
    """``value`` if it is a colour '#rrggbb', else '' (so it can go into a style block)."""
    value = str(value or "")
    return value if _HEX_COLOUR.fullmatch(value) else ""


@register.simple_tag
def error_summary_line(label, error) -> str:
    """'Label: error' for the error summary; a label that is a sentence keeps its own end
    ('…bewaard.: U moet…' read badly): a full stop or colon gives way to the colon, a question
    mark or exclamation mark stays and is followed by the error."""
    label = str(label or "").strip()
    error = str(error)
    if not label:
        return error
    if label[-1] in "?!":
        return f"{label} {error}"
    return f"{label.rstrip('.:').rstrip()}: {error}"
