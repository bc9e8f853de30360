"""How the authorization walk (ui/tests/test_authorization.py) requests common's URLs."""

from omzien.ui.tests.access import Page

PAGES = {
    "healthz": Page(),
    "readyz": Page(),
    # No METRICS_TOKEN in the tests: 404 for everyone (test_metrics.py sets one).
    "metrics": Page(success=404),
    # Only the person who asked reaches an export job: caregivers/tests/test_export_jobs.py.
    "common:export_job": Page(lambda s: {"pk": 999999}, success=404),
    "common:export_download": Page(lambda s: {"pk": 999999}, success=404),
}
