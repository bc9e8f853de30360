"""The appreciation round's indicators (``common.indicators``); definitions in
docs/indicators.md."""

from django.db.models import Min, Sum
from django.utils.translation import gettext_lazy as _

from omzien.appreciation import constants
from omzien.appreciation.models import Application, ApplicationTransition, Payment
from omzien.caregivers.constants import Source
from omzien.caregivers.models import Caregiver
from omzien.common.dates import on_days
from omzien.common.indicators import AMOUNT, Indicator, Result
from omzien.privacy.statistics import Period

INDICATORS = (
    Indicator("appreciation.applications", _("Appreciation applications received")),
    Indicator("appreciation.granted", _("Appreciation applications granted")),
    Indicator(
        "appreciation.amount_paid", _("Appreciation paid out (EUR)"), unit=AMOUNT, people=False
    ),
    Indicator("appreciation.carers_found", _("Carers newly registered through the appreciation")),
)


def appreciation_indicators(*, municipality, period: Period) -> dict[str, Result]:
    """Four queries."""
    received = Application.objects.filter(
        municipality=municipality, received_on__gte=period.start, received_on__lte=period.end
    ).count()
    # An application granted again after an objection counts once, in the period of its
    # first grant.
    bounds = on_days("first", first=period.start, last=period.end)
    granted = (
        ApplicationTransition.objects.filter(
            application__municipality=municipality, to_status=constants.ApplicationStatus.GRANTED
        )
        .values("application_id")
        .annotate(first=Min("created_at"))
        .filter(**bounds)
        .count()
    )
    paid = Payment.objects.filter(
        application__municipality=municipality,
        status=constants.PaymentStatus.PAID,
        paid_on__gte=period.start,
        paid_on__lte=period.end,
    ).aggregate(total=Sum("amount"))["total"]
    found = Caregiver.objects.filter(
        municipality=municipality,
        source=Source.APPRECIATION,
        merged_into__isnull=True,
        registered_on__gte=period.start,
        registered_on__lte=period.end,
    ).count()
    return {
        "appreciation.applications": Result(received),
        "appreciation.granted": Result(granted),
        "appreciation.amount_paid": Result(paid or 0),
        "appreciation.carers_found": Result(found),
    }
