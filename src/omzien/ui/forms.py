import math
from collections.abc import Callable
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from omzien.common.dates import add_months
from omzien.privacy.statistics import FIRST_YEAR, PERIOD_KINDS, QUARTER, Period
from omzien.tenants.models import Locality, Municipality
from omzien.tenants.reference import reference
from omzien.ui import form_rendering


class OmzienFormRenderer(DjangoTemplates):
    """Renders every form with NL Design System markup.

    Label, description and error message are linked to the field (``aria-describedby``),
    and a form with errors starts with an error summary that links to each field.
    """

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"
    # The field template and the input widgets are rendered in Python (``ui.form_rendering``,
    # the same HTML); False renders every template with the template engine (the tests compare).
    fast = True

    def render(self, template_name, context, request=None):
        if self.fast:
            html = form_rendering.render(template_name, context)
            if html is not None:
                return html
        return super().render(template_name, context, request=request)


CHECKBOX_CLASSES = "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"


class DayPartGrid(forms.widgets.ChoiceWidget):
    """The availability grid: one fieldset per day with a checkbox for each part of the day.

    Its choices come grouped: ``[(day label, [(code, part label), ...]), ...]``, e.g.
    ``volunteering.constants.day_part_choices``. Not a CheckboxSelectMultiple on purpose: the
    form renderer gives those a flat list, and this grid needs a legend per day. Works without
    JavaScript.
    """

    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "ui/forms/widgets/day_part_grid.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"
    use_fieldset = True
    add_id_index = True

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        # The renderer styles unknown widgets as text boxes: these are checkboxes.
        invalid = attrs.get("aria-invalid") == "true"
        attrs["class"] = CHECKBOX_CLASSES + (" utrecht-checkbox--invalid" if invalid else "")
        attrs.pop("aria-required", None)
        return super().get_context(name, value, attrs)

    def use_required_attribute(self, initial):
        return False

    def value_omitted_from_data(self, data, files, name):
        return False  # unticking every box is a value too

    def id_for_label(self, id_, index=None):
        return f"{id_}_{index}" if index is not None and id_ else ""


# --- Dates: every date field of every form lies within a sane range ---------------------------
# A date field without bounds lets "0001-01-01" or "9999-12-31" through to arithmetic that
# overflows (a 500) or to a record nobody can find again. Every form's date fields are one of the
# fields below; ui/tests/test_date_fields.py walks every form in the project and fails on a date
# field without both bounds.

EARLIEST_BIRTH_DATE = date(1900, 1, 1)
DATE_INPUT_FORMAT = "%Y-%m-%d"
DATETIME_INPUT_FORMAT = "%Y-%m-%dT%H:%M"

DateBound = date | Callable[[], date]


def years_from_today(years: int) -> Callable[[], date]:
    """A bound that moves with the calendar: today plus (or minus) whole years."""

    def bound() -> date:
        return add_months(timezone.localdate(), 12 * years)

    bound.__name__ = f"years_from_today({years})"
    return bound


class BoundedDateMixin:
    """Bounds for a date or date-and-time field: ``earliest`` and ``latest`` (each a date or a
    callable that returns one, so "today" is today when the form is filled in).

    A stored value that is not changed stays valid, so editing an old record does not fail on a
    date that was in range when it was entered. (``_clean_bound_field`` is where Django hands a
    field its initial value, as FileField does.)
    """

    bound_error_messages = {
        "too_early": _("Enter a date on or after %(limit)s."),
        "too_late": _("Enter a date on or before %(limit)s."),
    }

    def __init__(self, *, earliest: DateBound, latest: DateBound, **kwargs):
        error_messages = {**self.bound_error_messages, **kwargs.pop("error_messages", {})}
        super().__init__(error_messages=error_messages, **kwargs)
        self.earliest, self.latest = earliest, latest

    def bounds(self) -> tuple[date, date]:
        return tuple(b() if callable(b) else b for b in (self.earliest, self.latest))

    def _clean_bound_field(self, bf):
        self._stored = bf.initial() if callable(bf.initial) else bf.initial
        return super()._clean_bound_field(bf)

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values or value == getattr(self, "_stored", None):
            return
        day = timezone.localtime(value).date() if hasattr(value, "hour") else value
        earliest, latest = self.bounds()
        if day < earliest:
            code, limit = "too_early", earliest
        elif day > latest:
            code, limit = "too_late", latest
        else:
            return
        raise ValidationError(
            self.error_messages[code],
            code=code,
            params={"limit": date_format(limit)},
        )


