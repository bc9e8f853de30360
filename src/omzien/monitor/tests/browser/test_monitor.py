"""The policy advisor of Heerde opens a programme's dashboard, sees the targets with their live
values, publishes the programme and a visitor opens its public page, in headless Chromium
with axe-core (desktop and 375 px)."""

import datetime
from decimal import Decimal

from django.urls import reverse
from playwright.sync_api import expect

from omzien.monitor.constants import ActionStatus
from omzien.monitor.models import Programme
from omzien.monitor.services import programmes as services
from omzien.monitor.tests.conftest import CODE
from omzien.monitor.tests.factories import (
    ActionBudgetFactory,
    ActionFactory,
    ExternalIndicatorFactory,
    ExternalValueFactory,
    MeasureFactory,
    ProgrammeFactory,
)
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
    new_context,
)

pytestmark = BROWSER_MARKS


def test_advisor_opens_the_dashboard_publishes_and_anyone_reads_the_public_page(
    live_server, page, browser, advisor, actor, heerde, test_indicator
):
    programme = ProgrammeFactory(
        municipality=heerde,
        name="Benut de kracht van de samenleving 2023-2024",
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2027, 12, 31),
    )
    action = ActionFactory(
        ambition__theme__programme=programme, what="2.1 Digitaal Platform", carried_out_by="Stip"
    )
    services.action_transition(action=action, target=ActionStatus.UNDERWAY, actor=actor)
    ActionBudgetFactory(action=action, year=2024)
    external = ExternalIndicatorFactory(municipality=heerde, name="Zwaar belaste mantelzorgers")
    ExternalValueFactory.create_batch(7, indicator=external)
    MeasureFactory(
        action=action,
        ambition=None,
        municipality=heerde,
        external=None,
        indicator_code=CODE,
        description="Eind 2027 zijn er 50 waarden",
        target_value=Decimal(50),
        deadline=datetime.date(2027, 12, 31),
        public=True,
    )
    MeasureFactory(
        action=action,
        ambition=None,
        municipality=heerde,
        external=external,
        description="Interne meting",
        baseline_value=Decimal("12.3"),
        baseline_date=datetime.date(2016, 12, 31),
        target_value=Decimal(10),
        direction="decline",
        deadline=datetime.date(2027, 12, 31),
    )
    log_in(page, live_server, advisor)

    page.goto(live_server.url + reverse("monitor:programme_detail", args=[programme.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(programme.name)
    measure = page.locator(".omzien-measure", has_text="Testwaarden")
    expect(measure).to_contain_text("Minstens het doel: 50")
    expect(measure.locator("dd").first).to_have_text("7")  # live: seven values entered
    assert page.locator("svg.omzien-chart__svg").count() == 2
    expect(page.locator(".omzien-measure", has_text="Interne meting")).to_contain_text("12,3")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, "dashboard")
    page.set_viewport_size(DESKTOP)

    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("button", name="Openbare pagina offline halen")).to_be_visible()
    assert Programme.objects.get(pk=programme.pk).published

    visitor = new_context(browser).new_page()
    visitor.goto(live_server.url + reverse("monitor_public:programme", args=[programme.pk]))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(programme.name)
    expect(visitor.locator(".omzien-measure")).to_have_count(1)
    expect(visitor.locator(".omzien-measure")).to_contain_text("Eind 2027 zijn er 50 waarden")
    assert "Interne meting" not in visitor.content()
    assert "Budget" not in visitor.locator("main").inner_text()
    assert axe_violations(visitor) == []
    visitor.set_viewport_size(PHONE)
    assert_fits_a_phone(visitor, "public page")


def test_the_management_pages_pass_axe(live_server, page, advisor, heerde):
    action = ActionFactory(ambition__theme__programme__municipality=heerde)
    measure = MeasureFactory(ambition=action.ambition)
    log_in(page, live_server, advisor)
    for url in (
        reverse("monitor:programme_list"),
        reverse("monitor:programme_create"),
        reverse("monitor:action_status", args=[action.pk]),
        reverse("monitor:measure_edit", args=[measure.pk]),
        reverse("monitor:external_list"),
        reverse("monitor:external_import"),
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations(page) == [], url
    page.goto(live_server.url + reverse("monitor:measure_edit", args=[measure.pk]))
    page.get_by_label("Doel", exact=True).fill("")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert axe_violations(page) == []
