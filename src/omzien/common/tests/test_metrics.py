"""/metrics (Prometheus, behind a token) and /readyz (readiness) — issue 17 point 6."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from omzien.common import metrics
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db
TOKEN = "s3cret-token-for-prometheus"


def _value(body: str, name: str) -> float:
    for line in body.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} not in the metrics")


def test_metrics_do_not_exist_without_a_token(client, settings):
    settings.OMZIEN_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


def test_metrics_need_the_token(client, settings):
    settings.OMZIEN_METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_request_time_is_counted_by_view_name_not_path(client, settings):
    settings.OMZIEN_METRICS_TOKEN = TOKEN
    client.get("/healthz")
    client.get("/bestaat-niet/pad-met-id/")
    body = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).content.decode()
    assert 'omzien_request_seconds_count{method="GET",status="2xx",view="healthz"}' in body
    assert 'view="unmatched"' in body
    # Only the label values are checked: an id in a number would collide with timings.
    assert "bestaat-niet" not in body and "pad-met-id" not in body


def test_queue_depth_age_and_failed_logins_are_read_from_the_database(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.OMZIEN_METRICS_TOKEN = TOKEN
    now = timezone.now()
    for minutes in (3, 10):
        task = DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="omzien.common.mail.send_mail_task",
            backend_name="default",
            queue_name="default",
            run_after=now - datetime.timedelta(minutes=minutes),
        )
        DBTaskResult.objects.filter(pk=task.pk).update(
            enqueued_at=now - datetime.timedelta(minutes=minutes)
        )
    for hours in (0, 0, 2):
        AuditEvent.objects.create(
            action=AuditAction.LOGIN_FAILED,
            actor_label="iemand@example.org",
            created_at=now - datetime.timedelta(hours=hours, minutes=1),
        )
    body = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).content.decode()
    assert _value(body, "omzien_task_queue_depth") == 2
    assert 600 <= _value(body, "omzien_task_oldest_waiting_seconds") < 700
    assert _value(body, "omzien_login_failed_last_hour") == 2


def test_a_capability_adds_its_own_gauges(client, settings):
    settings.OMZIEN_METRICS_TOKEN = TOKEN

    def source():
        yield ("omzien_test_gauge", "A gauge of a test capability", 42.0)

    metrics.register(source)
    try:
        body = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).content
    finally:
        metrics._extra.remove(source)
    assert _value(body.decode(), "omzien_test_gauge") == 42


def test_readyz_says_what_is_not_ready(client):
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ok",
        "migrations": "ok",
        "database": "ok",
        "cache": "ok",
    }
    with mock.patch("omzien.common.views.cache.set", side_effect=ConnectionError("down")):
        no_cache = client.get("/readyz")
    assert no_cache.status_code == 503
    assert no_cache.json()["cache"] == "error"


def test_readyz_is_not_ready_with_migrations_pending(client):
    with (
        mock.patch("omzien.common.views._migrated", False),
        mock.patch(
            "omzien.common.views.MigrationExecutor.migration_plan", return_value=[("x", False)]
        ),
    ):
        pending = client.get("/readyz")
    assert pending.status_code == 503
    assert pending.json()["migrations"] == "pending"


def test_readyz_is_not_ready_without_a_database(client):
    with (
        mock.patch("omzien.common.views._migrated", False),
        mock.patch(
            "omzien.common.views.MigrationExecutor.migration_plan",
            side_effect=OperationalError("down"),
        ),
    ):
        down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json()["database"] == "error"
