import datetime
from decimal import Decimal

import factory

from omzien.monitor import constants
from omzien.monitor.models import (
    Action,
    ActionBudget,
    ActionTransition,
    Ambition,
    ExternalIndicator,
    ExternalValue,
    Measure,
    MeasureSentence,
    PartnerFigure,
    PartnerReport,
    PartnerReportTransition,
    Programme,
    Snapshot,
    Theme,
)
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.volunteering.tests.factories import OrganisationFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Uitvoeringsprogramma {n}")
    period_start = datetime.date(2023, 1, 1)
    period_end = datetime.date(2024, 12, 31)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.SelfAttribute("programme.municipality")
    name = factory.Sequence(lambda n: f"Thema {n}")


class AmbitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambition

    theme = factory.SubFactory(ThemeFactory)
    municipality = factory.SelfAttribute("theme.municipality")
    title = factory.Sequence(lambda n: f"Ambitie {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    ambition = factory.SubFactory(AmbitionFactory)
    municipality = factory.SelfAttribute("ambition.municipality")
    what = factory.Sequence(lambda n: f"Actie {n}")
    carried_out_by = "Stip"


class ActionTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionTransition

    action = factory.SubFactory(ActionFactory)
    from_status = ""
    to_status = constants.ActionStatus.PLANNED


class ActionBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionBudget

    action = factory.SubFactory(ActionFactory)
    year = 2024
    planned = Decimal("10000.00")
    spent = Decimal("2500.00")


class ExternalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalIndicator

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"GGD-monitor {n}")
    unit = "%"
    source = "GGD Gezondheidsmonitor"


class ExternalValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalValue

    indicator = factory.SubFactory(ExternalIndicatorFactory)
    measured_on = factory.Sequence(
        lambda n: datetime.date(2016, 12, 31) + datetime.timedelta(days=n)
    )
    value = Decimal("12.3")


class MeasureFactory(factory.django.DjangoModelFactory):
    """A measure of an ambition with an external indicator (the registry's computed codes
    depend on the installed apps; tests that need one set ``indicator_code``)."""

    class Meta:
        model = Measure

    ambition = factory.SubFactory(AmbitionFactory)
    municipality = factory.SelfAttribute("ambition.municipality")
    external = factory.SubFactory(
        ExternalIndicatorFactory, municipality=factory.SelfAttribute("..municipality")
    )
    target_value = Decimal("10")
    deadline = datetime.date(2024, 12, 31)


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    municipality = factory.SubFactory(MunicipalityFactory)
    indicator_code = "test.example"
    period_start = datetime.date(2024, 1, 1)
    period_end = datetime.date(2024, 3, 31)
    value = Decimal("12")


class PartnerReportFactory(factory.django.DjangoModelFactory):
    """Stip's figures for the third quarter of 2026, a draft."""

    class Meta:
        model = PartnerReport

    organisation = factory.SubFactory(OrganisationFactory, name="Stip")
    municipality = factory.SelfAttribute("organisation.municipality")
    period_start = datetime.date(2026, 7, 1)
    period_end = datetime.date(2026, 9, 30)


class PartnerFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerFigure

    report = factory.SubFactory(PartnerReportFactory)
    indicator = factory.SubFactory(
        ExternalIndicatorFactory,
        municipality=factory.SelfAttribute("..report.municipality"),
        partner=factory.SelfAttribute("..report.organisation"),
        unit="",
    )
    value = Decimal("41")


class PartnerReportTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerReportTransition

    report = factory.SubFactory(PartnerReportFactory)
    from_status = ""
    to_status = constants.ReportStatus.DRAFT


class MeasureSentenceFactory(factory.django.DjangoModelFactory):
    """The advisor's sentence for a measure in the report of 2024-Q2."""

    class Meta:
        model = MeasureSentence

    measure = factory.SubFactory(MeasureFactory)
    municipality = factory.SelfAttribute("measure.municipality")
    period_start = datetime.date(2024, 4, 1)
    period_end = datetime.date(2024, 6, 30)
    text = "Halverwege 2024 stonden er 41 van de 50 matches: op koers."
