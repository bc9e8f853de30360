"""Buddy programmes: the writes.

A broker or carer consultant of the programme's municipality keeps the programme and its two
groups, runs the pairing engine (:mod:`omzien.matching.pairing`), takes the stable or the best
proposal, pairs two people by hand, confirms pairs (which plans the check-ins after 1 and 3
months) and ends them. Every service checks the actor, locks what two people may change at
once, validates, writes the audit event, and refuses a stale edit with :class:`EditConflict`.
A pair's status changes only along the workflow ``workflows.PAIR``, which logs each step.

A participant is in at most one proposed-or-confirmed pair; the database enforces it too.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.buddies import constants as buddies_constants
from omzien.buddies.models import (
    STAFF,
    BuddyCheckIn,
    BuddyPair,
    BuddyPairTransition,
    BuddyParticipant,
    BuddyProgramme,
)
from omzien.buddies.workflows import PAIR
from omzien.common.dates import add_months, age_on
from omzien.common.services import Actor, EditConflict, apply_changes, check_version
from omzien.common.workflow import Step
from omzien.matching import pairing
from omzien.matching.geo import distance_table
from omzien.notifications.services import notify_role
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import ANONYMOUS_NAME, AuditAction
from omzien.volunteering.constants import DAY_PART_CODES, LANGUAGES, ConsentHow, Domain
from omzien.volunteering.selectors.vog import vog_ready_profile_ids

__all__ = ["Actor", "DuplicateParticipant", "EditConflict"]

CHECK_IN_MONTHS = (1, 3)
PROGRAMME_FIELDS = ("name", "description", "label_a", "label_b", "vog_side", "active")
PARTICIPANT_FIELDS = (
    "side",
    "name",
    "email",
    "phone",
    "gender",
    "date_of_birth",
    "languages",
    "interests",
    "locality",
    "travel_km",
    "day_parts",
    "wish_genders",
    "wish_age_min",
    "wish_age_max",
    "wish_languages",
    "notes",
    "consent_given_on",
    "consent_how",
    "volunteer_profile",
)
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGES)
OPEN = (buddies_constants.PairStatus.PROPOSED, buddies_constants.PairStatus.CONFIRMED)
PROPOSED = gettext_lazy("A resident has been proposed for a buddy programme.")


# --- Helpers ---------------------------------------------------------------------------------


def _check_staff(actor: Actor, municipality_id: int) -> None:
    user = actor.user
    if not (getattr(user, "is_authenticated", False) and user.has_role_in(municipality_id, *STAFF)):
        raise PermissionDenied


def _bump(obj, fields: list[str]) -> None:
    obj.version = F("version") + 1
    obj.save(update_fields=[*fields, "version", "updated_at"])
    obj.refresh_from_db(fields=["version"])


def _record(pair: BuddyPair, step: Step, actor: Actor, fields: list[str]) -> None:
    """``_bump`` for a step of the pair's workflow: the status and ``fields``, one log row.
    The caller writes the audit event, with its own reason."""
    pair.version = F("version") + 1
    PAIR.record(
        pair, step=step, actor=actor, fields=[*fields, "version", "updated_at"], audit=False
    )
    pair.refresh_from_db(fields=["version"])


def _errors_of(obj, exclude: list[str]) -> dict[str, list[ValidationError]]:
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        return {field: list(field_errors) for field, field_errors in error.error_dict.items()}
    return {}


def _lock_programme(pk: int) -> BuddyProgramme:
    return (
        BuddyProgramme.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=pk)
    )


def _lock_participant(pk: int) -> BuddyParticipant:
    return (
        BuddyParticipant.objects.select_for_update(of=("self",))
        .select_related("municipality", "programme", "locality")
        .get(pk=pk)
    )


def _lock_pair(pk: int) -> BuddyPair:
    return (
        BuddyPair.objects.select_for_update(of=("self",))
        .select_related("municipality", "programme", "participant_a", "participant_b")
        .get(pk=pk)
    )


# --- Programmes ------------------------------------------------------------------------------


def _validate_programme(programme: BuddyProgramme) -> None:
    for field in ("name", "label_a", "label_b", "description"):
        setattr(programme, field, (getattr(programme, field) or "").strip())
    errors = _errors_of(programme, ["municipality", "created_by", "version", "last_run"])
    if (
        programme.name
        and BuddyProgramme.objects.filter(
            municipality_id=programme.municipality_id, name__iexact=programme.name
        )
        .exclude(pk=programme.pk)
        .exists()
    ):
        errors.setdefault("name", []).append(
            ValidationError(
                _("There is already a buddy programme with this name in this municipality."),
                code="duplicate_name",
            )
        )
    if programme.label_a and programme.label_a.lower() == (programme.label_b or "").lower():
        errors.setdefault("label_b", []).append(
            ValidationError(_("Give the two groups different names."), code="same_labels")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_create(*, municipality, data: dict, actor: Actor) -> BuddyProgramme:
    _check_staff(actor, municipality.pk)
    programme = BuddyProgramme(municipality=municipality, created_by=actor.authenticated_user)
    apply_changes(programme, data, PROGRAMME_FIELDS)
    _validate_programme(programme)
    programme.save()
    audit_by(AuditAction.CREATE, programme, actor)
    return programme


@transaction.atomic
def programme_update(
    *, programme: BuddyProgramme, version: int | None, data: dict, actor: Actor
) -> BuddyProgramme:
    current = _lock_programme(programme.pk)
    _check_staff(actor, current.municipality_id)
    check_version(current, version, required=False)
    changed = apply_changes(current, data, PROGRAMME_FIELDS)
    _validate_programme(current)
    if changed:
        _bump(current, changed)
        audit_by(AuditAction.UPDATE, current, actor, reason=",".join(changed))
    return current


# --- Participants ----------------------------------------------------------------------------


def _unknown(values, allowed) -> list[str]:
    return sorted(set(values or []) - set(allowed))


def _validate_participant(participant: BuddyParticipant) -> None:
    for field in ("name", "email", "phone", "notes"):
        setattr(participant, field, (getattr(participant, field) or "").strip())
    participant.email = participant.email.lower()
    errors = _errors_of(
        participant,
        ["programme", "municipality", "created_by", "version", "volunteer_profile", "left_on"],
    )

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    today = timezone.localdate()
    if participant.date_of_birth and participant.date_of_birth > today:
        add("date_of_birth", _("The date of birth lies in the future."), "future")
    for field, allowed in (
        ("languages", LANGUAGE_CODES),
        ("wish_languages", LANGUAGE_CODES),
        ("interests", Domain.values),
        ("day_parts", DAY_PART_CODES),
        ("wish_genders", buddies_constants.Gender.values),
    ):
        unknown = _unknown(getattr(participant, field), allowed)
        if unknown:
            add(field, _("Unknown choice: %s") % ", ".join(unknown), "invalid_choice")
    low, high = participant.wish_age_min, participant.wish_age_max
    if low is not None and high is not None and low > high:
        add("wish_age_max", _("The highest age is lower than the lowest age."), "age_range")
    if participant.locality_id and (
        participant.locality.municipality_id != participant.municipality_id
    ):
        add(
            "locality",
            _("Choose a locality in the municipality of this programme."),
            "locality_other_municipality",
        )
    if not (participant.email or participant.phone):
        add("email", _("Fill in an e-mail address or a phone number."), "contact_required")
    if participant.consent_given_on and participant.consent_given_on > today:
        add("consent_given_on", _("The date of consent lies in the future."), "future")
    profile = participant.volunteer_profile
    if profile is not None:
        if participant.side != buddies_constants.Side.B:
            add(
                "volunteer_profile",
                _("Only a volunteer in group B can have a volunteer profile."),
                "wrong_side",
            )
        elif profile.municipality_id != participant.municipality_id:
            add(
                "volunteer_profile",
                _("Choose a volunteer profile of this municipality."),
                "profile_other_municipality",
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def participant_create(*, programme: BuddyProgramme, data: dict, actor: Actor) -> BuddyParticipant:
    _check_staff(actor, programme.municipality_id)
    participant = BuddyParticipant(
        programme=programme,
        municipality_id=programme.municipality_id,
        created_by=actor.authenticated_user,
        consent_how=ConsentHow.IN_PERSON,
    )
    apply_changes(participant, data, PARTICIPANT_FIELDS)
    _validate_participant(participant)
    participant.save()
    audit_by(AuditAction.CREATE, participant, actor)
    return participant


class DuplicateParticipant(Exception):
    """Someone with the same name and the same date of birth, phone number or e-mail address
    takes part in the programme already (and has not left)."""

    def __init__(self, existing: list[BuddyParticipant]):
        super().__init__("duplicate")
        self.existing = existing


def participant_duplicates(participant: BuddyParticipant) -> list[BuddyParticipant]:
    """The active participants of the programme who are likely the same person: the same name
    (ignoring case and spaces) and the same date of birth, phone number or e-mail address."""
    same = Q()
    if participant.date_of_birth:
        same |= Q(date_of_birth=participant.date_of_birth)
    if participant.phone:
        same |= Q(phone=participant.phone)
    if participant.email:
        same |= Q(email__iexact=participant.email)
    if not same:
        return []
    name = " ".join(participant.name.split()).casefold()
    rows = BuddyParticipant.objects.filter(
        same, programme_id=participant.programme_id, left_on__isnull=True
    ).order_by("pk")
    return [row for row in rows if " ".join(row.name.split()).casefold() == name]


@transaction.atomic
def participant_propose(
    *, programme: BuddyProgramme, data: dict, actor: Actor, allow_duplicate: bool = False
) -> BuddyParticipant:
    """Propose a resident for group A of an active programme from outside the programme: a
    welfare worker of the municipality (from a concern) may do it as the staff may. The
    programme's brokers and consultants see the new participant in group A and pair them
    as anyone else; the staff are notified.

    With a likely duplicate (:func:`participant_duplicates`) ``DuplicateParticipant`` is raised
    unless ``allow_duplicate``."""
    user = actor.authenticated_user
    if user is None or not user.has_role_in(programme.municipality_id, *STAFF, Role.WELFARE_WORKER):
        raise PermissionDenied
    programme = _lock_programme(programme.pk)
    if not programme.active:
        raise ValidationError(
            _("This buddy programme is no longer active."), code="programme_inactive"
        )
    participant = BuddyParticipant(
        programme=programme,
        municipality_id=programme.municipality_id,
        created_by=user,
        consent_how=ConsentHow.IN_PERSON,
    )
    apply_changes(participant, data, PARTICIPANT_FIELDS)
    participant.side = buddies_constants.Side.A
    participant.volunteer_profile = None
    _validate_participant(participant)
    if not allow_duplicate:
        existing = participant_duplicates(participant)
        if existing:
            raise DuplicateParticipant(existing)
    participant.save()
    audit_by(AuditAction.CREATE, participant, actor, reason="proposed for the programme")
    notify_role(
        municipality=programme.municipality,
        roles=STAFF,
        kind="buddy_proposed",
        message=PROPOSED,
        url=reverse("buddies:programme_detail", kwargs={"pk": programme.pk}),
        key=f"buddy_proposed:{participant.pk}",
    )
    return participant


def _open_pair_of(participant: BuddyParticipant) -> BuddyPair | None:
    return _open_pairs_of(participant).first()


def _open_pairs_of(participant: BuddyParticipant):
    return BuddyPair.objects.filter(
        Q(participant_a=participant) | Q(participant_b=participant), status__in=OPEN
    ).order_by("pk")


@transaction.atomic
def participant_update(
    *, participant: BuddyParticipant, version: int | None, data: dict, actor: Actor
) -> BuddyParticipant:
    current = _lock_participant(participant.pk)
    _check_staff(actor, current.municipality_id)
    check_version(current, version, required=False)
    if "side" in data and data["side"] != current.side and _open_pair_of(current) is not None:
        raise ValidationError(
            {
                "side": [
                    ValidationError(
                        _("This person is in a pair: end or dissolve it before changing group."),
                        code="already_paired",
                    )
                ]
            }
        )
    changed = apply_changes(current, data, PARTICIPANT_FIELDS)
    _validate_participant(current)
    if changed:
        _bump(current, changed)
        audit_by(AuditAction.UPDATE, current, actor, reason=",".join(changed))
    return current


@transaction.atomic
def participant_leave(
    *,
    participant: BuddyParticipant,
    version: int | None,
    actor: Actor,
    left_on: datetime.date | None = None,
) -> BuddyParticipant:
    """The person leaves the programme: a proposed pair is dissolved, a confirmed one ends."""
    current = _lock_participant(participant.pk)
    _check_staff(actor, current.municipality_id)
    check_version(current, version, required=False)
    if current.left_on is not None:
        raise ValidationError(_("This person has already left the programme."), code="already_left")
    left_on = left_on or timezone.localdate()
    for pair in list(_open_pairs_of(current)):
        if pair.status == buddies_constants.PairStatus.PROPOSED:
            pair_dissolve(pair=pair, version=None, actor=actor)
        else:
            reason = (
                buddies_constants.PairEndReason.PARTICIPANT_STOPPED
                if current.side == buddies_constants.Side.A
                else buddies_constants.PairEndReason.BUDDY_STOPPED
            )
            pair_end(pair=pair, version=None, reason=reason, actor=actor, ended_on=left_on)
    current.left_on = left_on
    _bump(current, ["left_on"])
    audit_by(AuditAction.UPDATE, current, actor, reason="left the programme")
    return current


# --- Pairing ---------------------------------------------------------------------------------


def _age(participant: BuddyParticipant, today: datetime.date) -> int | None:
    return age_on(participant.date_of_birth, today) if participant.date_of_birth else None


def _engine_people(people: list[BuddyParticipant], today: datetime.date):
    """The engine's participants and the distance table of their localities."""
    localities = {}
    for person in people:
        if person.locality_id is not None and person.locality_id not in localities:
            localities[person.locality_id] = person.locality
    ids = sorted(localities)
    index = {pk: k for k, pk in enumerate(ids)}
    points = [
        (loc.latitude, loc.longitude)
        if loc.latitude is not None and loc.longitude is not None
        else None
        for loc in (localities[pk] for pk in ids)
    ]
    table = distance_table(points)  # a village is 0 km from itself, also without coordinates

    def convert(person: BuddyParticipant) -> pairing.Participant:
        return pairing.Participant(
            id=person.pk,
            gender=person.gender,
            age=_age(person, today),
            languages=frozenset(person.languages or ()),
            interests=frozenset(person.interests or ()),
            locality=index.get(person.locality_id),
            travel_km=float(person.travel_km),
            day_parts=frozenset(person.day_parts or ()),
            wish_gender=frozenset(person.wish_genders or ()),
            wish_age_min=person.wish_age_min,
            wish_age_max=person.wish_age_max,
            wish_languages=frozenset(person.wish_languages or ()),
        )

    return [convert(p) for p in people], table


