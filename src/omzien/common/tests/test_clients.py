"""The visitor's address behind trusted proxies: one rule for the audit trail, django-axes, the
rate limits and the API."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from omzien.common.clients import client_ip
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent


def request_from(remote="10.0.0.1", forwarded=""):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_behind_trusted_proxies_the_address_the_outermost_one_saw_counts(settings):
    settings.OMZIEN_TRUSTED_PROXY_COUNT = 1
    # The client wrote the first entry itself; the balancer appended the real address.
    assert client_ip(request_from(forwarded="6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    settings.OMZIEN_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from(forwarded="6.6.6.6, 203.0.113.7, 10.0.0.9")) == "203.0.113.7"
    assert client_ip(request_from(forwarded="2001:db8::1, 10.0.0.9")) == "2001:db8::1"


def test_without_trusted_proxies_the_header_is_never_read(settings):
    settings.OMZIEN_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(forwarded="203.0.113.7")) == "10.0.0.1"


@pytest.mark.parametrize("forwarded", ["", "203.0.113.7", "<script>, 10.0.0.9", "x" * 300])
def test_a_header_too_short_or_not_an_address_falls_back_to_the_connection(settings, forwarded):
    settings.OMZIEN_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from(forwarded=forwarded)) == "10.0.0.1"


@pytest.mark.django_db
def test_the_audit_trail_records_the_client_not_the_balancer(settings):
    settings.OMZIEN_TRUSTED_PROXY_COUNT = 1
    audit_log(
        action=AuditAction.VIEW,
        actor_label="test",
        request=request_from(forwarded="203.0.113.7"),
    )
    assert AuditEvent.objects.get().ip_address == "203.0.113.7"


@pytest.mark.django_db
def test_a_failed_login_is_recorded_with_the_client_not_the_balancer(client, settings):
    settings.OMZIEN_TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("two_factor:login"),
        {
            "login_view-current_step": "auth",
            "auth-username": "niemand@example.org",
            "auth-password": "fout",
        },
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
