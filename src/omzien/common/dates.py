"""Calendar arithmetic every capability needs: months later, years before, age on a day."""

import calendar
from datetime import MAXYEAR, MINYEAR, date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier, when negative), or that month's last day when
    it is shorter: 31 January + 1 month is 28 or 29 February. Raises ValidationError
    (``date_out_of_range``) when the answer falls before year 1 or after year 9999."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if not MINYEAR <= year <= MAXYEAR:
        # Python's dates run from year 1 to 9999: a date near either end has no answer.
        raise ValidationError(
            _("This date lies outside the calendar that can be calculated with."),
            code="date_out_of_range",
        )
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes 28 February in a common year."""
    return add_months(day, -12 * years)


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day``: a birthday counts from the day itself."""
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )
