"""Setting up a round: create, change (optimistic locking) and copy to the next year.

Only the functional administrator (municipality admin) of the round's municipality does this.
The rules are checked here, not in the form, so every way in (page, demo, copy) keeps them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban

from omzien.appreciation import constants
from omzien.appreciation.models import AgeBand, Round
from omzien.appreciation.permissions import ADMIN_ROLES
from omzien.common.dates import add_months
from omzien.common.money import euro
from omzien.common.services import Actor, apply_changes, versioned_update
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

# What the functional administrator sets; the rest (closing, copies, versions) is the system's.
ROUND_FIELDS = (
    "year",
    "name",
    "opens_on",
    "closes_on",
    "payment_on",
    "min_hours_per_week",
    "min_duration_months",
    "residence_rule",
    "requires_registration",
    "excludes_usual_care",
    "excludes_paid_care",
    "per_recipient",
    "household_cap",
    "amount_mode",
    "budget",
    "max_amount",
    "when_budget_exhausted",
    "sample_percentage",
    "objection_days",
    "personal_retention_months",
    "financial_retention_years",
    "debtor_name",
    "debtor_iban",
    "debtor_bic",
    "pain_version",
)
BAND_FIELDS = ("min_age", "max_age", "form", "amount", "description")
# Where the errors of the age bands go in a ValidationError's dict.
BANDS = "age_bands"
PAID_FORMS = (constants.AppreciationForm.BANK_TRANSFER, constants.AppreciationForm.VOUCHER)
BUDGET_MODES = (constants.AmountMode.BUDGET_DIVIDED, constants.AmountMode.BASE_RAISED)


def _check_admin(user, municipality_id: int) -> None:
    if user is None or not user.has_role_in(municipality_id, *ADMIN_ROLES):
        raise PermissionDenied


def _bands(round_: Round, bands: list[dict]) -> list[AgeBand]:
    return [
        AgeBand(round=round_, **{f: band.get(f) for f in BAND_FIELDS if f in band})
        for band in bands
    ]


def _band_errors(bands: list[AgeBand]) -> list[ValidationError]:
    errors = []
    if not bands:
        errors.append(ValidationError(_("Add at least one age band."), code="no_bands"))
    for band in bands:
        band.description = (band.description or "").strip()
        label = str(band)
        if band.max_age is not None and band.max_age < band.min_age:
            errors.append(
                ValidationError(
                    _("Age band %(band)s: the upper age lies below the lower age."),
                    code="band_ages",
                    params={"band": label},
                )
            )
        if band.form in PAID_FORMS and (band.amount is None or band.amount <= 0):
            errors.append(
                ValidationError(
                    _("Age band %(band)s: enter the amount of the %(form)s."),
                    code="band_amount",
                    params={"band": label, "form": band.get_form_display().lower()},
                )
            )
        if band.form == constants.AppreciationForm.ACTIVITY and band.amount is not None:
            errors.append(
                ValidationError(
                    _("Age band %(band)s: an activity has no amount; leave it empty."),
                    code="band_activity_amount",
                    params={"band": label},
                )
            )
    ordered = sorted(bands, key=lambda b: b.min_age)
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if lower.max_age is None or lower.max_age >= upper.min_age:
            errors.append(
                ValidationError(
                    _("The age bands %(first)s and %(second)s overlap."),
                    code="band_overlap",
                    params={"first": str(lower), "second": str(upper)},
                )
            )
    return errors


def _rule_errors(round_: Round, bands: list[AgeBand]) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}

    def add(field, message, code, **params):
        errors.setdefault(field, []).append(
            ValidationError(message, code=code, params=params or None)
        )

    if round_.opens_on and round_.closes_on and round_.closes_on < round_.opens_on:
        add("closes_on", _("The application period ends before it begins."), "window")
    if round_.opens_on and round_.payment_on and round_.payment_on < round_.opens_on:
        add(
            "payment_on",
            _("The payment date lies before the application period begins."),
            "payment_date",
        )
    if round_.amount_mode in BUDGET_MODES and round_.budget is None:
        add("budget", _("Enter the budget: this way of setting the amount needs it."), "budget")
    if round_.amount_mode == constants.AmountMode.BASE_RAISED:
        if round_.max_amount is None:
            add(
                "max_amount",
                _("Enter the maximum amount the base amount is raised to."),
                "max_amount",
            )
        else:
            amounts = [b.amount for b in bands if b.amount is not None]
            if amounts and round_.max_amount < max(amounts):
                add(
                    "max_amount",
                    _("The maximum amount is below the amount of an age band (%(amount)s)."),
                    "max_amount",
                    amount=euro(max(amounts)),
                )
    round_.debtor_iban = stdnum_iban.compact(round_.debtor_iban or "")
    if round_.debtor_iban and not stdnum_iban.is_valid(round_.debtor_iban):
        add("debtor_iban", _("This IBAN is not valid: check the number."), "iban")
    round_.debtor_bic = (round_.debtor_bic or "").replace(" ", "").upper()
    band_errors = _band_errors(bands)
    if band_errors:
        errors[BANDS] = band_errors
    return errors


def _clean(round_: Round, bands: list[AgeBand]) -> None:
    """The model's own checks and the round's rules together, as one ValidationError."""
    round_.name = (round_.name or "").strip()
    errors: dict = {}
    try:
        round_.full_clean(exclude=["municipality", "copied_from"], validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for band in bands:
        try:
            band.full_clean(exclude=["round"], validate_constraints=False)
        except ValidationError as error:
            for messages in error.error_dict.values():
                errors.setdefault(BANDS, []).extend(messages)
    for field, messages in _rule_errors(round_, bands).items():
        errors.setdefault(field, []).extend(messages)
    if not errors.get("name") and not errors.get("year"):
        taken = Round.objects.filter(
            municipality_id=round_.municipality_id, year=round_.year, name=round_.name
        ).exclude(pk=round_.pk)
        if taken.exists():
            errors.setdefault("name", []).append(ValidationError(_name_taken(), code="exists"))
    if errors:
        raise ValidationError(errors)


def _name_taken() -> str:
    return _("This municipality already has a round with this name in that year.")


def _save_bands(round_: Round, bands: list[AgeBand]) -> None:
    AgeBand.objects.filter(round=round_).delete()
    for band in bands:
        band.round = round_
    AgeBand.objects.bulk_create(bands)


def _save_with_bands(round_: Round, bands: list[AgeBand]) -> None:
    round_.save()
    _save_bands(round_, bands)


def _band_rows(round_: Round) -> list[tuple]:
    return list(round_.age_bands.order_by("min_age", "pk").values_list(*BAND_FIELDS))


@transaction.atomic
def create_round(*, municipality, data: dict, bands: list[dict], actor: Actor) -> Round:
    """A new round of ``municipality`` with its age bands."""
    _check_admin(actor.user, municipality.pk)
    round_ = Round(municipality=municipality)
    apply_changes(round_, data, ROUND_FIELDS)
    band_rows = _bands(round_, bands)
    _clean(round_, band_rows)
    round_.save()
    _save_bands(round_, band_rows)
    audit_by(AuditAction.CREATE, round_, actor)
    return round_


@transaction.atomic
def update_round(
    *, round: Round, data: dict, bands: list[dict], actor: Actor, version: int | None
) -> Round:
    """Change a round and replace its age bands.

    The round's row is locked; an edit that started from an older ``version`` is refused
    (``EditConflict``) so two administrators never overwrite each other's rules."""
    current = Round.objects.select_for_update(of=("self",)).get(pk=round.pk)
    _check_admin(actor.user, current.municipality_id)
    band_rows = _bands(current, bands)
    before = _band_rows(current)
    changed = versioned_update(
        current,
        version=version,
        data=data,
        fields=ROUND_FIELDS,
        clean=lambda obj: _clean(obj, band_rows),
        save=lambda obj: _save_with_bands(obj, band_rows),
    )
    if _band_rows(current) != before:
        changed.append(BANDS)
    audit_by(AuditAction.UPDATE, current, actor, reason=",".join(changed))
    return current


