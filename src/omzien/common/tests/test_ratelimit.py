import pytest
from django.test import RequestFactory

from omzien.common import ratelimit
from omzien.common.ratelimit import rate_limit_hit, rate_limit_message


@pytest.fixture
def limits(settings):
    settings.OMZIEN_RATE_LIMITS = {"test": {"ip": 3, "address": 2}}
    settings.OMZIEN_RATE_LIMIT_PERIOD = 3600
    return settings


def request_from(ip="192.0.2.1", forwarded=""):
    extra = {"REMOTE_ADDR": ip}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_over_the_limit_per_client_address(limits):
    for _ in range(3):
        assert rate_limit_hit(request_from(), scope="test") is None
    wait = rate_limit_hit(request_from(), scope="test")
    assert 0 < wait <= 3600
    assert rate_limit_hit(request_from("192.0.2.2"), scope="test") is None  # another visitor


def test_over_the_limit_per_e_mail_address_from_any_client(limits):
    assert rate_limit_hit(request_from("192.0.2.1"), scope="test", address="a@example.org") is None
    assert rate_limit_hit(request_from("192.0.2.2"), scope="test", address="A@example.org") is None
    assert rate_limit_hit(request_from("192.0.2.3"), scope="test", address="a@example.org")
    assert rate_limit_hit(request_from("192.0.2.4"), scope="test", address="b@example.org") is None


def test_the_counters_start_again_in_the_next_window(limits, monkeypatch):
    monkeypatch.setattr(ratelimit.time, "time", lambda: 7200.0)
    for _ in range(3):
        rate_limit_hit(request_from(), scope="test")
    assert rate_limit_hit(request_from(), scope="test") == 3600
    monkeypatch.setattr(ratelimit.time, "time", lambda: 10800.0)
    assert rate_limit_hit(request_from(), scope="test") is None


def test_the_cache_holds_no_e_mail_address(limits):
    from django.core.cache import cache

    rate_limit_hit(request_from(), scope="test", address="geheim@example.org")
    assert not any("geheim" in key for key in cache._cache)  # locmem's store


def test_the_message_is_dutch_and_says_how_long():
    assert rate_limit_message(59 * 60 + 1) == (
        "U heeft dit formulier te vaak verstuurd. Wacht 60 minuten en verstuur het dan "
        "opnieuw; wat u heeft ingevuld, staat er nog."
    )
    assert "Wacht 1 minuut" in rate_limit_message(20)
