"""A form that edits a record with a ``version`` sends the version it showed.

Without it the service cannot tell a stale edit from a fresh one (``check_version``): two
people editing the same record would overwrite each other, or every save would be refused. The
project's forms are found through the installed apps, so a new capability is checked too.
"""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps

from omzien.tenants.models import Municipality
from omzien.ui.forms import VersionedModelForm

# Forms whose page sends the version itself (a hidden input in the template).
SENT_BY_THE_TEMPLATE = {"omzien.tenants.forms.MunicipalityTextsForm"}
# Forms that only ever make a new record (a registration, an application, a report): there is
# no earlier version to start from.
CREATE_ONLY = {
    "omzien.appreciation.forms.applications.ApplicationForm",
    "omzien.caregivers.forms.caregivers.SelfRegistrationForm",
    "omzien.concerns.forms.PublicReportForm",
    "omzien.concerns.forms.ProfessionalReportForm",
    "omzien.concerns.forms.StaffReportForm",
    "omzien.concerns.forms._ReportForm",
    "omzien.recognition.forms.NominationForm",
}


def _project_model_forms() -> list[type[forms.ModelForm]]:
    for config in apps.get_app_configs():
        if not config.name.startswith("omzien."):
            continue
        for module in pkgutil.walk_packages(
            [config.path], prefix=f"{config.name}.", onerror=lambda name: None
        ):
            leaf = module.name.rsplit(".", 1)[-1]
            if (leaf == "forms" or ".forms." in module.name) and ".tests" not in module.name:
                importlib.import_module(module.name)
    found, unvisited = [], [forms.ModelForm]
    while unvisited:
        for sub in unvisited.pop().__subclasses__():
            unvisited.append(sub)
            if sub.__module__.startswith("omzien.") and getattr(sub._meta, "model", None):
                found.append(sub)
    return found


def test_every_form_of_a_versioned_record_sends_its_version():
    forms_found = _project_model_forms()
    assert len(forms_found) > 30  # the discovery works
    missing = [
        f"{form.__module__}.{form.__name__}"
        for form in forms_found
        if any(field.name == "version" for field in form._meta.model._meta.fields)
        and "version" not in form.base_fields
        and f"{form.__module__}.{form.__name__}" not in SENT_BY_THE_TEMPLATE | CREATE_ONLY
    ]
    assert missing == []


class _MunicipalityForm(VersionedModelForm):
    class Meta:
        model = Municipality
        fields = ["name"]


class _RequiredVersionForm(_MunicipalityForm):
    version_required = True


def test_a_versioned_form_shows_the_version_of_the_record_it_edits():
    form = _MunicipalityForm(instance=Municipality(pk=7, name="Heerde", version=4))
    assert form.fields["version"].initial == 4
    assert 'name="version" value="4"' in str(form["version"])


def test_a_versioned_form_for_a_new_record_has_no_version():
    assert "version" not in _MunicipalityForm().fields


@pytest.mark.django_db  # the form checks that the name is unique
def test_a_version_is_required_only_where_the_form_says_so():
    data = {"name": "Heerde"}
    instance = Municipality(pk=7, name="Epe", version=4)
    assert _MunicipalityForm(data, instance=instance).is_valid()
    strict = _RequiredVersionForm(data, instance=Municipality(pk=7, name="Epe", version=4))
    assert not strict.is_valid()
    assert strict.errors["version"][0]
    fresh = _RequiredVersionForm({**data, "version": "4"}, instance=instance)
    assert fresh.is_valid()
    assert "version" not in fresh.data_for_service()