def next_year_name(name: str, year: int) -> str:
    """The round's name for the next year: its year replaced, or the new year added."""
    if str(year) in name:
        return name.replace(str(year), str(year + 1))
    return f"{name} {year + 1}"[: Round._meta.get_field("name").max_length]


@transaction.atomic
def copy_round(*, round: Round, actor: Actor) -> Round:
    """The same rules one year later: every date a year on (29 February becomes 28 February),
    the name with the new year. Refused when that round exists already (code ``exists``)."""
    source = Round.objects.select_for_update(of=("self",)).get(pk=round.pk)
    _check_admin(actor.user, source.municipality_id)
    copy = Round(municipality_id=source.municipality_id, copied_from=source)
    apply_changes(copy, {f: getattr(source, f) for f in ROUND_FIELDS}, ROUND_FIELDS)
    copy.year = source.year + 1
    copy.name = next_year_name(source.name, source.year)
    for field in ("opens_on", "closes_on", "payment_on"):
        setattr(copy, field, add_months(getattr(source, field), 12))
    if Round.objects.filter(
        municipality_id=copy.municipality_id, year=copy.year, name=copy.name
    ).exists():
        raise ValidationError(_name_taken(), code="exists")
    bands = [
        AgeBand(round=copy, **{f: getattr(band, f) for f in BAND_FIELDS})
        for band in source.age_bands.order_by("min_age", "pk")
    ]
    _clean(copy, bands)
    copy.save()
    _save_bands(copy, bands)
    audit_by(AuditAction.CREATE, copy, actor, reason=f"copy:{source.pk}")
    return copy
