"""What the app registers with the platform when Django starts."""

from omzien.buddies.services import buddies_apply_retention
from omzien.privacy.retention import rules


def test_retention_rule_is_registered():
    assert rules()["buddies_apply_retention"] is buddies_apply_retention
