"""Applications for an appreciation round: submission from every channel, the automatic checks,
the decisions of staff, objections, withdrawals and corrections (issue 12, points 2, 3 and 6).

Concurrency:

* ``submit`` numbers applications per round ("MW-2026-00042") while holding the round's row
  (``select_for_update``), so two submissions at once never get the same number; a retried or
  double-clicked submission carries the same ``submission_key`` and gets the application the
  first one made (the partial unique constraint decides when both arrive at once).
* ``decide`` and the other steps lock the application's row and take the step through the
  ``APPLICATION`` workflow, which refuses a stale ``expected`` status: of two staff deciding the
  same application at once, the second is told someone else already decided. A grant first
  locks the round's row, so two grants cannot both take the last of a budget. Every service
  locks the round before an application, never the other way round, so none deadlocks.
"""

import re
import secrets
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from omzien.appreciation import constants, rules
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, Invitation, Round
from omzien.appreciation.permissions import staff_of
from omzien.appreciation.workflows import APPLICATION
from omzien.common.services import Actor, check_version, versioned_update
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.tenants.validators import normalise_postcode

# The countries of the SEPA credit transfer scheme (EPC list): an IBAN elsewhere cannot be paid
# with a pain.001 file.
_SEPA = "AD AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS IT LI LT LU LV MC MT NL NO"
SEPA_COUNTRIES = frozenset(
    [*_SEPA.split(), "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA"]
    + ["GF", "GP", "MQ", "YT", "RE", "PM", "BL", "MF", "AX", "GG", "IM", "JE"]
)

# What the applicant (or staff for them) fills in; everything else the service sets.
DATA_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "email",
    "phone",
    "street",
    "house_number",
    "postcode",
    "town",
    "reach_by",
    "recipient_initials",
    "recipient_date_of_birth",
    "recipient_postcode",
    "recipient_house_number",
    "relationship",
    "hours_per_week",
    "care_since",
    "usual_care",
    "paid_care",
    "iban",
    "account_holder",
    "consent_registry",
)

# Details staff may correct on an application that is still open (or whose payment failed).
CORRECTABLE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.WAITING_LIST,
    ApplicationStatus.OBJECTED,
    ApplicationStatus.PAYMENT_FAILED,
)

# The statuses whose amounts count against the round's budget: a payment the bank returned is
# still owed (it is paid again once the account number is corrected).
COMMITTED = (
    ApplicationStatus.GRANTED,
    ApplicationStatus.PAID,
    ApplicationStatus.PAYMENT_FAILED,
    ApplicationStatus.OBJECTED,
)


def _error(field: str, message, code: str) -> dict:
    return {field: [ValidationError(message, code=code)]}


def _normalise_full_postcode(value: str):
    """'1234ab' -> '1234 AB'; a postcode needs its letters here (an address, not an area)."""
    try:
        normal = normalise_postcode(value)
    except ValidationError:
        return None
    return normal if len(normal) == 7 else None


def normalise_iban(value: str) -> str:
    """The IBAN compact and in capitals, or a ValidationError: checksum, length, SEPA country."""
    raw = (value or "").strip()
    try:
        iban = stdnum_iban.validate(raw)
    except StdnumError:
        raise ValidationError(
            _("This is not a valid IBAN. Check the account number for typing errors."),
            code="invalid_iban",
        ) from None
    iban = iban.upper()
    if iban[:2] not in SEPA_COUNTRIES:
        raise ValidationError(
            _("Only an account in a SEPA country can be paid. Enter another IBAN."),
            code="iban_not_sepa",
        )
    return iban


