"""The read replica's router: reads in a replica block go to a replica that is fit to use, and
to the primary when it lags or does not answer; writes always go to the primary.

The real thing (a streaming replica made with pg_basebackup, stopped and lagging) is checked by
``make replica-drill`` (tools/replica_drill.py; docs/operations.md)."""

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection
from django.test import override_settings

from omzien.common import replica
from omzien.tenants.models import Municipality

router = replica.ReplicaRouter()
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the lag query is PostgreSQL's"
)


@pytest.fixture
def lag(monkeypatch):
    """A replica whose lag the test sets (``lag.value``; None: it does not answer)."""

    class Lag:
        value: float | None = 0.0
        asked = 0

    def measure():
        Lag.asked += 1
        return Lag.value

    replica.health.reset()
    monkeypatch.setattr(replica, "configured", lambda: True)
    monkeypatch.setattr(replica, "measure_lag", measure)
    yield Lag
    replica.health.reset()


def read_db():
    return router.db_for_read(Municipality)


def test_without_a_replica_everything_reads_the_primary():
    assert not replica.configured()
    with replica.replica_reads():
        assert read_db() is None  # Django's default: the primary
        assert not replica.replica_usable()


def test_only_reads_in_a_replica_block_go_to_the_replica(lag):
    assert read_db() is None
    with replica.replica_reads():
        assert read_db() == replica.REPLICA
        assert router.db_for_write(Municipality) == DEFAULT_DB_ALIAS
    assert read_db() is None


@override_settings(OMZIEN_REPLICA_MAX_LAG_SECONDS=30, OMZIEN_REPLICA_CHECK_SECONDS=0)
@pytest.mark.parametrize(
    ("seconds_behind", "used"), [(0.0, True), (30.0, True), (30.5, False), (None, False)]
)
def test_a_lagging_or_silent_replica_falls_back_to_the_primary(lag, seconds_behind, used):
    lag.value = seconds_behind
    with replica.replica_reads():
        assert read_db() == (replica.REPLICA if used else None)
    lag.value = 0.0  # caught up again: used at the next check
    with replica.replica_reads():
        assert read_db() == replica.REPLICA


@override_settings(OMZIEN_REPLICA_CHECK_SECONDS=3600)
def test_the_lag_is_asked_at_most_once_per_interval(lag):
    with replica.replica_reads():
        for _ in range(5):
            read_db()
    assert lag.asked == 1


@override_settings(OMZIEN_REPLICA_CHECK_SECONDS=0)
def test_a_primary_that_does_not_answer_the_check_means_no_replica(lag, monkeypatch):
    def down():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(replica, "measure_lag", down)
    assert not replica.replica_usable()


def test_the_replica_is_never_migrated_and_relations_span_both():
    assert not router.allow_migrate(replica.REPLICA, "tenants")
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "tenants")
    one, other = Municipality(), Municipality()
    one._state.db, other._state.db = replica.REPLICA, DEFAULT_DB_ALIAS
    assert router.allow_relation(one, other)


def test_a_replica_view_keeps_its_declared_audience():
    from omzien.accounts.permissions import audience_of, public

    @public
    @replica.use_replica
    def page(request):
        return replica._wanted.get()

    assert audience_of(page) is not None
    assert page(None) is True  # the view body runs in a replica block
    assert replica._wanted.get() is False


@override_settings(OMZIEN_REPLICA_CHECK_SECONDS=0)
def test_metrics_report_the_lag(lag):
    lag.value = 2.5
    assert {name: value for name, _help, value in replica.metrics()} == {
        "omzien_database_replica_lag_seconds": 2.5,
        "omzien_database_replica_in_use": 1.0,
    }
    lag.value = None
    assert {name: value for name, _help, value in replica.metrics()} == {
        "omzien_database_replica_lag_seconds": -1.0,
        "omzien_database_replica_in_use": 0.0,
    }


@postgres_only
@pytest.mark.django_db
def test_the_lag_query_runs_on_postgresql(monkeypatch):
    # The test database stands in for the replica: not in recovery, so nothing behind.
    monkeypatch.setattr(replica, "REPLICA", DEFAULT_DB_ALIAS)
    assert replica.measure_lag() == 0.0
    assert connection.vendor == "postgresql"


@override_settings(OMZIEN_REPLICA_CHECK_SECONDS=3600)
def test_a_replica_that_fails_during_a_page_gives_way_to_the_primary(lag):
    from omzien.accounts.permissions import public

    used = []

    @public
    @replica.use_replica
    def page(request):
        db = read_db()
        used.append(db)
        if db == replica.REPLICA:
            raise OperationalError("connection to server at 127.0.0.1, port 5434 failed")
        return "from the primary"

    assert page(None) == "from the primary"
    assert used == [replica.REPLICA, None]
    assert not replica.health.usable  # until the next check


def test_a_failing_primary_is_not_retried(lag):
    from omzien.accounts.permissions import public

    replica.health.mark_down()

    @public
    @replica.use_replica
    def page(request):
        raise OperationalError("the primary is down")

    with pytest.raises(OperationalError):
        page(None)