class BoundedDateField(BoundedDateMixin, forms.DateField):
    """A date field between two bounds, with the browser's date picker."""

    def __init__(self, *, earliest: DateBound, latest: DateBound, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateInput(attrs={"type": "date"}, format=DATE_INPUT_FORMAT)
        )
        super().__init__(earliest=earliest, latest=latest, **kwargs)


class BoundedDateTimeField(BoundedDateMixin, forms.DateTimeField):
    """A date-and-time field whose date lies between two bounds."""

    def __init__(self, *, earliest: DateBound, latest: DateBound, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT_FORMAT),
        )
        super().__init__(earliest=earliest, latest=latest, **kwargs)


class SteppedDecimalField(forms.DecimalField):
    """Django's ``DecimalField`` with ``step_size``, refusing numbers too large to be checked.

    Django checks the step with ``math.remainder``, which turns the number into a float: a
    typed "1e400" is a finite decimal but an infinite float, and the check raised
    ``ValueError`` (a server error). Such a number is refused as invalid before the checks.
    """

    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values and not math.isfinite(float(value)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")


def checkbox_field(label, choices, help_text="", **kwargs) -> forms.MultipleChoiceField:
    """A choice of several from a list, as checkboxes (a fieldset with a legend when
    rendered)."""
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        **kwargs,
    )


# The purpose of the fields that ask people for their own details, as HTML autocomplete
# tokens, by the field names the forms use (WCAG 2.1 success criterion 1.3.5, Identify Input
# Purpose): browsers offer to fill them in and assistive technology can tell what they ask.
OWN_DETAILS = {
    "first_name": "given-name",
    "last_name": "family-name",
    "date_of_birth": "bday",
    "email": "email",
    "phone": "tel",
    "street": "address-line1",
    "street_address": "address-line1",
    "postcode": "postal-code",
    "town": "address-level2",
}


def identify_own_details(form, **purposes: str) -> None:
    """Mark the fields of ``form`` that ask for the user's own details with their purpose
    (``field_name="token"``; :data:`OWN_DETAILS` for the usual names). A field the form does
    not have is skipped; fields about someone else (the person cared for, a helper) are not
    named and get no token."""
    for name, token in purposes.items():
        if name in form.fields:
            form.fields[name].widget.attrs["autocomplete"] = token


def birth_date_field(**kwargs) -> BoundedDateField:
    """A date of birth: from 1 January 1900 up to today."""
    messages = {
        "too_early": _("Enter a date of birth on or after %(limit)s."),
        "too_late": _("A date of birth cannot lie in the future."),
        **kwargs.pop("error_messages", {}),
    }
    return BoundedDateField(
        earliest=EARLIEST_BIRTH_DATE,
        latest=timezone.localdate,
        error_messages=messages,
        **kwargs,
    )


def date_field(*, years_back: int, years_ahead: int, **kwargs) -> BoundedDateField:
    """A date from ``years_back`` years ago up to ``years_ahead`` years from today (0: today)."""
    return BoundedDateField(
        earliest=years_from_today(-years_back), latest=years_from_today(years_ahead), **kwargs
    )


def datetime_field(*, years_back: int, years_ahead: int, **kwargs) -> BoundedDateTimeField:
    return BoundedDateTimeField(
        earliest=years_from_today(-years_back), latest=years_from_today(years_ahead), **kwargs
    )