def _candidates(programme: BuddyProgramme) -> list[BuddyParticipant]:
    """Active participants who are not in a confirmed pair (proposals may be replaced)."""
    confirmed = BuddyPair.objects.filter(
        programme=programme, status=buddies_constants.PairStatus.CONFIRMED
    )
    return list(
        BuddyParticipant.objects.filter(programme=programme, left_on__isnull=True)
        .exclude(pk__in=confirmed.values("participant_a"))
        .exclude(pk__in=confirmed.values("participant_b"))
        .select_related("locality")
        .order_by("pk")
    )


def _without_vog(programme: BuddyProgramme, people, today: datetime.date) -> set[int]:
    """The participants of the programme's VOG group (if it has one) who may not be paired:
    no volunteer profile with a VOG young enough, nor willing to request one."""
    if not programme.vog_side:
        return set()
    side = [p for p in people if p.side == programme.vog_side]
    ready = vog_ready_profile_ids(
        profile_ids={p.volunteer_profile_id for p in side if p.volunteer_profile_id},
        municipality_id=programme.municipality_id,
        day=today,
    )
    return {p.pk for p in side if p.volunteer_profile_id not in ready}


def _compute(programme: BuddyProgramme) -> dict:
    today = timezone.localdate()
    people = _candidates(programme)
    without_vog = _without_vog(programme, people, today)
    kept_out = [p for p in people if p.pk in without_vog]
    people = [p for p in people if p.pk not in without_vog]
    engine, table = _engine_people(people, today)
    side = {p.pk: p.side for p in people}
    side_a = [e for e in engine if side[e.id] == buddies_constants.Side.A]
    side_b = [e for e in engine if side[e.id] == buddies_constants.Side.B]
    result = pairing.pair(side_a, side_b, table)

    def pairs(chosen):
        return [[a, b, *result.fits[(a, b)]] for a, b in chosen]

    def unpaired(reasons):
        reasons = {**reasons, **{(p.side, p.pk): ["vog"] for p in kept_out}}
        return [[s, pk, codes] for (s, pk), codes in sorted(reasons.items())]

    return {
        "stable": pairs(result.stable),
        "stable_total": round(result.stable_total, 6),
        "best": pairs(result.best),
        "best_total": round(result.best_total, 6),
        "unpaired": {
            "stable": unpaired(result.unpaired),
            "best": unpaired(result.best_unpaired),
        },
        "count_a": len(side_a),
        "count_b": len(side_b),
    }


