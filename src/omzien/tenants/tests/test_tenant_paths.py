"""Every row of a capability that can hold personal data declares its tenant path."""

import pytest
from django.apps import apps
from django.db.models.constants import LOOKUP_SEP

from omzien.tenants.models import Municipality

CAPABILITIES = ("caregivers", "volunteering", "buddies", "concerns", "wellbeing")
# Models of a capability without personal data, each with its reason.
NOT_PERSONAL = {
    "caregivers.caregiversettings": "a municipality's thresholds, no person in it",
    "volunteering.volunteeringsettings": "a municipality's allowance maxima, no person in it",
    "concerns.concernsettings": "a municipality's response times, no person in it",
    "volunteering.matchingchange": "the matching engine's change log: record ids, no person in it",
}


def _models():
    for label in CAPABILITIES:
        yield from apps.get_app_config(label).get_models()


def _follow(model, path: str):
    """The model a lookup path ends on (``caregiver__municipality`` -> Municipality)."""
    for name in path.split(LOOKUP_SEP):
        model = model._meta.get_field(name).related_model
    return model


@pytest.mark.parametrize("model", list(_models()), ids=lambda m: m._meta.label_lower)
def test_a_capability_model_declares_who_may_see_its_rows(model):
    if model._meta.label_lower in NOT_PERSONAL:
        return
    assert hasattr(model._default_manager, "visible_to"), "no TenantQuerySet"
    assert _follow(model, model.tenant_field) is Municipality
    assert model.visible_roles, "no role may see its rows"
    owner = getattr(model, "owner_field", None)
    if owner:
        assert _follow(model, owner)._meta.label_lower == "accounts.user"


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(_models()), ids=lambda m: m._meta.label_lower)
def test_the_declared_paths_make_a_query_the_database_accepts(model, make_member, heerde):
    if model._meta.label_lower in NOT_PERSONAL:
        return
    user = make_member(model.visible_roles[0], heerde)
    assert list(model._default_manager.visible_to(user)) == []
