"""A needs survey end to end in headless Chromium with axe-core: a policy advisor makes the
young carers' survey from its template and opens it, a young carer answers through the link
on a 375 px screen (first with an error), and the advisor reads the results. Every page also
at 375 px, and the forms with errors."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.surveys import constants, services
from omzien.surveys.models import Response, Survey
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
    start_page_todo,
)

pytestmark = BROWSER_MARKS


def _check(page, what: str) -> None:
    assert axe_violations(page) == [], what
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, what)
    page.set_viewport_size(DESKTOP)


def _more_responses(survey: Survey, number: int) -> None:
    """Other young carers answer the required questions (and the free text)."""
    questions = {q.position: q for q in survey.questions.all()}
    for index in range(number):
        services.response_submit(
            key=survey.public_key,
            form_key=f"other-{index}",
            answers={
                questions[1].pk: str(index % 3),
                questions[2].pk: ["0", "2"],
                questions[4].pk: str(2 + index % 3),
                questions[9].pk: f"Ik zou graag vaker iets leuks doen ({index}).",
            },
        )


def test_staff_make_and_open_a_survey_a_resident_answers_and_staff_read_the_results(
    live_server, page, advisor, heerde
):
    log_in(page, live_server, advisor)
    page.goto(live_server.url + reverse("surveys:survey_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Behoeftepeilingen")
    _check(page, "survey list")
    page.get_by_role(
        "button",
        name="Dit sjabloon gebruiken: Behoeften van jonge mantelzorgers (8 tot 18 jaar)",
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U zorgt thuis mee: wat heeft u nodig?"
    )
    _check(page, "draft survey")
    survey = Survey.objects.get()
    assert survey.questions.count() == 9

    # A question with errors, then left alone.
    page.get_by_role("link", name="Vraag toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag toevoegen")
    page.get_by_label("Soort vraag").select_option(constants.QuestionKind.SINGLE)
    page.get_by_role("button", name="Vraag toevoegen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.locator("[aria-invalid=true]").count() >= 1
    _check(page, "question form with errors")
    page.get_by_role("link", name="Terug naar U zorgt thuis mee: wat heeft u nodig?").click()

    page.get_by_role("button", name="Enquête openen").click()
    expect(page.locator("main")).to_contain_text("De enquête is open")
    link = page.locator(".omzien-public-link a").get_attribute("href")
    _check(page, "open survey")
    start_page_todo(page, live_server, "U zorgt thuis mee", 0, check=True)

    # A young carer answers on a phone, without an account; first forgetting a question.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U zorgt thuis mee: wat heeft u nodig?"
    )
    assert_fits_a_phone(page, "survey form")
    page.get_by_role("group", name="1. Hoe oud bent u?").get_by_label(
        "12 tot en met 15 jaar"
    ).check()
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_fits_a_phone(page, "survey form with errors")
    assert not Response.objects.exists()
    page.get_by_role("group", name="2. Voor wie zorgt u?").get_by_label("Mijn opa of oma").check()
    page.get_by_role("group", name="4. Hoe gaat het met u?").get_by_label("4", exact=True).check()
    page.get_by_label("9. Wilt u nog iets vertellen?").fill("Op school weten ze het niet.")
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
    assert_fits_a_phone(page, "thank-you page")
    response = Response.objects.get()
    assert {a.text for a in response.answers.all()} >= {"Op school weten ze het niet."}
    page.set_viewport_size(DESKTOP)

    # Later, with five more: the advisor reads the results.
    _more_responses(survey, 5)
    log_in(page, live_server, advisor)
    page.goto(live_server.url + reverse("surveys:survey_results", args=[survey.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultaten")
    main = page.locator("main")
    expect(main).to_contain_text("Ingevulde enquêtes: 6.")
    expect(main).to_contain_text("Op school weten ze het niet.")
    expect(main.locator("svg").first).to_be_visible()
    _check(page, "results")
