"""How the authorization walk (ui/tests/test_authorization.py) requests tenants' URLs."""

from omzien.ui.tests.access import Page

PAGES = {
    "tenants:settings": Page(lambda s: {"municipality_id": s.municipality.pk}),
    # Public: a municipality without a logo answers 404 for everyone (tenants/tests).
    "tenants:logo": Page(lambda s: {"slug": s.municipality.slug}, success=404),
}
