"""Picking one record out of many (a volunteer out of 1,300): search as you type.

A select with every record costs a page hundreds of kilobytes and most of its time. A
:class:`PickerField` renders a search box instead, with the chosen record (if any) as a ticked
radio button; what the search finds (at most :data:`MATCHES_MAX`) appears below it as radio
buttons to tick.

- With JavaScript, htmx asks the form's picker URL (``search_url``, a view that answers with
  :func:`render_matches`) as the user types, and swaps the matches into a live region.
- Without JavaScript, the search button submits the form with :data:`PICK` set to the field's
  name: a :class:`PickerFormMixin` form then saves nothing and shows no errors (``is_valid()``
  is false), and the page comes back with everything filled in and the matches to tick.

The field's ``search(queryset, term)`` narrows its queryset by what was typed; what the field
accepts stays its queryset, so a posted id that the search never showed is refused as before.
"""

import copy

from django import forms
from django.forms.boundfield import BoundField
from django.forms.utils import ErrorDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from omzien.common.text import without_control_characters

MATCHES_MAX = 20
PICK = "_pick"  # the fallback search button: its value names the field searched
SEARCH_SUFFIX = "_search"
TERM_MAX = 100


def clean_term(value) -> str:
    """The search term: control characters left out (PostgreSQL refuses a NUL in a query),
    spaces collapsed, at most ``TERM_MAX`` characters."""
    return " ".join(without_control_characters(str(value or "")).split())[:TERM_MAX]


class PickerWidget(forms.Widget):
    """The search box, the chosen record and the matches (see the module docstring). The
    bound field fills ``picker`` in before rendering (:class:`PickerBoundField`)."""

    template_name = "ui/forms/widgets/picker.html"
    use_fieldset = True
    picker: dict | None = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        attrs.pop("aria-required", None)
        attrs.pop("class", None)
        context["picker"] = self.picker or {}
        return context

    def id_for_label(self, id_):
        return f"{id_}{SEARCH_SUFFIX}" if id_ else id_

    def use_required_attribute(self, initial):
        return False


class PickerBoundField(BoundField):
    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = copy.copy(widget or self.field.widget)
        widget.picker = self.picker_context()
        return super().as_widget(widget, attrs, only_initial)

    def picker_context(self) -> dict:
        field = self.field
        term = ""
        if self.form.is_bound:
            term = clean_term(self.form.data.get(self.html_name + SEARCH_SUFFIX))
        value = self.value()
        chosen = None
        if value not in field.empty_values:
            chosen = field.queryset.filter(pk=value).first() if str(value).isdigit() else None
        matches, more = field.matches(term) if term else ([], False)
        return {
            "search_url": field.search_url,
            "search_name": self.html_name + SEARCH_SUFFIX,
            "search_id": f"{self.auto_id}{SEARCH_SUFFIX}",
            "term": term,
            "pick": PICK,
            "chosen": chosen and field.option(chosen, checked=True),
            "empty_label": None if field.required else field.empty_label,
            "options": [field.option(obj) for obj in matches if obj != chosen],
            "more": more,
            "searched": bool(term),
        }


class PickerField(forms.ModelChoiceField):
    """A :class:`~django.forms.ModelChoiceField` for a large queryset, picked by search.

    ``search(queryset, term)`` narrows the queryset by a search term; ``search_url`` (set by
    the form, it depends on the record) answers htmx with the matches; ``label_from(record)``
    is what a radio button says."""

    widget = PickerWidget

    def __init__(self, *, search, label_from=str, search_url: str = "", **kwargs):
        kwargs.setdefault("empty_label", _("None"))
        super().__init__(queryset=kwargs.pop("queryset", None), **kwargs)
        self.search = search
        self.label_from = label_from
        self.search_url = search_url

    def label_from_instance(self, obj) -> str:
        return self.label_from(obj)

    def get_bound_field(self, form, field_name):
        return PickerBoundField(form, self, field_name)

    def matches(self, term: str) -> tuple[list, bool]:
        """At most ``MATCHES_MAX`` records for ``term``, and whether there are more."""
        found = list(self.search(self.queryset, term)[: MATCHES_MAX + 1])
        return found[:MATCHES_MAX], len(found) > MATCHES_MAX

    def option(self, obj, *, checked: bool = False) -> dict:
        return {"value": obj.pk, "label": self.label_from_instance(obj), "checked": checked}


class PickerFormMixin:
    """A form with a :class:`PickerField`: the fallback search button (``PICK``) re-shows the
    form with the matches, saving nothing and showing no errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Enter in any text box of the form submits with the first submit button, which may be
        # a picker's: with nothing typed in its search box, that is a plain submit.
        name = self.data.get(PICK) if self.is_bound else None
        self.picking = name in self.fields and bool(
            clean_term(self.data.get(self.add_prefix(name) + SEARCH_SUFFIX))
        )
        if self.picking:
            self._errors = ErrorDict()  # nothing checked, nothing to complain about

    def is_valid(self):
        return not self.picking and super().is_valid()


def render_matches(request, bound_field):
    """The htmx answer of a picker: the matches for ``<name>_search`` in the query string, as
    radio buttons named like the field. One query for the matches."""
    field = bound_field.field
    term = clean_term(request.GET.get(bound_field.html_name + SEARCH_SUFFIX))
    matches, more = field.matches(term) if term else ([], False)
    context = {
        "name": bound_field.html_name,
        "id": bound_field.auto_id,
        "picker": {
            "options": [field.option(obj) for obj in matches],
            "more": more,
            "term": term,
            "searched": bool(term),
        },
    }
    response = render(request, "ui/forms/widgets/_picker_matches.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
