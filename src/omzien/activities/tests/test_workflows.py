from pathlib import Path

from omzien.activities.workflows import SIGNUP
from omzien.common.tests.workflows import workflow_field_writes


def test_only_the_workflow_writes_a_sign_up_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {SIGNUP.field}) == []
