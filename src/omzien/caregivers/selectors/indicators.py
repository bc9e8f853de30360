"""The carer registry's indicators (``common.indicators``); definitions in
docs/indicators.md, computed from the same counts as the page "Cijfers mantelzorg"."""

from django.utils.translation import gettext_lazy as _

from omzien.caregivers import constants
from omzien.caregivers.selectors.figures import caregiver_counts
from omzien.common.indicators import PERCENT, STOCK, Indicator, Result
from omzien.privacy.statistics import Period

INDICATORS = (
    Indicator(
        "caregivers.registered",
        _("Carers registered"),
        measure=STOCK,
        breakdowns=("age_group",),
    ),
    Indicator("caregivers.registered_young", _("Young carers registered"), measure=STOCK),
    Indicator("caregivers.registrations", _("New carer registrations")),
    Indicator("caregivers.intensive", _("Carers in intensive contact"), measure=STOCK),
    Indicator("caregivers.screenings", _("Burden screenings done")),
    Indicator(
        "caregivers.heavily_burdened_share",
        _("Share of screened carers heavily burdened"),
        unit=PERCENT,
    ),
    Indicator("caregivers.referrals", _("Referrals of carers"), breakdowns=("target",)),
)


def caregiver_indicators(*, municipality, period: Period) -> dict[str, Result]:
    counts = caregiver_counts(municipality=municipality, period=period)
    registered = counts["registered"]
    return {
        "caregivers.registered": Result(
            counts["registered_total"], parts={"age_group": dict(registered)}
        ),
        "caregivers.registered_young": Result(registered[constants.AgeGroup.YOUNG]),
        "caregivers.registrations": Result(counts["registrations"]),
        "caregivers.intensive": Result(counts["intensive"]),
        "caregivers.screenings": Result(counts["screenings_done"]),
        "caregivers.heavily_burdened_share": Result.share(
            counts["heavily_burdened"], counts["carers_with_latest_screening"]
        ),
        "caregivers.referrals": Result(
            counts["referrals_total"], parts={"target": dict(counts["referrals_by_target"])}
        ),
    }
