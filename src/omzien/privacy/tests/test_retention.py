import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from omzien.accounts.services import unconfirmed_signups_apply_retention
from omzien.privacy import retention


@pytest.fixture
def fake_rules(monkeypatch):
    """An empty registry with two rules that record that they ran."""
    monkeypatch.setattr(retention, "_rules", {})
    ran = []

    def first() -> int:
        ran.append("first")
        return 2

    def second() -> int:
        ran.append("second")
        return 0

    retention.register_rule("first", first)
    retention.register_rule("second", second)
    return ran


def test_apply_retention_runs_every_rule_in_registration_order(fake_rules):
    assert list(retention.apply_retention().items()) == [("first", 2), ("second", 0)]
    assert fake_rules == ["first", "second"]


@pytest.mark.parametrize("now", [True, False])
def test_command_runs_every_rule(fake_rules, capsys, now):
    call_command("apply_retention", *(["--now"] if now else []))
    if now:
        assert json.loads(capsys.readouterr().out) == {"first": 2, "second": 0}
    assert fake_rules == ["first", "second"]  # immediate backend in tests runs the task


def test_a_second_rule_under_a_taken_name_is_refused(fake_rules):
    retention.register_rule("first", retention.rules()["first"])  # the same rule again: fine
    with pytest.raises(ImproperlyConfigured):
        retention.register_rule("first", lambda: 0)
    assert len(retention.rules()) == 2


def test_apps_register_their_rules_when_ready():
    assert (
        retention.rules()["unconfirmed_signups_apply_retention"]
        is unconfirmed_signups_apply_retention
    )
