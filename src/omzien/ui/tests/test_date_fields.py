"""Every date on every form lies within a sane range (issue 10, point 15).

The walk imports every module of the project (as the URL walk does, without naming a capability)
and checks each date field of each form: a new form cannot forget its bounds.
"""

import importlib
import inspect
import pkgutil
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django import forms
from django.utils import timezone

import omzien
from omzien.ui.forms import (
    EARLIEST_BIRTH_DATE,
    BoundedDateMixin,
    birth_date_field,
    date_field,
    datetime_field,
)

PACKAGE = Path(omzien.__file__).parent
SKIP = re.compile(r"\.(tests|migrations|testing|conf)(\.|$)")


def project_forms() -> list[type[forms.BaseForm]]:
    found = {}
    for module in pkgutil.walk_packages(omzien.__path__, "omzien."):
        if SKIP.search(module.name):
            continue
        imported = importlib.import_module(module.name)
        for _name, cls in inspect.getmembers(imported, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__.startswith("omzien."):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


def date_fields(form_class):
    return [
        (name, field)
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    ]


def test_the_walk_finds_the_forms_with_dates():
    names = {f"{cls.__module__}.{cls.__name__}" for cls in project_forms() if date_fields(cls)}
    # A few we know, from platform apps and from each capability: the walk is not empty.
    assert {
        "omzien.privacy.forms.AuditFilterForm",
        "omzien.caregivers.forms.caregivers.SelfRegistrationForm",
        "omzien.volunteering.forms.vacancies.VacancyForm",
        "omzien.buddies.forms.ParticipantForm",
    } <= names


def test_every_date_field_of_every_form_has_a_lower_and_an_upper_bound():
    today = timezone.localdate()
    unbounded = []
    for form_class in project_forms():
        for name, field in date_fields(form_class):
            label = f"{form_class.__module__}.{form_class.__name__}.{name}"
            if not isinstance(field, BoundedDateMixin):
                unbounded.append(label)
                continue
            earliest, latest = field.bounds()
            assert EARLIEST_BIRTH_DATE <= earliest < latest, label
            assert latest <= today.replace(year=today.year + 10), label
    assert unbounded == []


def test_no_form_makes_a_date_field_of_its_own():
    """Fields added in a form's __init__ are not in base_fields: check the source as well."""
    pattern = re.compile(r"forms\.(Date|DateTime|SplitDateTime)Field\(")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if not SKIP.search("." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        and path != PACKAGE / "ui" / "forms.py"
        and pattern.search(path.read_text())
    ]
    assert offenders == []


class Example(forms.Form):
    born = birth_date_field(label="Born", required=False)
    on = date_field(label="On", required=False, years_back=1, years_ahead=5)
    at = datetime_field(label="At", required=False, years_back=1, years_ahead=5)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"born": "1899-12-31"}, "born", "Vul een geboortedatum in vanaf 1 januari 1900."),
        ({"born": "0001-01-01"}, "born", "Vul een geboortedatum in vanaf 1 januari 1900."),
        ({"born": "tomorrow"}, "born", "Een geboortedatum kan niet in de toekomst liggen."),
        ({"on": "9999-12-31"}, "on", "Vul een datum in tot en met "),
        ({"on": "two years ago"}, "on", "Vul een datum in vanaf "),
        ({"at": "0001-01-01T10:00"}, "at", "Vul een datum in vanaf "),
    ],
)
def test_a_date_out_of_range_gets_a_dutch_error(data, field, message):
    today = timezone.localdate()
    words = {
        "tomorrow": date.fromordinal(today.toordinal() + 1).isoformat(),
        "two years ago": today.replace(year=today.year - 2, day=1).isoformat(),
    }
    form = Example({key: words.get(value, value) for key, value in data.items()})
    assert not form.is_valid()
    assert form.errors[field][0].startswith(message)
    assert form.errors.as_data()[field][0].code in {"too_early", "too_late"}


def test_dates_within_the_range_pass():
    today = timezone.localdate()
    form = Example(
        {"born": "1900-01-01", "on": today.isoformat(), "at": f"{today.isoformat()}T09:30"}
    )
    assert form.is_valid(), form.errors


def test_an_unchanged_stored_date_stays_valid_when_a_record_is_edited():
    """A campaign of three years ago can still be edited without changing its dates."""
    old = date(2020, 3, 14)
    form = Example({"on": "2020-03-14"}, initial={"on": old})
    assert form.is_valid(), form.errors
    changed = Example({"on": "2020-03-15"}, initial={"on": old})
    assert not changed.is_valid()
    stored = datetime(2020, 3, 14, 9, 30, tzinfo=timezone.get_current_timezone())
    assert Example({"at": "2020-03-14T09:30"}, initial={"at": stored}).is_valid()
