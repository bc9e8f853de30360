"""Volunteering's indicators (``common.indicators``); definitions in docs/indicators.md."""

from django.utils.translation import gettext_lazy as _

from omzien.common.dates import on_days
from omzien.common.indicators import AMOUNT, STOCK, Indicator, Result
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.statistics import Period
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.selectors.figures import volunteering_counts
from omzien.volunteering.selectors.hours import hours_counts

INDICATORS = (
    Indicator("volunteering.matches", _("Confirmed volunteer matches")),
    Indicator("volunteering.active_volunteers", _("Volunteers active in a placement")),
    Indicator("volunteering.profiles", _("Volunteer profiles"), measure=STOCK),
    Indicator("volunteering.profiles_created", _("New volunteer profiles")),
    Indicator(
        "volunteering.organisations", _("Participating organisations"), measure=STOCK, people=False
    ),
    Indicator("volunteering.vacancies_published", _("Vacancies published"), people=False),
    Indicator("volunteering.responses", _("Responses to vacancies")),
    Indicator(
        "volunteering.running_after_three_months",
        _("Placements still running after three months"),
        measure=STOCK,
    ),
    Indicator("volunteering.campaign_signups", _("Sign-ups for volunteering campaigns")),
    Indicator(
        "volunteering.approved_hours",
        _("Approved volunteer hours"),
        unit=AMOUNT,
        people=False,
        breakdowns=("domain",),
    ),
    Indicator("volunteering.volunteers_with_hours", _("Volunteers with approved hours")),
)

_FROM_COUNTS = (
    "matches",
    "active_volunteers",
    "profiles_created",
    "organisations",
    "vacancies_published",
    "responses",
    "running_after_three_months",
    "campaign_signups",
)


def volunteering_indicators(*, municipality, period: Period) -> dict[str, Result]:
    counts = volunteering_counts(municipality=municipality, period=period)
    values = {f"volunteering.{name}": Result(getattr(counts, name)) for name in _FROM_COUNTS}
    # Profiles at the end of the period: made by then, and not anonymised since (an
    # anonymised profile keeps no name).
    values["volunteering.profiles"] = Result(
        VolunteerProfile.objects.filter(
            municipality=municipality, **on_days("created_at", last=period.end)
        )
        .exclude(full_name=ANONYMOUS_NAME)
        .count()
    )
    hours = hours_counts(municipality=municipality, period=period)
    values["volunteering.approved_hours"] = Result(
        hours["hours"],
        parts={"domain": {code: amount for code, (amount, _n) in hours["domains"].items()}},
    )
    values["volunteering.volunteers_with_hours"] = Result(
        hours["volunteers"],
        parts={"domain": {code: people for code, (_h, people) in hours["domains"].items()}},
    )
    return values