@transaction.atomic
def pairing_run(*, programme: BuddyProgramme, actor: Actor) -> dict:
    """Compute both proposals and keep them on the programme for the broker to review."""
    current = _lock_programme(programme.pk)
    _check_staff(actor, current.municipality_id)
    run = _compute(current)
    run["ran_at"] = timezone.now().isoformat()
    current.last_run = run
    current.save(update_fields=["last_run", "updated_at"])
    audit_by(
        AuditAction.VIEW,
        current,
        actor,
        reason="pairing run",
        extra={"participants": run["count_a"] + run["count_b"]},
    )
    return run


@transaction.atomic
def pairing_take(*, programme: BuddyProgramme, choice: str, actor: Actor) -> list[BuddyPair]:
    """Replace the programme's proposed pairs with the stable or the best proposal of the last
    run. Refused when the details changed since the run: the broker runs it again."""
    if choice not in (buddies_constants.PairSource.STABLE, buddies_constants.PairSource.BEST):
        raise ValidationError(_("Choose the stable or the best proposal."), code="invalid_choice")
    current = _lock_programme(programme.pk)
    _check_staff(actor, current.municipality_id)
    if not current.last_run:
        raise ValidationError(_("Run the pairing first."), code="not_run")
    run = _compute(current)
    if run[choice] != current.last_run.get(choice):
        raise ValidationError(
            _(
                "Participants or pairs changed since the pairing ran, so the proposal is out of "
                "date. Run the pairing again and review the new proposal."
            ),
            code="run_out_of_date",
        )
    removed = BuddyPair.objects.filter(
        programme=current, status=buddies_constants.PairStatus.PROPOSED
    )
    removed_count = removed.count()
    removed.delete()
    created = BuddyPair.objects.bulk_create(
        BuddyPair(
            programme=current,
            municipality_id=current.municipality_id,
            participant_a_id=a,
            participant_b_id=b,
            fit_a=fit_a,
            fit_b=fit_b,
            source=choice,
            proposed_by=actor.authenticated_user,
        )
        for a, b, fit_a, fit_b in run[choice]
    )
    for pair in created:
        PAIR.log_step(pair, source="", target=pair.status, actor=actor)
    audit_by(
        AuditAction.UPDATE,
        current,
        actor,
        reason=f"pairing taken: {choice}",
        extra={"proposed": len(created), "replaced": removed_count},
    )
    return created


