"""How the authorization walk (ui/tests/test_authorization.py) requests the API's URLs: all
public (``accounts.permissions.public`` on each view), with the published records the other
apps' ``build`` made for each side."""

from omzien.ui.tests.access import Page

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
}
