"""Reading rounds: the lists staff see and the rules in plain Dutch.

Rounds hold no personal data, so reading them is not audited."""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from omzien.appreciation import constants
from omzien.appreciation.models import AgeBand, CheckRun, Round
from omzien.appreciation.permissions import ADMIN_ROLES
from omzien.common.money import euro
from omzien.tenants.query import get_visible_or_404


def _rounds():
    return Round.objects.select_related("municipality").prefetch_related(
        Prefetch("age_bands", queryset=AgeBand.objects.order_by("min_age", "pk"))
    )


def round_list(*, user):
    """The rounds of the municipalities where the user is staff or the administrator."""
    return _rounds().visible_to(user)


def round_get(*, user, pk: int) -> Round:
    """One round the user may see (404 otherwise)."""
    return get_visible_or_404(_rounds(), user, pk=pk)


def round_for_admin(*, user, pk: int) -> Round:
    """One round of a municipality the user administers (404 otherwise: a round of another
    municipality, or one the user sees only as staff)."""
    rounds = _rounds().filter(municipality_id__in=user.municipality_ids_for(ADMIN_ROLES))
    return get_visible_or_404(rounds, user, pk=pk)


def admin_municipalities(user) -> list:
    """The municipalities the user administers, by name."""
    return user.municipalities(ADMIN_ROLES)


def _number(value) -> str:
    """A number as the rules show it: "16" when whole, else "12,50"."""
    value = Decimal(value)
    whole = value == value.to_integral_value()
    return number_format(value, decimal_pos=0 if whole else 2, use_l10n=True)


def _euro(amount: Decimal) -> str:
    """An amount as the rules show it: "€ 100" for whole euros, else "€ 12,50"."""
    return euro(amount, cents=False)


def ages_text(band: AgeBand) -> str:
    if band.max_age is None:
        return _("%(min)s years and older") % {"min": band.min_age}
    return _("%(min)s to %(max)s years") % {"min": band.min_age, "max": band.max_age}


def band_text(band: AgeBand) -> str:
    """ "18 jaar en ouder: € 100 per bankoverschrijving", with the description if there is one."""
    ages = ages_text(band)
    if band.form == constants.AppreciationForm.BANK_TRANSFER:
        text = _("%(ages)s: %(amount)s by bank transfer") % {
            "ages": ages,
            "amount": _euro(band.amount),
        }
    elif band.form == constants.AppreciationForm.VOUCHER:
        text = _("%(ages)s: a voucher of %(amount)s") % {
            "ages": ages,
            "amount": _euro(band.amount),
        }
    else:
        text = _("%(ages)s: an activity") % {"ages": ages}
    if band.description:
        text = f"{text} ({band.description})"
    return text


def rules_summary(round_: Round) -> str:
    """The age bands on one line, for the list of rounds."""
    return "; ".join(band_text(band) for band in round_.age_bands.all())


def round_rules(round_: Round) -> dict[str, list[str]]:
    """The rules of a round in plain Dutch, by question: who, how many, how much."""
    hours = _number(round_.min_hours_per_week)
    if round_.min_duration_months == 1:
        duration = _("at least %(hours)s hours a week, at least 1 month") % {"hours": hours}
    else:
        duration = _("at least %(hours)s hours a week, at least %(months)s months") % {
            "hours": hours,
            "months": round_.min_duration_months,
        }
    who = [duration, round_.get_residence_rule_display()]
    if round_.requires_registration:
        who.append(_("the carer is in the carer registry"))
    if round_.excludes_usual_care:
        who.append(constants.Check.USUAL_CARE.label)
    if round_.excludes_paid_care:
        who.append(constants.Check.PAID_CARE.label)
    how_many = [_("one appreciation per carer"), round_.get_per_recipient_display()]
    if round_.household_cap is not None:
        how_many.append(
            _("at most %(amount)s per household") % {"amount": _euro(round_.household_cap)}
        )
    how_much = [band_text(band) for band in round_.age_bands.all()]
    if round_.amount_mode == constants.AmountMode.BUDGET_DIVIDED and round_.budget is not None:
        how_much.append(
            _("the budget of %(budget)s is divided among the granted applications at the close")
            % {"budget": _euro(round_.budget)}
        )
    elif round_.amount_mode == constants.AmountMode.BASE_RAISED and round_.budget is not None:
        how_much.append(
            _("the amounts are raised up to %(max)s while the budget of %(budget)s allows")
            % {
                "max": _euro(round_.max_amount or Decimal(0)),
                "budget": _euro(round_.budget),
            }
        )
    if round_.budget is not None:
        how_much.append(
            _("when the budget runs out: %(what)s")
            % {"what": round_.get_when_budget_exhausted_display().lower()}
        )
    checks = []
    if round_.sample_percentage:
        checks.append(
            _("%(percentage)s%% of the applications are checked before granting")
            % {"percentage": round_.sample_percentage}
        )
    checks.append(
        _("objection possible up to %(days)s days after the decision")
        % {"days": round_.objection_days}
    )
    rules = {"who": who, "how_many": how_many, "how_much": how_much, "checks": checks}
    return {part: [capfirst(str(line)) for line in lines] for part, lines in rules.items()}


def open_rounds(day=None):
    """The rounds of active municipalities that take applications on ``day`` (today), for the
    public page that lists them; by municipality, then name."""
    day = day or timezone.localdate()
    return (
        _rounds()
        .filter(
            municipality__is_active=True,
            opens_on__lte=day,
            closes_on__gte=day,
            closed_at__isnull=True,
        )
        .order_by("municipality__name", "name", "pk")
    )


def last_check_run(round: Round) -> CheckRun | None:  # noqa: A002
    """The round's latest "check again" (running or finished), for its page."""
    return CheckRun.objects.filter(round=round).order_by("-requested_at", "-pk").first()
