"""How the authorization walk (ui/tests/test_authorization.py) requests the API's URLs: all
public (``accounts.permissions.public`` on each view), with the published records the other
apps' ``build`` made for each side."""

from omzien.accounts.constants import Role
from omzien.api import scopes
from omzien.ui.tests.access import Page, action

PAGES = {
    "api:root": Page(),
    # Any other address under /api/v1/: a 404 problem for everyone.
    "api:unknown": Page(lambda s: {"rest": "nothing/"}, success=404),
    "api:schema": Page(),
    "api:docs": Page(),
    "api:vacancy_list": Page(),
    "api:vacancy_detail": Page(lambda s: {"pk": s.vacancy.pk}),
    "api:organisation_list": Page(),
    "api:organisation_detail": Page(lambda s: {"pk": s.organisation.pk}),
    "api:entry_list": Page(),
    "api:entry_detail": Page(lambda s: {"pk": s.directory_entry.pk}),
    "api:hsds": Page(lambda s: {"municipality": s.municipality.slug}),
    "api:activity_list": Page(),
    "api:activity_detail": Page(lambda s: {"pk": s.town_activity.pk}),
    "api:occurrence_list": Page(),
    "api:indicator_list": Page(),
    "api:indicator_detail": Page(lambda s: {"pk": s.monitor_programme.pk}),
}

# The partner endpoints ignore the session: without a key everyone gets 401 (the key's role and
# scopes are proven in test_partner.py).
_NO_KEY = Page(success=401)
_NO_KEY_RECORD = Page(lambda s: {"pk": 1}, success=401)
PAGES.update(
    {
        "api:partner_carer_create": _NO_KEY,
        "api:partner_referral_list": _NO_KEY,
        "api:partner_referral_detail": _NO_KEY_RECORD,
        "api:partner_vacancy_list": _NO_KEY,
        "api:partner_vacancy_detail": _NO_KEY_RECORD,
        "api:partner_vacancy_status": _NO_KEY_RECORD,
        "api:partner_response_list": _NO_KEY,
        "api:partner_response_detail": _NO_KEY_RECORD,
        "api:partner_response_status": _NO_KEY_RECORD,
    }
)


def build(side) -> None:
    """A partner key of the side's municipality (issued by its functional administrator)."""
    from omzien.api.tests.keys import issue

    side.api_key, _headers = issue(side.municipality, Role.CONSULTANT, [scopes.REFERRALS_READ])


PAGES.update(
    {
        "api_keys:list": Page(),
        "api_keys:issue": Page(lambda s: {"municipality_id": s.municipality.pk}),
        "api_keys:revoke": action(lambda s: {"pk": s.api_key.pk}),
    }
)
