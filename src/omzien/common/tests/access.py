"""How the authorization walk (ui/tests/test_authorization.py) requests common's URLs."""

from omzien.ui.tests.access import Page

PAGES = {
    "healthz": Page(),
}
