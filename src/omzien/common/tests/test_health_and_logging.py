import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from pythonjsonlogger.json import JsonFormatter

from omzien.common.logging import RequestIdFilter
from omzien.common.request_id import reset_request_id, set_request_id


@pytest.mark.django_db
def test_healthz_answers_200_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_database_does_not(client):
    with mock.patch("omzien.common.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_request_id_is_echoed_or_made(client):
    given = client.get("/healthz", headers={"X-Request-ID": "lb-abcdef123456"})
    assert given["X-Request-ID"] == "lb-abcdef123456"
    made = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert made["X-Request-ID"] != "<script>"
    assert len(made["X-Request-ID"]) == 32


def test_json_log_lines_carry_the_request_id():
    formatter = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s")
    record = logging.LogRecord("omzien", logging.INFO, __file__, 1, "hallo", None, None)
    token = set_request_id("req-abc-123456")
    try:
        RequestIdFilter().filter(record)
    finally:
        reset_request_id(token)
    line = json.loads(formatter.format(record))
    assert line["message"] == "hallo"
    assert line["request_id"] == "req-abc-123456"
