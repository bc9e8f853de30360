"""The automatic checks of an application against its round's rules (issue 12, point 3).

``check(application)`` returns the rules the application fails, each as
``{"code": Check value, "message": Dutch sentence, "applicant": bool}``; ``applicant`` says
whether it is the applicant's to correct (details they gave: a date of birth, hours, a
postcode, registering in the registry) or staff's to judge. A failed check refuses nothing by
itself: the results are stored on the application and staff decide.

Every boundary is inclusive on the side of the applicant: received on the first or the last day
of the window, exactly the minimum hours, caring since exactly the minimum number of months
before the day it came in, a household total exactly at the cap — all pass.

Duplicates are looked for among the *earlier* applications of the round (a lower pk) that are
not refused or withdrawn, so the first application stays clean and re-running the checks on it
(after a correction) does not suddenly flag it for a later one.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils import translation
from django.utils.formats import localize
from django.utils.translation import gettext as _

from omzien.appreciation import constants as c
from omzien.appreciation.models import AgeBand, Application
from omzien.common.dates import add_months, age_on
from omzien.tenants.selectors import locality_for_postcode

# Applications that no longer count for duplicates, the household cap or the budget.
INACTIVE = (c.ApplicationStatus.REFUSED, c.ApplicationStatus.WITHDRAWN)

# The checks that are the applicant's to correct: details they gave.
APPLICANT_CORRECTS = frozenset(
    {c.Check.AGE, c.Check.HOURS, c.Check.DURATION, c.Check.RESIDENCE, c.Check.NOT_REGISTERED}
)


def band_for(bands, date_of_birth, day) -> AgeBand | None:
    """The first of ``bands`` (ordered by ``min_age``) that covers the carer's age on ``day``;
    None without a date of birth or when no band covers it."""
    if date_of_birth is None or day is None:
        return None
    age = age_on(date_of_birth, day)
    if age < 0:
        return None
    return next((band for band in bands if band.covers(age)), None)


def application_band(application: Application) -> AgeBand | None:
    return band_for(
        list(application.round.age_bands.all()),
        application.date_of_birth,
        application.received_on,
    )


def registry_match(*, municipality, first_name: str, last_name: str, date_of_birth):
    """A registered carer of the municipality with this name (folded: accents, spacing and
    capitals aside) and date of birth, or None."""
    from omzien.caregivers.models import Caregiver

    if date_of_birth is None:
        return None
    return (
        Caregiver.objects.registered()
        .same_name(first_name, last_name)
        .filter(municipality=municipality, date_of_birth=date_of_birth)
        .order_by("pk")
        .first()
    )


def _in_municipality(postcode: str, municipality_id: int) -> bool:
    try:
        locality = locality_for_postcode(postcode=postcode)
    except ValidationError:  # an unreadable postcode lies in no municipality
        return False
    return locality is not None and locality.municipality_id == municipality_id


def _earlier(application: Application):
    qs = Application.objects.filter(round_id=application.round_id).exclude(status__in=INACTIVE)
    if application.pk:
        qs = qs.filter(pk__lt=application.pk)
    return qs


def _fail(code: str, message: str) -> dict:
    return {"code": str(code), "message": str(message), "applicant": code in APPLICANT_CORRECTS}


def check(application: Application) -> list[dict]:
    """The rules of the round that ``application`` fails (an empty list: it passes them all),
    with the messages in Dutch, as they are stored and shown."""
    with translation.override("nl"):
        return _check(application)


def _check(application: Application) -> list[dict]:
    round_ = application.round
    day = application.received_on
    failed = []

    if not round_.opens_on <= day <= round_.closes_on:
        failed.append(
            _fail(
                c.Check.OUTSIDE_WINDOW,
                _("Received on %(day)s, outside the application period %(from)s – %(to)s.")
                % {
                    "day": day.strftime("%d-%m-%Y"),
                    "from": round_.opens_on.strftime("%d-%m-%Y"),
                    "to": round_.closes_on.strftime("%d-%m-%Y"),
                },
            )
        )

    if application_band(application) is None:
        if application.date_of_birth is None:
            message = _("The carer's date of birth is missing.")
        else:
            message = _(
                "On %(day)s the carer is %(age)s: no age band of this round covers that."
            ) % {"day": day.strftime("%d-%m-%Y"), "age": age_on(application.date_of_birth, day)}
        failed.append(_fail(c.Check.AGE, message))

    hours = application.hours_per_week
    if hours is None or Decimal(hours) < round_.min_hours_per_week:
        failed.append(
            _fail(
                c.Check.HOURS,
                _("At least %(min)s hours of care a week are needed; %(hours)s were given.")
                % {
                    "min": localize(round_.min_hours_per_week),
                    "hours": localize(hours if hours is not None else 0),
                },
            )
        )

    since = application.care_since
    if since is None or add_months(since, round_.min_duration_months) > day:
        failed.append(
            _fail(
                c.Check.DURATION,
                _("The care must have lasted at least %(months)s months when applying.")
                % {"months": round_.min_duration_months},
            )
        )

    rule = round_.residence_rule
    if rule != c.ResidenceRule.NONE:
        carer_in = rule in (c.ResidenceRule.CARER, c.ResidenceRule.EITHER) and _in_municipality(
            application.postcode, application.municipality_id
        )
        recipient_in = rule in (
            c.ResidenceRule.RECIPIENT,
            c.ResidenceRule.EITHER,
        ) and _in_municipality(application.recipient_postcode, application.municipality_id)
        if not (carer_in or recipient_in):
            message = {
                c.ResidenceRule.CARER: _("The carer's postcode is not in the municipality."),
                c.ResidenceRule.RECIPIENT: _(
                    "The care recipient's postcode is not in the municipality."
                ),
                c.ResidenceRule.EITHER: _(
                    "Neither the carer's nor the care recipient's postcode is in the municipality."
                ),
            }[rule]
            failed.append(_fail(c.Check.RESIDENCE, message))

    if round_.requires_registration and application.caregiver_id is None:
        found = registry_match(
            municipality=application.municipality,
            first_name=application.first_name,
            last_name=application.last_name,
            date_of_birth=application.date_of_birth,
        )
        if found is None:
            failed.append(
                _fail(
                    c.Check.NOT_REGISTERED,
                    _("The carer is not in the carer registry; register first."),
                )
            )

    if round_.excludes_usual_care and application.usual_care:
        failed.append(
            _fail(
                c.Check.USUAL_CARE,
                _("Usual care between partners or from parents for young children."),
            )
        )
    if round_.excludes_paid_care and application.paid_care:
        failed.append(_fail(c.Check.PAID_CARE, _("The carer is paid for this care.")))

    failed.extend(_duplicates(application))
    return failed


def _duplicates(application: Application) -> list[dict]:
    failed = []
    earlier = _earlier(application)
    same_carer = Q(pk__in=[])
    if application.search_name and application.date_of_birth:
        same_carer |= Q(
            search_name=application.search_name, date_of_birth=application.date_of_birth
        )
    if application.caregiver_id:
        same_carer |= Q(caregiver_id=application.caregiver_id)
    first = earlier.filter(same_carer).order_by("pk").values_list("number", flat=True).first()
    if first:
        failed.append(
            _fail(
                c.Check.DUPLICATE_CARER,
                _("This carer already applied in this round (%(number)s).") % {"number": first},
            )
        )

    round_ = application.round
    if round_.per_recipient == c.PerRecipient.ONE_CARER and application.recipient_key:
        first = (
            earlier.filter(recipient_key=application.recipient_key)
            .order_by("pk")
            .values_list("number", flat=True)
            .first()
        )
        if first:
            failed.append(
                _fail(
                    c.Check.DUPLICATE_RECIPIENT,
                    _(
                        "An appreciation for this care recipient was already applied for "
                        "(%(number)s)."
                    )
                    % {"number": first},
                )
            )

    if round_.household_cap is not None and application.household_key:
        others = earlier.filter(household_key=application.household_key).aggregate(
            total=Sum("amount")
        )["total"] or Decimal("0")
        own = application.amount or Decimal("0")
        if others + own > round_.household_cap:
            failed.append(
                _fail(
                    c.Check.HOUSEHOLD_CAP,
                    _(
                        "This household already has EUR %(others)s; with this application it "
                        "would exceed the maximum of EUR %(cap)s."
                    )
                    % {"others": localize(others), "cap": localize(round_.household_cap)},
                )
            )
    return failed
