"""Nominations: the public form, the broker's check, the nominee's consent to publish and the
broker's award.

The public form carries a one-time form key (``submission_key``): a double click or a retried
request finds the nomination the first one made; the unique constraint holds it when both
arrive at once. The nominee's consent goes through a one-time link: only the SHA-256 of its
token is stored, it works ``CONSENT_VALID_DAYS`` and once (the answer clears it). Every status
and consent change goes through ``workflows.NOMINATION`` / ``workflows.CONSENT`` (``check``
then ``record``) on the locked row."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.phone import normalise_phone
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.recognition import constants
from omzien.recognition.models import JuryMember, Nomination, Round
from omzien.recognition.services._common import error, token_hash
from omzien.recognition.workflows import CONSENT, NOMINATION

NOMINATION_FIELDS = (
    "nominee_kind",
    "nominee_name",
    "organisation_name",
    "motivation",
    "nominator_name",
    "nominator_email",
    "nominator_phone",
)


def nominations_open(round_: Round, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return round_.nominations_open <= today <= round_.nominations_close


def announced(round_: Round, today: datetime.date | None = None) -> bool:
    return (today or timezone.localdate()) >= round_.announce_on


def _clean(nomination: Nomination) -> None:
    for field in ("nominee_name", "organisation_name", "nominator_name"):
        setattr(nomination, field, " ".join((getattr(nomination, field) or "").split()))
    nomination.motivation = (nomination.motivation or "").strip()
    nomination.nominator_email = (nomination.nominator_email or "").strip()
    errors = {}
    required = {
        "nominee_name": _("Fill in the name of the volunteer or the group."),
        "organisation_name": _("Fill in the organisation they volunteer for."),
        "motivation": _("Tell us why they deserve the prize."),
        "nominator_name": _("Fill in your name."),
        "nominator_email": _("Fill in your e-mail address."),
    }
    for field, message in required.items():
        if not getattr(nomination, field):
            errors[field] = [ValidationError(message, code="required")]
    if nomination.nominee_kind not in constants.NomineeKind.values:
        errors["nominee_kind"] = [
            ValidationError(_("Choose a volunteer or a group."), code="required")
        ]
    if nomination.nominator_phone:
        try:
            nomination.nominator_phone = normalise_phone(nomination.nominator_phone)
        except ValidationError as problem:
            errors["nominator_phone"] = problem.error_list
    if errors:
        raise ValidationError(errors)
    nomination.full_clean(exclude=["round"], validate_constraints=False)


def nomination_submit(
    *, round_: Round, data: dict, actor: Actor, submission_key: str = ""
) -> Nomination:
    """A resident's nomination through the public form, while nominations are open. A retry
    with the same ``submission_key`` returns the nomination the first attempt made."""
    if submission_key:
        existing = Nomination.objects.filter(round=round_, submission_key=submission_key).first()
        if existing is not None:
            return existing
    if not nominations_open(round_):
        raise ValidationError(
            _("Nominations for this prize are closed."), code="nominations_closed"
        )
    nomination = Nomination(
        round=round_,
        submission_key=submission_key,
        **{field: data.get(field) or "" for field in NOMINATION_FIELDS},
    )
    _clean(nomination)
    try:
        with transaction.atomic():
            nomination.save()
            NOMINATION.log_step(nomination, source="", target=nomination.status, actor=actor)
            audit_by(AuditAction.CREATE, nomination, actor, reason="public nomination")
    except IntegrityError:
        if not submission_key:
            raise
        return Nomination.objects.get(round=round_, submission_key=submission_key)
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update()
        .select_related("round__municipality")
        .get(pk=nomination.pk)
    )


def _jury_started(round_: Round) -> bool:
    return JuryMember.objects.filter(round=round_, submitted_at__isnull=False).exists()


@transaction.atomic
def nomination_check(
    *, nomination: Nomination, target: str, note: str = "", actor: Actor, seen: str = ""
) -> Nomination:
    """The broker accepts a nomination, or rejects it as not eligible with the reason (or
    takes a rejection back). Not once the jury has started submitting: the set they score
    stays the same for every member."""
    nomination = _locked(nomination)
    if target not in (
        constants.NominationStatus.ACCEPTED,
        constants.NominationStatus.REJECTED,
        constants.NominationStatus.SUBMITTED,
    ):
        raise error("target", _("Choose whether the nomination is eligible."), "target_required")
    step, note = NOMINATION.check(nomination, target=target, actor=actor, expected=seen, note=note)
    if _jury_started(nomination.round):
        raise ValidationError(
            _("The jury has started submitting scores: the nominations are fixed."),
            code="scoring_started",
        )
    nomination.version += 1
    NOMINATION.record(
        nomination, step=step, actor=actor, note=note, fields=["version", "updated_at"]
    )
    return nomination


@transaction.atomic
def nomination_award(
    *, nomination: Nomination, target: str, actor: Actor, seen: str = ""
) -> Nomination:
    """The broker marks the winner or a pluim (or takes it back), once every jury member has
    submitted and before the announcement date. One winner a round (a constraint holds it)."""
    nomination = _locked(nomination)
    if target not in (*constants.AWARDED, constants.NominationStatus.ACCEPTED):
        raise error("target", _("Choose the award."), "target_required")
    step, note = NOMINATION.check(nomination, target=target, actor=actor, expected=seen)
    round_ = nomination.round
    if announced(round_):
        raise ValidationError(
            _("The prize has been announced: the awards are fixed."), code="announced"
        )
    jury = list(JuryMember.objects.filter(round=round_).values_list("submitted_at", flat=True))
    if not jury or any(submitted is None for submitted in jury):
        raise ValidationError(
            _("Every jury member must submit their scores first."), code="jury_not_done"
        )
    if target == constants.NominationStatus.WINNER:
        Round.objects.select_for_update().get(pk=round_.pk)  # one award of a winner at a time
        if Nomination.objects.filter(
            round=round_, status=constants.NominationStatus.WINNER
        ).exists():
            raise ValidationError(
                _("This round has a winner already: undo that award first."), code="winner_taken"
            )
    nomination.version += 1
    NOMINATION.record(
        nomination, step=step, actor=actor, note=note, fields=["version", "updated_at"]
    )
    return nomination


@transaction.atomic
def consent_ask(*, nomination: Nomination, email: str, actor: Actor) -> Nomination:
    """The broker asks the nominee (of an accepted nomination) whether their name and the
    motivation may be published: a one-time link by e-mail. Asking again voids the old link."""
    nomination = _locked(nomination)
    email = (email or "").strip()
    if not email:
        raise error("email", _("Fill in the nominee's e-mail address."), "required")
    if nomination.status not in constants.SCORED:
        raise ValidationError(
            _("Ask for consent once the nomination has been accepted."), code="not_accepted"
        )
    step, note = CONSENT.check(nomination, target=constants.Consent.ASKED, actor=actor)
    token = secrets.token_urlsafe(32)
    nomination.consent_email = email
    nomination.full_clean(exclude=["round"], validate_constraints=False)
    nomination.consent_token_hash = token_hash(token)
    nomination.consent_asked_at = timezone.now()
    nomination.version += 1
    CONSENT.record(
        nomination,
        step=step,
        actor=actor,
        note=note,
        fields=["consent_email", "consent_token_hash", "consent_asked_at", "version", "updated_at"],
    )
    round_ = nomination.round
    context = {
        "nominee": nomination.nominee_name,
        "organisation": nomination.organisation_name,
        "year": round_.year,
        "municipality": round_.municipality.name,
        "link": absolute_url(actor.request, reverse("recognition:consent", args=[token])),
        "days": constants.CONSENT_VALID_DAYS,
    }
    transaction.on_commit(
        lambda: send_templated_mail(
            template="recognition/mail/consent", context=context, to=[email], language="nl"
        )
    )
    return nomination


def nomination_by_consent_token(token: str) -> Nomination | None:
    """The nomination whose consent this link asks (None: unknown, used or expired)."""
    if not token:
        return None
    since = timezone.now() - datetime.timedelta(days=constants.CONSENT_VALID_DAYS)
    return (
        Nomination.objects.select_related("round__municipality")
        .filter(
            consent_token_hash=token_hash(token),
            consent=constants.Consent.ASKED,
            consent_asked_at__gte=since,
        )
        .first()
    )


@transaction.atomic
def consent_answer(*, token: str, agree: bool, actor: Actor) -> Nomination:
    """The nominee's answer through the link: it works once."""
    found = nomination_by_consent_token(token)
    if found is None:
        raise ValidationError(_("This link is no longer valid."), code="link_invalid")
    nomination = _locked(found)
    target = constants.Consent.GIVEN if agree else constants.Consent.DECLINED
    step, note = CONSENT.check(nomination, target=target, actor=actor)
    nomination.consent_token_hash = ""
    CONSENT.record(nomination, step=step, actor=actor, fields=["consent_token_hash", "updated_at"])
    return nomination


@transaction.atomic
def consent_withdraw(*, nomination: Nomination, note: str, actor: Actor) -> Nomination:
    """The nominee asked the broker to withdraw the consent they gave."""
    nomination = _locked(nomination)
    step, note = CONSENT.check(
        nomination, target=constants.Consent.DECLINED, actor=actor, note=note
    )
    nomination.version += 1
    CONSENT.record(nomination, step=step, actor=actor, note=note, fields=["version", "updated_at"])
    return nomination