def _wish_problems(ea: pairing.Participant, eb: pairing.Participant, table) -> list[str]:
    codes = pairing.acceptable(ea, eb, table) + pairing.acceptable(eb, ea, table)
    return [code for code in pairing.REASONS if code in codes]


def hard_wish_problems(a: BuddyParticipant, b: BuddyParticipant) -> list[str]:
    """Reason codes why these two may not be paired (either side's wishes), empty if they may."""
    (ea, eb), table = _engine_people([a, b], timezone.localdate())
    return _wish_problems(ea, eb, table)


@transaction.atomic
def pair_manually(
    *,
    programme: BuddyProgramme,
    participant_a: BuddyParticipant,
    participant_b: BuddyParticipant,
    actor: Actor,
) -> BuddyPair:
    """The broker proposes a pair by hand; the hard wishes of both still count."""
    current = _lock_programme(programme.pk)
    _check_staff(actor, current.municipality_id)
    a = _lock_participant(participant_a.pk)
    b = _lock_participant(participant_b.pk)
    if a.programme_id != current.pk or b.programme_id != current.pk:
        raise ValidationError(
            _("Both people must take part in this programme."), code="not_in_programme"
        )
    if a.side != buddies_constants.Side.A or b.side != buddies_constants.Side.B:
        raise ValidationError(
            _("Choose one person of %(a)s and one of %(b)s.")
            % {"a": current.label_a, "b": current.label_b},
            code="wrong_side",
        )
    for person in (a, b):
        if person.left_on is not None:
            raise ValidationError(
                _("%(name)s has left the programme.") % {"name": person.name},
                code="left_programme",
            )
        if _open_pair_of(person) is not None:
            raise ValidationError(
                _("%(name)s is already in a pair. Dissolve or end that pair first.")
                % {"name": person.name},
                code="already_paired",
            )
    (ea, eb), table = _engine_people([a, b], timezone.localdate())
    problems = _wish_problems(ea, eb, table)
    if _without_vog(current, [a, b], timezone.localdate()):
        problems.append("vog")
    if problems:
        raise ValidationError(
            _("These two cannot be paired: %(reasons)s.")
            % {
                "reasons": "; ".join(
                    str(buddies_constants.UNPAIRED_REASONS[code]) for code in problems
                )
            },
            code="wishes_conflict",
        )
    pair = BuddyPair(
        programme=current,
        municipality_id=current.municipality_id,
        participant_a=a,
        participant_b=b,
        fit_a=pairing.fit(ea, eb, table),
        fit_b=pairing.fit(eb, ea, table),
        source=buddies_constants.PairSource.MANUAL,
        proposed_by=actor.authenticated_user,
    )
    try:
        with transaction.atomic():
            pair.save()
    except IntegrityError as error:  # a concurrent request paired one of them first
        raise ValidationError(
            _("One of them is already in a pair."), code="already_paired"
        ) from error
    PAIR.log_step(pair, source="", target=pair.status, actor=actor)
    audit_by(AuditAction.CREATE, pair, actor, reason="paired by hand")
    return pair