def _clean(application: Application, round_rules: rules.RoundRules | None = None) -> None:
    """Normalise the details and refuse what is invalid (a dict of errors by field, in Dutch)."""
    errors: dict = {}
    for field in ("postcode", "recipient_postcode"):
        value = getattr(application, field)
        if not value:
            continue  # required fields are refused by full_clean below
        normal = _normalise_full_postcode(value)
        if normal is None:
            errors.update(
                _error(field, _("Enter a Dutch postcode like 8181 AB."), "invalid_postcode")
            )
        else:
            setattr(application, field, normal)
    for field in ("first_name", "last_name", "recipient_initials", "account_holder", "town"):
        setattr(application, field, " ".join((getattr(application, field) or "").split()))
    for field in ("house_number", "recipient_house_number"):
        setattr(application, field, " ".join((getattr(application, field) or "").split()).upper())
    if application.iban:
        try:
            application.iban = normalise_iban(application.iban)
        except ValidationError as error:
            errors["iban"] = [error]
    today = timezone.localdate()
    for field in ("date_of_birth", "recipient_date_of_birth", "care_since"):
        value = getattr(application, field)
        if value and value > today:
            errors.update(_error(field, _("This date lies in the future."), "future_date"))
    if not application.date_of_birth:
        errors.update(_error("date_of_birth", _("Fill in the date of birth."), "required"))
    if not application.recipient_date_of_birth:
        errors.update(
            _error(
                "recipient_date_of_birth",
                _("Fill in the care recipient's date of birth."),
                "required",
            )
        )
    round_rules = round_rules or rules.RoundRules.load(application.round)
    band = round_rules.band(application.date_of_birth, application.received_on)
    application.form = band.form if band else ""
    if application.form == constants.AppreciationForm.BANK_TRANSFER:
        if not application.iban and "iban" not in errors:
            errors.update(
                _error("iban", _("Fill in the IBAN the appreciation is paid to."), "required")
            )
        if not application.account_holder:
            errors.update(
                _error("account_holder", _("Fill in the name of the account holder."), "required")
            )
    if (
        application.filled_in_by == constants.FilledInBy.PROFESSIONAL
        and not application.helper_name
    ):
        errors.update(
            _error(
                "helper_name",
                _("Fill in the name of the professional who helped."),
                "required",
            )
        )
    try:
        application.full_clean(
            exclude=["number", "round", "municipality", *errors], validate_constraints=False
        )
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    application.amount = band.grant_amount if band else None
    application.locality = round_rules.locality(application.postcode)


