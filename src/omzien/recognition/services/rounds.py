"""Setting up a round: its dates, its criteria and its jury (the broker of the municipality).

A jury member is a staff user of the municipality put on this round's jury: the jury role holds
for this round only. Criteria and the jury are fixed once a jury member has submitted scores."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.accounts.constants import STAFF_ROLES
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor, versioned_update
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.recognition.models import Criterion, JuryMember, Review, Round
from omzien.recognition.services._common import error, require_broker

ROUND_FIELDS = ("year", "nominations_open", "nominations_close", "announce_on", "introduction")


def _clean(round_: Round) -> None:
    errors = {}
    opens, closes, announce = round_.nominations_open, round_.nominations_close, round_.announce_on
    if opens and closes and closes < opens:
        errors["nominations_close"] = [
            ValidationError(_("Nominations close before they open."), code="window_reversed")
        ]
    elif closes and announce and announce <= closes:
        errors["announce_on"] = [
            ValidationError(
                _("The announcement comes after nominations close."), code="announce_too_early"
            )
        ]
    if errors:
        raise ValidationError(errors)
    duplicate = Round.objects.filter(municipality=round_.municipality, year=round_.year)
    if round_.pk:
        duplicate = duplicate.exclude(pk=round_.pk)
    if duplicate.exists():
        raise error(
            "year", _("This municipality has a prize round in that year already."), "year_taken"
        )


@transaction.atomic
def round_create(*, municipality, data: dict, actor: Actor) -> Round:
    """A new round of ``municipality`` (its broker only)."""
    require_broker(municipality, actor)
    round_ = Round(municipality=municipality, created_by=actor.authenticated_user)
    for field in ROUND_FIELDS:
        if field in data:
            setattr(round_, field, data[field])
    _clean(round_)
    round_.full_clean(exclude=["municipality"], validate_constraints=False)
    round_.save()
    audit_by(AuditAction.CREATE, round_, actor)
    return round_


@transaction.atomic
def round_update(*, round_: Round, data: dict, actor: Actor, version: int | None) -> Round:
    """Change a round's dates and introduction; refused (EditConflict) when it changed since
    ``version``, the version the form showed."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_broker(round_.municipality_id, actor)

    def clean(row):
        _clean(row)
        row.full_clean(exclude=["municipality", "version"], validate_constraints=False)

    versioned_update(round_, version=version, data=data, fields=ROUND_FIELDS, clean=clean)
    audit_by(AuditAction.UPDATE, round_, actor)
    return round_


def _lock(round_: Round, actor: Actor) -> Round:
    """The round locked (criteria and jury change one at a time), for its broker, as long as
    no jury member has submitted."""
    round_ = Round.objects.select_for_update().select_related("municipality").get(pk=round_.pk)
    require_broker(round_.municipality_id, actor)
    if JuryMember.objects.filter(round=round_, submitted_at__isnull=False).exists():
        raise ValidationError(
            _("The jury has started submitting scores: the criteria and the jury are fixed."),
            code="scoring_started",
        )
    return round_


@transaction.atomic
def criterion_add(*, round_: Round, name: str, weight: int, actor: Actor) -> Criterion:
    round_ = _lock(round_, actor)
    criterion = Criterion(round=round_, name=" ".join((name or "").split()), weight=weight)
    if not criterion.name:
        raise error("name", _("Fill in the criterion."), "required")
    if Criterion.objects.filter(round=round_, name__iexact=criterion.name).exists():
        raise error("name", _("This round has that criterion already."), "criterion_taken")
    criterion.full_clean(exclude=["round"], validate_constraints=False)
    criterion.save()
    audit_by(AuditAction.CREATE, criterion, actor)
    return criterion


@transaction.atomic
def criterion_remove(*, criterion: Criterion, actor: Actor) -> None:
    _lock(criterion.round, actor)
    audit_by(AuditAction.DELETE, criterion, actor)
    criterion.delete()


@transaction.atomic
def juror_add(*, round_: Round, user_id: int, is_chair: bool, actor: Actor) -> JuryMember:
    """Put a staff user of the municipality on the jury; as chair, the previous chair steps
    down to member. The new member hears by e-mail where to score."""
    round_ = _lock(round_, actor)
    user = (
        get_user_model()
        .objects.filter(
            pk=user_id,
            is_active=True,
            memberships__municipality=round_.municipality,
            memberships__role__in=STAFF_ROLES,
        )
        .first()
    )
    if user is None:
        raise error("user_id", _("Choose a staff member of the municipality."), "unknown_user")
    if JuryMember.objects.filter(round=round_, user=user).exists():
        raise error("user_id", _("This person is on the jury already."), "juror_taken")
    if is_chair:
        JuryMember.objects.filter(round=round_, is_chair=True).update(is_chair=False)
    try:
        with transaction.atomic():
            juror = JuryMember.objects.create(round=round_, user=user, is_chair=is_chair)
    except IntegrityError as problem:  # two brokers adding at once
        raise error("user_id", _("This person is on the jury already."), "juror_taken") from problem
    audit_by(AuditAction.CREATE, juror, actor)
    context = {
        "name": user.get_full_name() or user.email,
        "year": round_.year,
        "municipality": round_.municipality.name,
        "chair": is_chair,
        "link": absolute_url(actor.request, reverse("recognition:jury", args=[round_.pk])),
    }
    address = user.email
    transaction.on_commit(
        lambda: send_templated_mail(
            template="recognition/mail/jury", context=context, to=[address], language="nl"
        )
    )
    return juror


@transaction.atomic
def juror_remove(*, juror: JuryMember, actor: Actor) -> None:
    _lock(juror.round, actor)
    Review.objects.filter(juror=juror).delete()
    audit_by(AuditAction.DELETE, juror, actor)
    juror.delete()