@transaction.atomic
def pair_confirm(
    *, pair: BuddyPair, version: int | None, actor: Actor, today: datetime.date | None = None
) -> BuddyPair:
    """Both have agreed: the pair starts and gets its check-ins after 1 and 3 months."""
    current = _lock_pair(pair.pk)
    _check_staff(actor, current.municipality_id)
    check_version(current, version, required=False)
    step, _note = PAIR.check(current, target=buddies_constants.PairStatus.CONFIRMED, actor=actor)
    if current.participant_a.left_on or current.participant_b.left_on:
        raise ValidationError(_("One of them has left the programme."), code="left_programme")
    today = today or timezone.localdate()
    current.confirmed_by = actor.authenticated_user
    current.confirmed_at = timezone.now()
    _record(current, step, actor, ["confirmed_by", "confirmed_at"])
    BuddyCheckIn.objects.bulk_create(
        BuddyCheckIn(pair=current, due_on=add_months(today, months)) for months in CHECK_IN_MONTHS
    )
    audit_by(AuditAction.UPDATE, current, actor, reason="confirmed")
    return current


@transaction.atomic
def pair_dissolve(*, pair: BuddyPair, version: int | None, actor: Actor) -> None:
    """Take back a proposed pair: both are free again for the next run or a manual pair."""
    current = _lock_pair(pair.pk)
    _check_staff(actor, current.municipality_id)
    check_version(current, version, required=False)
    if current.status != buddies_constants.PairStatus.PROPOSED:
        raise ValidationError(
            _("Only a proposed pair can be dissolved; end a confirmed pair."), code="not_proposed"
        )
    audit_by(
        AuditAction.DELETE,
        current,
        actor,
        reason="proposal dissolved",
        extra={"a": current.participant_a_id, "b": current.participant_b_id},
    )
    current.delete()


