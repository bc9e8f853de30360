from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from omzien.appreciation.models import AgeBand, Round
from omzien.appreciation.services.rounds import BAND_FIELDS, ROUND_FIELDS
from omzien.ui.forms import VersionedModelForm, date_field, offer_municipalities


def _round_date(name: str):
    return date_field(
        years_back=5, years_ahead=5, label=capfirst(Round._meta.get_field(name).verbose_name)
    )


class RoundForm(VersionedModelForm):
    """A round's dates and rules; the municipality only for an administrator of several."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, empty_label=None, required=True
    )
    opens_on = _round_date("opens_on")
    closes_on = _round_date("closes_on")
    payment_on = _round_date("payment_on")

    class Meta:
        model = Round
        fields = ROUND_FIELDS

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A round stays in its municipality.
        offer_municipalities(self, [] if self.instance.pk else municipalities or [])

    def _post_clean(self):
        # The service checks the rules and the model together (services.rounds._clean), so
        # every refusal carries its code whichever way the round is saved.
        pass

    def service_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in ROUND_FIELDS}


class AgeBandForm(forms.ModelForm):
    class Meta:
        model = AgeBand
        fields = BAND_FIELDS

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {field: self.cleaned_data.get(field) for field in BAND_FIELDS}


AgeBandFormSet = forms.formset_factory(AgeBandForm, extra=2, can_delete=True, max_num=10)


def band_formset(data=None, *, round_=None) -> forms.BaseFormSet:
    """The age bands of ``round_`` (or none yet), with two empty rows to add one."""
    initial = None
    if round_ is not None:
        initial = [
            {field: getattr(band, field) for field in BAND_FIELDS}
            for band in round_.age_bands.all()
        ]
    return AgeBandFormSet(data, initial=initial, prefix="bands")


def bands_of(formset) -> list[dict]:
    """The bands kept (the round's own unless marked for deletion) and the new rows filled in."""
    kept = formset.initial_form_count()
    return [
        form.service_data()
        for index, form in enumerate(formset.forms)
        if (index < kept or form.has_changed()) and not formset._should_delete_form(form)
    ]
