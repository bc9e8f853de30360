"""Reads that may come from a PostgreSQL streaming replica (docs/operations.md, "Read replica").

The policy monitor and the figures pages read much and write nothing. With
``DATABASE_REPLICA_URL`` set, the reads made inside ``replica_reads()`` (or a view wrapped in
``use_replica``) go to the replica, as long as it is no more than
``DATABASE_REPLICA_MAX_LAG_SECONDS`` behind the primary and answers; otherwise to the primary.
Everything else, every write and every read outside such a block, uses the primary, so nobody
reads a page that misses what they just saved.

Each process asks the replica how far behind it is at most every
``DATABASE_REPLICA_CHECK_SECONDS``: zero when it has replayed everything the primary had written
when asked, else the age of the last transaction it replayed. A replica that does not answer
counts as unusable until the next check.
"""

import logging
import math
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    InterfaceError,
    OperationalError,
    connections,
)

REPLICA = "replica"
logger = logging.getLogger(__name__)

_wanted: ContextVar[bool] = ContextVar("omzien_replica_reads", default=False)

PRIMARY_POSITION_SQL = "SELECT pg_current_wal_lsn()::text"
# Asked on the replica with the primary's current WAL position.
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_replay_lsn() >= %s::pg_lsn THEN 0
    ELSE COALESCE(
        EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()),
        'Infinity'::float8
    )
END
"""


def configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads():
    """The reads inside may come from the replica (when there is one fit to use)."""
    token = _wanted.set(True)
    try:
        yield
    finally:
        _wanted.reset(token)


def use_replica(view):
    """A view whose reads may come from the replica. It must write nothing: when the replica
    fails during the view (it went down since the last check), the view runs again on the
    primary."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            with replica_reads():
                return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            if not health.usable:
                raise  # the replica was not used: the primary failed
            health.mark_down()
            if REPLICA in connections:
                connections[REPLICA].close()  # a new connection at the next check
            logger.warning("Read replica failed during a page; reads go to the primary.")
            return view(request, *args, **kwargs)

    return wrapped


def measure_lag() -> float | None:
    """Seconds the replica is behind the primary, or None when it does not answer."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(PRIMARY_POSITION_SQL)
        (primary_position,) = cursor.fetchone()
    replica = connections[REPLICA]
    try:
        with replica.cursor() as cursor:
            cursor.execute(LAG_SQL, [primary_position])
            (lag,) = cursor.fetchone()
    except DatabaseError:
        replica.close()  # a new connection at the next check
        return None
    return float(lag)


class _Health:
    """This process's latest finding about the replica."""

    def __init__(self):
        self.checked_at = -math.inf
        self.lag: float | None = None
        self.usable = False

    def reset(self) -> None:
        self.__init__()

    def mark_down(self) -> None:
        """Unusable until the next check."""
        self.checked_at, self.lag, self.usable = time.monotonic(), None, False


health = _Health()


def replica_usable() -> bool:
    if not configured():
        return False
    now = time.monotonic()
    if now - health.checked_at >= settings.OMZIEN_REPLICA_CHECK_SECONDS:
        health.checked_at = now
        try:
            lag = measure_lag()
        except DatabaseError:  # the primary did not answer: the read will say so itself
            lag = None
        usable = lag is not None and lag <= settings.OMZIEN_REPLICA_MAX_LAG_SECONDS
        if usable != health.usable:
            if usable:
                logger.info("Read replica in use again (%.1f s behind).", lag)
            else:
                logger.warning(
                    "Read replica not used: %s; reads go to the primary.",
                    "it does not answer"
                    if lag is None
                    else f"{lag:.1f} s behind (at most {settings.OMZIEN_REPLICA_MAX_LAG_SECONDS})",
                )
        health.lag, health.usable = lag, usable
    return health.usable


class ReplicaRouter:
    """``DATABASE_ROUTERS``: reads in a ``replica_reads()`` block to a fit replica."""

    def db_for_read(self, model, **hints):
        if _wanted.get() and replica_usable():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from one relates to the other's.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA  # a replica follows the primary's schema by itself


def metrics():
    """For ``/metrics`` (common.metrics.register): the replica's lag as last checked."""
    if not configured():
        return
    replica_usable()
    yield (
        "omzien_database_replica_lag_seconds",
        "Seconds the read replica is behind the primary (-1: it does not answer)",
        -1.0 if health.lag is None else min(health.lag, 1e9),
    )
    yield (
        "omzien_database_replica_in_use",
        "1 when this process reads from the replica, 0 when it falls back to the primary",
        1.0 if health.usable else 0.0,
    )