@transaction.atomic
def pair_end(
    *,
    pair: BuddyPair,
    version: int | None,
    reason: str,
    actor: Actor,
    ended_on: datetime.date | None = None,
) -> BuddyPair:
    current = _lock_pair(pair.pk)
    _check_staff(actor, current.municipality_id)
    check_version(current, version, required=False)
    step, _note = PAIR.check(current, target=buddies_constants.PairStatus.ENDED, actor=actor)
    if reason not in buddies_constants.PairEndReason.values:
        raise ValidationError(
            {"reason": [ValidationError(_("Choose the reason it ended."), code="required")]}
        )
    ended_on = ended_on or timezone.localdate()
    if current.confirmed_at and ended_on < timezone.localtime(current.confirmed_at).date():
        raise ValidationError(
            {
                "ended_on": [
                    ValidationError(_("The end lies before the start."), code="before_start")
                ]
            }
        )
    current.end_reason = reason
    current.ended_on = ended_on
    _record(current, step, actor, ["end_reason", "ended_on"])
    audit_by(AuditAction.UPDATE, current, actor, reason=f"ended: {reason}")
    return current


@transaction.atomic
def check_in_done(
    *, check_in: BuddyCheckIn, notes: str, actor: Actor, today: datetime.date | None = None
) -> BuddyCheckIn:
    current = (
        BuddyCheckIn.objects.select_for_update(of=("self",))
        .select_related("pair__municipality")
        .get(pk=check_in.pk)
    )
    _check_staff(actor, current.pair.municipality_id)
    if current.done_on is not None:
        raise ValidationError(
            _("This check-in has already been recorded."), code="already_recorded"
        )
    current.done_on = today or timezone.localdate()
    current.done_by = actor.authenticated_user
    current.notes = (notes or "").strip()
    current.full_clean(exclude=["pair", "done_by"])
    current.save(update_fields=["done_on", "done_by", "notes"])
    audit_by(AuditAction.UPDATE, current.pair, actor, reason="check-in")
    return current


