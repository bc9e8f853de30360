"""Running the automatic checks again for a whole round (staff's "Opnieuw controleren").

After the registry was updated or a rule of the round corrected, and before the decisions,
staff have every submitted application checked again. ``recheck_round`` does it in bulk: the
results come from ``rules.check_many`` (everything the rules need read at once; the same results
as ``rules.check`` one by one, proven in ``tests/test_rules.py``) and are written in chunks of
``CHUNK`` rows: per chunk one locking read, one update per distinct outcome of the rows whose
results changed (their ``version`` goes up, so a decision form opened before the run is refused
as stale), one insert of their audit events and one write of the progress. A round of 5,000
applications takes a fixed number of queries per chunk and outcome.

Concurrency: a row whose ``version`` changed since it was read (staff corrected it, and
``correct`` ran its checks again) or that was decided meanwhile is left as it is. From the round's
page the run is a background task (``start_recheck``, ``tasks.recheck_round_task``); the
``CheckRun`` row shows its progress, and at most one run of a round is unfinished at a time.
"""

import json

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from omzien.appreciation import constants, rules
from omzien.appreciation.models import Application, CheckRun, Round
from omzien.appreciation.services.payments import require_staff
from omzien.common.services import Actor
from omzien.common.workers import claim
from omzien.privacy.audit import audit_by, audit_many
from omzien.privacy.constants import AuditAction

CHUNK = 500
REASON = "appreciation checks run again"


def to_recheck(round: Round):  # noqa: A002
    """The applications a run checks again: submitted, not decided, personal details kept."""
    return Application.objects.filter(
        round=round,
        status=constants.ApplicationStatus.SUBMITTED,
        personal_data_removed_at__isnull=True,
    )


def recheck_round(*, round: Round, actor: Actor, progress=None) -> dict[str, int]:  # noqa: A002
    """Run the automatic checks again on every submitted application of ``round`` and store
    the results that changed. ``progress(done, total)`` is called after each chunk. Returns
    the counts: ``checked``, ``changed`` and ``failing`` (applications that fail a check now)."""
    require_staff(round.municipality_id, actor)
    applications = list(to_recheck(round).order_by("pk"))
    results = rules.check_many(round, applications)
    now = timezone.now()
    counts = {"checked": 0, "changed": 0, "failing": 0}
    for start in range(0, len(applications), CHUNK):
        chunk = applications[start : start + CHUNK]
        read = {a.pk: a.version for a in chunk}
        with transaction.atomic():
            current = set(
                to_recheck(round)
                .select_for_update(of=("self",))
                .filter(pk__in=list(read))
                .values_list("pk", "version")
            )
            changed = []
            for application in chunk:
                if (application.pk, read[application.pk]) not in current:
                    continue  # corrected (and checked) or decided since it was read
                counts["checked"] += 1
                found = results[application.pk]
                counts["failing"] += bool(found)
                if found != application.check_results:
                    application.check_results = found
                    changed.append(application)
            _store(changed, now)
            audit_many(AuditAction.UPDATE, changed, actor, reason=REASON)
            counts["changed"] += len(changed)
        if progress is not None:
            progress(start + len(chunk), len(applications))
    audit_by(AuditAction.UPDATE, round, actor, reason=REASON, extra=counts)
    return counts


def _store(changed: list[Application], now) -> None:
    """Write the new results: one UPDATE per distinct outcome in the chunk (after a corrected
    rule most rows share one: every check passed, or the same refusal), which is much cheaper
    than a CASE per row (``bulk_update``)."""
    by_outcome: dict[str, tuple[list, list[int]]] = {}
    for application in changed:
        key = json.dumps(application.check_results, sort_keys=True)
        by_outcome.setdefault(key, (application.check_results, []))[1].append(application.pk)
    for results, pks in by_outcome.values():
        Application.objects.filter(pk__in=pks).update(
            check_results=results, version=F("version") + 1, updated_at=now
        )


def start_recheck(*, round: Round, actor: Actor) -> CheckRun:  # noqa: A002
    """Queue a run of the round's checks (a background task once this commits) and return
    it; while a run of the round is unfinished, that one is returned instead."""
    require_staff(round.municipality_id, actor)
    try:
        with transaction.atomic():
            Round.objects.select_for_update().filter(pk=round.pk).first()
            running = CheckRun.objects.filter(round=round, finished_at__isnull=True).first()
            if running is not None:
                return running
            run = CheckRun.objects.create(round=round, requested_by=actor.authenticated_user)
            audit_by(AuditAction.CREATE, round, actor, reason="appreciation check run queued")
    except IntegrityError:  # a click at the same moment made it (the one-open constraint)
        return CheckRun.objects.get(round=round, finished_at__isnull=True)
    from omzien.appreciation.tasks import recheck_round_task

    transaction.on_commit(lambda: recheck_round_task.enqueue(run_id=run.pk))
    return run


def run_recheck(*, run_id: int, task_id: str) -> CheckRun | None:
    """The background task's work: run the checks of a queued run, writing its progress, and
    mark it finished (with the error, should it fail, so the page does not wait forever). The
    task run ``task_id`` claims it (``common.workers.claim``): the same task put back after its
    worker died checks every application again."""
    runs = CheckRun.objects.filter(pk=run_id, finished_at__isnull=True)
    if not claim(
        runs, unclaimed=Q(started_at__isnull=True), task_id=task_id, started_at=timezone.now()
    ):
        return None  # run already (a second enqueue)
    run = CheckRun.objects.select_related("round", "requested_by").get(pk=run_id)

    def progress(done: int, total: int) -> None:
        CheckRun.objects.filter(pk=run_id).update(done=done, total=total)

    try:
        counts = recheck_round(
            round=run.round, actor=Actor(user=run.requested_by), progress=progress
        )
    except Exception as error:
        CheckRun.objects.filter(pk=run_id).update(
            finished_at=timezone.now(), error=str(error)[:255] or error.__class__.__name__
        )
        raise
    CheckRun.objects.filter(pk=run_id).update(
        finished_at=timezone.now(),
        total=counts["checked"],
        done=counts["checked"],
        changed=counts["changed"],
        failing=counts["failing"],
    )
    run.refresh_from_db()
    return run
