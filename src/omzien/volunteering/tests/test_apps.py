"""What the app registers with the platform when Django starts."""

from omzien.privacy.retention import rules
from omzien.volunteering.services.retention import volunteering_apply_retention


def test_retention_rule_is_registered():
    assert rules()["volunteering_apply_retention"] is volunteering_apply_retention