# --- Retention -------------------------------------------------------------------------------

RETENTION_DAYS = 730  # two years after leaving the programme or after the pair ended


def buddies_apply_retention(*, today: datetime.date | None = None) -> int:
    """Anonymise participants who left the programme more than two years ago and are in no
    pair that ended (or is still open) within those two years. Pairs and check-ins keep their
    dates and status for the figures; check-in notes and status-log notes of ended pairs that
    old are erased."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=RETENTION_DAYS)
    recent = BuddyPair.objects.exclude(
        status=buddies_constants.PairStatus.ENDED
    ) | BuddyPair.objects.filter(ended_on__gte=cutoff)
    count = (
        BuddyParticipant.objects.filter(left_on__lt=cutoff)
        .exclude(name=ANONYMOUS_NAME)
        .exclude(pk__in=recent.values("participant_a"))
        .exclude(pk__in=recent.values("participant_b"))
        .update(
            name=ANONYMOUS_NAME,
            email="",
            phone="",
            date_of_birth=None,
            notes="",
            languages=[],
            interests=[],
            wish_languages=[],
            wish_genders=[],
            volunteer_profile=None,
        )
    )
    ended_long_ago = BuddyPair.objects.filter(
        status=buddies_constants.PairStatus.ENDED, ended_on__lt=cutoff
    )
    BuddyCheckIn.objects.filter(pair__in=ended_long_ago).exclude(notes="").update(notes="")
    BuddyPairTransition.objects.filter(pair__in=ended_long_ago).exclude(note="").update(note="")
    return count


# --- Erasure on request (AVG art. 17; privacy.rights) -----------------------------------------


@transaction.atomic
def participant_erase(*, participant: BuddyParticipant, actor: Actor) -> BuddyParticipant:
    """Anonymise a participant at the request of the privacy officer: the pairs and check-ins
    keep their dates and status for the figures; the notes of the check-ins and status logs of
    the participant's pairs are erased (they name both buddies)."""
    BuddyParticipant.objects.filter(pk=participant.pk).update(
        name=ANONYMOUS_NAME,
        email="",
        phone="",
        date_of_birth=None,
        notes="",
        languages=[],
        interests=[],
        wish_languages=[],
        wish_genders=[],
        volunteer_profile=None,
        created_by=None,
        left_on=participant.left_on or timezone.localdate(),
    )
    pairs = BuddyPair.objects.filter(participant_a=participant) | BuddyPair.objects.filter(
        participant_b=participant
    )
    BuddyCheckIn.objects.filter(pair__in=pairs).update(notes="")
    BuddyPairTransition.objects.filter(pair__in=pairs).update(note="")
    participant.refresh_from_db()
    audit_by(AuditAction.DELETE, participant, actor, reason="removal on request")
    return participant
