"""How the authorization walk (ui/tests/test_authorization.py) requests privacy's URLs."""

from omzien.ui.tests.access import Page

PAGES = {
    "privacy:audit_list": Page(),
}