class VersionedModelForm(forms.ModelForm):
    """A form that edits a record with a ``version`` (optimistic locking): the version the
    page showed travels in a hidden field, and the service refuses the edit when the record
    has changed since (``common.services.check_version``; the view passes
    ``ui.actions.posted_version``). A form for a new record has no version field."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: True where the form itself refuses a save without a version (a carer's own details,
    #: a staff correction of an application). Otherwise the service decides: records people
    #: edit require it there, settings do not (``versioned_update(required=...)``).
    version_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = self.version_required
        else:
            del self.fields["version"]  # a new record has no version yet

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def offer_municipalities(form, municipalities, *, name: str = "municipality") -> None:
    """Offer ``municipalities`` (the user's, for the page's roles) in the form's field
    ``name``, by name; someone with one municipality is not asked (the field goes)."""
    if len(municipalities) <= 1:
        del form.fields[name]
        return
    form.fields[name].queryset = Municipality.objects.filter(
        pk__in=[m.pk for m in municipalities]
    ).order_by("name")


class PeriodForm(forms.Form):
    """A municipality (when the user has several) and a fixed period that is over: a month,
    a quarter or a year (``privacy.statistics.Period``). Never any start and end day: that
    would undo the small-number suppression (docs/privacy.md, "Statistics"). By default, and
    after a wrong value (with a message), the last quarter that is over."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind of period"),
        choices=PERIOD_KINDS,
        initial=QUARTER,
        required=False,
        help_text=_("Without a period below: the last one of this kind that is over."),
    )
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=20,
        help_text=_("A month (2026-05), a quarter (2026-Q3) or a year (2025) that is over."),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        offer_municipalities(self, municipalities)
        self.municipalities = municipalities
        self.today = timezone.localdate()
        self.default_period = Period.last_complete(self.today)
        self.fields["period"].widget.attrs["placeholder"] = self.default_period.code

    def clean_period(self):
        text = self.cleaned_data.get("period", "")
        if not text.strip():
            return None
        try:
            period = Period.parse(text)
        except ValueError:
            raise ValidationError(
                _(
                    "Enter a month (2026-05), a quarter (2026-Q3) or a year (2025), "
                    "from %(first)s on."
                ),
                code="invalid_period",
                params={"first": FIRST_YEAR},
            ) from None
        if not period.is_complete(self.today):
            raise ValidationError(
                _("Figures are shown for periods that are over; for example %(period)s."),
                code="period_not_over",
                params={"period": self.default_period.code},
            )
        return period

    def chosen(self):
        """(municipality, period): the chosen ones, or the defaults. A period given names its
        own kind; without one, the last period of the chosen kind that is over."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        municipality = data.get("municipality") or self.municipalities[0]
        period = data.get("period")
        if period is None and data.get("kind"):
            period = Period.last_complete(self.today, data["kind"])
        return municipality, period or self.default_period


# --- Where a public search looks -----------------------------------------------------------
# The vacancy search and the social map search ask "where" the same way: a municipality, its
# region or only itself, a village or town and a distance from it (as the crow flies).

WHOLE_REGION = "region"
ONLY_MUNICIPALITY = "municipality"
DISTANCE_CHOICES_KM = (5, 10, 15, 25)


def locality_choices(municipality_id: int | None = None, *, empty_label=None) -> list:
    """The villages and towns to choose from: of the chosen municipality only, else of every
    active municipality, grouped by municipality. From the cached reference data."""
    empty = ("", empty_label or _("All villages and towns"))
    return [empty, *reference().locality_choices(municipality_id)]


class _ActiveMunicipalities(forms.models.ModelChoiceIterator):
    """The active municipalities in name order, from the cached reference data."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for municipality in reference().municipalities.values():
            yield self.choice(municipality)

    def __len__(self):
        return len(reference().municipalities) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(reference().municipalities)


class MunicipalityChoiceField(forms.ModelChoiceField):
    """An active municipality, chosen and checked against the cached reference data
    (``tenants.reference``): a public search asks no query for it."""

    iterator = _ActiveMunicipalities

    def __init__(self, **kwargs):
        super().__init__(queryset=Municipality.objects.filter(is_active=True), **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        municipalities = reference().municipalities
        if self.to_field_name:  # e.g. the social map's addresses name it by slug
            found = next(
                (m for m in municipalities.values() if getattr(m, self.to_field_name) == value),
                None,
            )
        else:
            try:
                found = municipalities.get(int(getattr(value, "pk", value)))
            except (TypeError, ValueError):
                found = None
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


class WhereSearchForm(forms.Form):
    """The "where" fields of a public search (a GET form that works without JavaScript).

    A subclass adds its own fields (``field_order`` puts them in place), fills the village
    choices in ``__init__`` (``locality_choices``) and reads the place with ``where_filters``.
    """

    is_filter = True  # every field may stay empty: no label says "(optional)"

    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        required=False,
        empty_label=_("All municipalities"),
    )
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        choices=[
            (WHOLE_REGION, _("The municipality and the rest of its region")),
            (ONLY_MUNICIPALITY, _("Only this municipality")),
        ],
    )
    locality = forms.TypedChoiceField(
        label=_("Village or town"), required=False, coerce=int, empty_value=None
    )
    distance = forms.TypedChoiceField(
        label=_("Distance"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Only in this village or town")),
            *((km, format_lazy(_("Within {km} km"), km=km)) for km in DISTANCE_CHOICES_KM),
        ],
        help_text=_("As the crow flies, from the village or town you chose."),
    )

    def where_filters(self) -> dict:
        """The place to search, from valid data: the keyword arguments the search selectors
        take (``municipality``, ``whole_region``, ``locality``, ``distance_km``)."""
        data = self.cleaned_data
        locality = None
        if data.get("locality"):
            locality = Locality.objects.filter(pk=data["locality"]).first()
        return {
            "municipality": data.get("municipality"),
            "whole_region": data.get("area") != ONLY_MUNICIPALITY,
            "locality": locality,
            "distance_km": data.get("distance"),
        }
