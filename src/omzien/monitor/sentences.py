"""One plain-Dutch sentence per measure, generated from its figures, for the dashboard and the
council's progress report: "Eind 2024 wilden we 50 matches; op 30 november 2026 staan er 41
(82%)." Built from what the dashboard already shows (a hidden value stays hidden)."""

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from omzien.monitor.constants import UPWARD, Direction


def number(value, unit: str) -> str:
    """At most two decimals and no trailing zeros: 41, 12,3%."""
    number = Decimal(value).quantize(Decimal("0.01")).normalize()
    if number.as_tuple().exponent > 0:  # 5E+1
        number = number.quantize(Decimal(1))
    return f"{number_format(number)}{unit}"


def _name(name: str) -> str:
    """Lower-case the first letter inside a sentence, but keep an abbreviation (GGD)."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def measure_sentence(*, name: str, unit: str, value, hidden: bool, measure, today: date) -> str:
    deadline = measure.deadline
    if (deadline.month, deadline.day) == (12, 31):
        when = _("By the end of %(year)s") % {"year": deadline.year}
    else:
        when = _("By %(date)s") % {"date": date_format(deadline, "j F Y")}
    target = number(measure.target_value, unit)
    only_change = (
        measure.direction in (Direction.GROWTH, Direction.DECLINE)
        and measure.baseline_value is not None
        and measure.target_value == measure.baseline_value
    )
    if only_change:  # "groei van …" with no number: more (or less) than the baseline
        more = measure.direction == Direction.GROWTH
        target = (_("more than %(target)s") if more else _("less than %(target)s")) % {
            "target": target
        }
    elif measure.direction in (Direction.AT_MOST, Direction.DECLINE):
        target = _("at most %(target)s") % {"target": target}
    parts = {"when": when, "target": target, "name": _name(name)}
    if deadline < today:
        first = _("%(when)s we wanted %(target)s %(name)s") % parts
    else:
        first = _("%(when)s we want %(target)s %(name)s") % parts
    on = date_format(today, "j F Y")
    if hidden:
        second = _("on %(today)s the figure is hidden, because it concerns too few people") % {
            "today": on
        }
    elif value is None:
        second = _("on %(today)s there is no value yet") % {"today": on}
    elif unit:
        second = _("on %(today)s it is %(value)s") % {"today": on, "value": number(value, unit)}
    elif measure.direction in UPWARD and measure.target_value and not only_change:
        share = round(Decimal(value) / measure.target_value * 100)
        second = _("on %(today)s there are %(value)s (%(share)s%%)") % {
            "today": on,
            "value": number(value, unit),
            "share": share,
        }
    else:
        second = _("on %(today)s there are %(value)s") % {
            "today": on,
            "value": number(value, unit),
        }
    return f"{first}; {second}."