def _next_number(round_: Round) -> str:
    """The next number of the round; call it holding the round's row."""
    prefix = f"{constants.NUMBER_PREFIX}-{round_.year}-"
    last = (
        Application.objects.filter(round=round_, number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{serial:05d}"


def _submitted_with(round_: Round, submission_key: str) -> Application | None:
    return Application.objects.filter(round=round_, submission_key=submission_key).first()


def submit(
    *,
    round: Round,  # noqa: A002 - the name of the shared interface
    data: dict,
    channel: str,
    actor: Actor,
    filled_in_by: str = constants.FilledInBy.CARER,
    helper_name: str = "",
    caregiver=None,
    received_on=None,
    submission_key: str = "",
    applicant=None,
    round_rules: rules.RoundRules | None = None,
) -> Application:
    """Record an application from any channel, check it against the round's rules and return
    it. Invalid details raise a ValidationError by field; failed rules are stored in
    ``check_results`` for staff. A retry with the same ``submission_key`` returns the
    application the first attempt made.

    ``round_rules``: the round's ``rules.RoundRules``, for a caller that submits many
    applications to one round (read here when not given). The row is written once, with its
    check results: the round's lock, the number, the duplicate candidates (one query), the
    insert, the log row and the audit event."""
    round_ = round
    if submission_key:
        existing = _submitted_with(round_, submission_key)
        if existing is not None:
            return existing
    application = Application(
        round=round_,
        municipality=round_.municipality,
        channel=channel,
        filled_in_by=filled_in_by,
        helper_name=" ".join((helper_name or "").split()),
        caregiver=caregiver,
        applicant=applicant,
        received_on=received_on or timezone.localdate(),
        submission_key=submission_key,
        **{field: data[field] for field in DATA_FIELDS if field in data},
    )
    if caregiver is not None and caregiver.municipality_id != round_.municipality_id:
        raise ValidationError(
            _("This carer is registered in another municipality."), code="wrong_municipality"
        )
    if channel not in constants.Channel.values:
        raise ValidationError(
            {"channel": [ValidationError(_("Choose a channel."), code="invalid_channel")]}
        )
    if round_rules is None or round_rules.round_id != round_.pk:
        round_rules = rules.RoundRules.load(round_)
    _clean(application, round_rules)
    application.refresh_keys()
    try:
        with transaction.atomic():
            locked = Round.objects.select_for_update().get(pk=round_.pk)
            if locked.closed_at is not None:
                raise ValidationError(
                    _("This round is closed: no applications can be added."), code="round_closed"
                )
            application.number = _next_number(locked)
            _check_new(application, locked, round_rules)
            application.save()
            APPLICATION.log_step(application, source="", target=application.status, actor=actor)
            audit_by(
                AuditAction.CREATE,
                application,
                actor,
                reason="appreciation application submitted",
                extra={
                    "channel": application.channel,
                    "checks": [result["code"] for result in application.check_results],
                },
            )
    except IntegrityError:
        if not submission_key:
            raise
        # The same form was sent twice at once: the other request's application stands.
        return Application.objects.get(round=round_, submission_key=submission_key)
    return application


def _check_new(application: Application, round_: Round, round_rules: rules.RoundRules) -> None:
    """The checks, the sample draw and the registration offer of a new application, before it
    is written (holding the round's row, so every application of the round is earlier)."""
    application.round = round_
    municipality = application.municipality
    match = None
    if application.caregiver_id is None and (
        application.consent_registry or round_.requires_registration
    ):
        match = rules.registry_match(
            municipality=application.municipality_id,
            first_name=application.first_name,
            last_name=application.last_name,
            date_of_birth=application.date_of_birth,
        )
    application.check_results = rules.check(
        application, rules=round_rules, registered=match is not None
    )
    application.municipality = municipality
    application.sampled = secrets.randbelow(100) < round_.sample_percentage
    if application.caregiver_id is None and application.consent_registry:
        application.registration_offered = match is None


def submit_invitation(
    *,
    invitation: Invitation,
    data: dict,
    actor: Actor,
    filled_in_by: str = constants.FilledInBy.CARER,
    helper_name: str = "",
    submission_key: str = "",
    applicant=None,
) -> Application:
    """Submit the application a personal invitation code opened (channel INVITATION, the
    invited carer linked) and mark the code used, in one transaction: a code is used once. A
    retry of the same form (same ``submission_key``) gets the application the first one made."""
    with transaction.atomic():
        # Not joined with ``used_by``: on PostgreSQL a request that waited for the lock sees
        # the invitation as the other one left it, but a joined row as it was before (empty).
        locked = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("round", "caregiver")
            .get(pk=invitation.pk)
        )
        if locked.used_by_id is not None:
            used_by = Application.objects.get(pk=locked.used_by_id)
            if submission_key and used_by.submission_key == submission_key:
                return used_by
            raise ValidationError(
                _("This code has already been used for an application."), code="invitation_used"
            )
        application = submit(
            round=locked.round,
            data=data,
            channel=constants.Channel.INVITATION,
            actor=actor,
            filled_in_by=filled_in_by,
            helper_name=helper_name,
            caregiver=locked.caregiver,
            submission_key=submission_key,
            applicant=applicant,
        )
        locked.used_by = application
        locked.save(update_fields=["used_by"])
    return application


_HOUSE_NUMBER = re.compile(r"^(?P<street>.*?)\s+(?P<number>\d+\s*[\w\-/ ]{0,6})$")


def prefill(caregiver) -> dict:
    """The initial details of an application for a carer in the registry (the consultant's
    one-step application and the invitation code)."""
    street, number = caregiver.street_address or "", ""
    match = _HOUSE_NUMBER.match(street.strip())
    if match:
        street, number = match["street"], match["number"]
    data = {
        "first_name": caregiver.first_name,
        "last_name": caregiver.last_name,
        "date_of_birth": caregiver.date_of_birth,
        "email": caregiver.email,
        "phone": caregiver.phone,
        "street": street.strip(),
        "house_number": number.strip(),
        "postcode": caregiver.postcode,
        "town": caregiver.town,
        "reach_by": caregiver.reach_by,
        "consent_registry": True,
    }
    return {key: value for key, value in data.items() if value not in (None, "")}


def _lock(application: Application) -> Application:
    """The application's row, locked (only that row: ``of=("self",)``, not the round and the
    municipality it is read with)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("round", "municipality")
        .get(pk=application.pk)
    )


def _committed(round_: Round, exclude_pk: int) -> Decimal:
    return Application.objects.filter(round=round_, status__in=COMMITTED).exclude(
        pk=exclude_pk
    ).aggregate(total=Sum("amount"))["total"] or Decimal("0")


def _budget_room(round_: Round, application: Application, amount) -> bool:
    """Whether a fixed-amount round with a budget still has room for ``amount``."""
    if round_.amount_mode != constants.AmountMode.FIXED or round_.budget is None or not amount:
        return True
    return _committed(round_, application.pk) + amount <= round_.budget


@transaction.atomic
def grant_passed(*, round: Round, actor: Actor) -> dict[str, int]:  # noqa: A002
    """Grant, in one step, every submitted application of the round that passed all its checks
    (and, if it is in the sample, was checked): what staff do after going through the ones
    that failed a check. As ``decide`` grants one: the band's amount, the objection period,
    and in a fixed-amount round whose budget runs out the rest goes to the waiting list
    (or is granted, to be lowered at the close, as the round says). Returns the counts."""
    locked_round = Round.objects.select_for_update().get(pk=round.pk)
    grant = APPLICATION.step(ApplicationStatus.SUBMITTED, ApplicationStatus.GRANTED)
    wait = APPLICATION.step(ApplicationStatus.SUBMITTED, ApplicationStatus.WAITING_LIST)
    probe = Application(municipality_id=locked_round.municipality_id, round=locked_round)
    if not APPLICATION.may(grant, probe, actor.user):
        raise PermissionDenied
    bands = list(locked_round.age_bands.order_by("min_age", "pk"))
    rows = list(
        Application.objects.select_for_update(of=("self",))
        .filter(
            round=locked_round,
            status=ApplicationStatus.SUBMITTED,
            personal_data_removed_at__isnull=True,
        )
        .exclude(sampled=True, sample_checked_at__isnull=True)
        .order_by("received_on", "pk")
    )
    limited = (
        locked_round.amount_mode == constants.AmountMode.FIXED
        and locked_round.budget is not None
        and locked_round.when_budget_exhausted == constants.BudgetExhausted.WAITING_LIST
    )
    room = (locked_round.budget - _committed(locked_round, 0)) if limited else None
    now = timezone.now()
    by_band, waiting = {}, []
    for application in rows:
        band = rules.band_for(bands, application.date_of_birth, application.received_on)
        if application.check_results or band is None:
            continue  # for staff to judge one by one
        if room is not None and band.grant_amount:
            if band.grant_amount > room:
                waiting.append(application)
                continue
            room -= band.grant_amount
        by_band.setdefault(band, []).append(application)
    granted = [application for group in by_band.values() for application in group]
    for band, group in by_band.items():
        APPLICATION.record_many(
            group,
            step=grant,
            actor=actor,
            values={
                "form": band.form,
                "amount": band.grant_amount,
                "refusal_reason": "",
                "decided_at": now,
                "decided_by": actor.authenticated_user,
                "decision_note": "",
                "objection_until": timezone.localdate()
                + timedelta(days=locked_round.objection_days),
                "version": F("version") + 1,
                "updated_at": now,
            },
        )
    APPLICATION.record_many(
        waiting, step=wait, actor=actor, values={"version": F("version") + 1, "updated_at": now}
    )
    return {"granted": len(granted), "waiting_list": len(waiting)}


@transaction.atomic
def decide(
    *,
    application: Application,
    target: str,
    actor: Actor,
    expected: str = "",
    version: int | None = None,
    reason: str = "",
    note: str = "",
) -> Application:
    """Grant, refuse or put on the waiting list (or withdraw; see also ``withdraw``).

    A grant refuses while the sample check is pending, fixes the amount of the carer's age
    band, and sets the objection period; in a fixed-amount round whose budget is used up it
    puts the application on the waiting list instead (or refuses to grant from the waiting
    list), when the round says so. A refusal needs a reason from the list of checks; "other"
    also needs a note.
    """
    if target not in (
        ApplicationStatus.GRANTED,
        ApplicationStatus.REFUSED,
        ApplicationStatus.WAITING_LIST,
        ApplicationStatus.WITHDRAWN,
    ):
        raise ValidationError(_("This is not a decision on an application."), code="not_a_decision")
    if target == ApplicationStatus.GRANTED:
        # Grants in a round take turns on the round's row, so two grants at once cannot both
        # take the last of a budget. The round first, then the application: the order
        # submit and settle_round lock in too, so they never wait on each other in a circle.
        Round.objects.select_for_update(of=("self",)).filter(applications=application.pk).first()
    locked = _lock(application)
    if version is not None:
        check_version(locked, version)
    round_ = locked.round
    step, note = APPLICATION.check(locked, target=target, actor=actor, expected=expected, note=note)
    fields = ["updated_at", "version"]
    today = timezone.localdate()
    if target == ApplicationStatus.GRANTED:
        if locked.sampled and locked.sample_checked_at is None:
            raise ValidationError(
                _(
                    "This application is in the sample: check it and mark it checked before "
                    "granting."
                ),
                code="sample_pending",
            )
        if locked.check_results and not note:
            # Staff may grant against a failed check (a document shows the rule is met after
            # all), but say why: the note is in the letter's file and the audit trail.
            raise ValidationError(
                {
                    "note": [
                        ValidationError(
                            _(
                                "This application did not pass every check: say in the note "
                                "why it is granted all the same."
                            ),
                            code="checks_failed_note",
                        )
                    ]
                }
            )
        band = rules.application_band(locked)
        if band is None:
            raise ValidationError(
                _("No age band of this round covers the carer: it cannot be granted."),
                code="no_age_band",
            )
        # With LOWER_AMOUNT a grant beyond the budget stands: settle_round lowers the amounts.
        waits = round_.when_budget_exhausted == constants.BudgetExhausted.WAITING_LIST
        if waits and not _budget_room(round_, locked, band.grant_amount):
            if locked.status == ApplicationStatus.SUBMITTED:
                step, note = APPLICATION.check(
                    locked,
                    target=ApplicationStatus.WAITING_LIST,
                    actor=actor,
                    expected=expected,
                    note=note,
                )
                target = ApplicationStatus.WAITING_LIST
            else:
                raise ValidationError(
                    _("The budget of the round has run out: it stays on the waiting list."),
                    code="budget_exhausted",
                )
        if target == ApplicationStatus.GRANTED:
            locked.form = band.form
            locked.amount = band.grant_amount
            locked.refusal_reason = ""
            fields += ["form", "amount", "refusal_reason"]
    if target == ApplicationStatus.REFUSED:
        if not reason:
            raise ValidationError(
                {
                    "reason": [
                        ValidationError(
                            _("Choose the reason for the refusal."), code="reason_required"
                        )
                    ]
                }
            )
        if reason not in constants.Check.values:
            raise ValidationError(
                {
                    "reason": [
                        ValidationError(_("Choose a reason from the list."), code="invalid_reason")
                    ]
                }
            )
        if reason == constants.Check.OTHER and not note:
            raise ValidationError(
                {
                    "note": [
                        ValidationError(
                            _("Describe the other reason in the note."), code="note_required"
                        )
                    ]
                }
            )
        locked.refusal_reason = reason
        fields.append("refusal_reason")
    if target in (ApplicationStatus.GRANTED, ApplicationStatus.REFUSED):
        locked.decided_at = timezone.now()
        locked.decided_by = actor.authenticated_user
        locked.decision_note = note
        locked.objection_until = today + timedelta(days=locked.round.objection_days)
        fields += ["decided_at", "decided_by", "decision_note", "objection_until"]
    locked.version += 1
    APPLICATION.record(locked, step=step, actor=actor, note=note, fields=fields)
    return locked


@transaction.atomic
def mark_sample_checked(*, application: Application, actor: Actor) -> Application:
    """Staff checked a sampled application (documents seen): it may now be granted."""
    locked = _lock(application)
    if not staff_of(locked.municipality_id, actor.user):
        raise PermissionDenied
    if not locked.sampled:
        raise ValidationError(_("This application is not in the sample."), code="not_sampled")
    if locked.sample_checked_at is not None:
        return locked
    locked.sample_checked_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["sample_checked_at", "version", "updated_at"])
    audit_by(AuditAction.UPDATE, locked, actor, reason="appreciation sample checked")
    return locked


@transaction.atomic
def object_to(
    *, application: Application, actor: Actor, objection: str, expected: str = ""
) -> Application:
    """Lodge an objection against a grant or a refusal, by the applicant or by staff for them,
    within the round's objection period."""
    locked = _lock(application)
    step, _note = APPLICATION.check(
        locked, target=ApplicationStatus.OBJECTED, actor=actor, expected=expected
    )
    objection = (objection or "").strip()
    if not objection:
        raise ValidationError(
            {
                "objection": [
                    ValidationError(_("Say why you object to the decision."), code="required")
                ]
            }
        )
    if locked.objection_until is None or timezone.localdate() > locked.objection_until:
        raise ValidationError(
            _("The period to object to this decision has ended."), code="objection_period_over"
        )
    locked.objection = objection
    locked.version += 1
    APPLICATION.record(
        locked, step=step, actor=actor, fields=["objection", "version", "updated_at"]
    )
    return locked


def withdraw(
    *, application: Application, actor: Actor, expected: str = "", note: str = ""
) -> Application:
    """The applicant (or staff for them) withdraws an application that is not decided yet."""
    return decide(
        application=application,
        target=ApplicationStatus.WITHDRAWN,
        actor=actor,
        expected=expected,
        note=note,
    )


@transaction.atomic
def correct(*, application: Application, data: dict, actor: Actor, version: int) -> Application:
    """Staff correct details of an application (e.g. the IBAN after a failed payment); refuses
    an edit that started from another version, and runs the checks again."""
    locked = _lock(application)
    if not staff_of(locked.municipality_id, actor.user):
        raise PermissionDenied
    if locked.status not in CORRECTABLE_STATUSES:
        raise ValidationError(
            _("A decided application cannot be changed; lodge an objection instead."),
            code="decided",
        )
    provisional = locked.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITING_LIST)

    def clean(obj):
        amount = obj.amount
        _clean(obj)
        if not provisional:
            obj.amount = amount  # a decided amount stays as decided

    changed = versioned_update(
        locked,
        version=version,
        data={field: data[field] for field in DATA_FIELDS if field in data},
        fields=DATA_FIELDS,
        clean=clean,
    )
    locked.check_results = rules.check(locked)
    locked.save(update_fields=["check_results"])
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        reason="appreciation application corrected",
        extra={"fields": changed},
    )
    return locked
