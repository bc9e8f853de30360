"""The public pages that help people recognise themselves as carers, and that the checks
store nothing: no row, no audit event, no session."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from omzien.caregivers import constants
from omzien.caregivers.tests.factories import CampaignPageFactory
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def heerde_contact(heerde):
    heerde.welfare_partner = "Stip Heerde"
    heerde.contact_name = "Mantelzorgconsulent Stip"
    heerde.contact_email = "mantelzorg@stipheerde.test"
    heerde.contact_phone = "0578 123 456"
    heerde.save()
    return heerde


ADULT_CARER = {
    "who": constants.CheckWho.PARENT,
    "tasks": [constants.CheckTask.HOUSEHOLD, constants.CheckTask.PAPERWORK],
    "frequency": constants.CheckFrequency.WEEKLY,
    "duration": constants.CheckDuration.YEARS,
    "wellbeing": constants.CheckWellbeing.TOO_HEAVY,
    "gemeente": "heerde",
}
YOUNG_CARER = {
    "who": constants.YoungWho.PARENT,
    "reason": constants.YoungReason.MIND,
    "tasks": [constants.YoungTask.SIBLINGS],
    "frequency": constants.YoungFrequency.DAILY,
    "wellbeing": constants.YoungWellbeing.OFTEN_HARD,
    "gemeente": "heerde",
}


def _post_storing_nothing(client, url, data):
    """POST the answers; assert no SQL write ran, no audit event and no session exists."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert AuditEvent.objects.count() == 0
    assert Session.objects.count() == 0
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert response["Cache-Control"] == "no-store"
    return response


def test_what_is_mantelzorg_names_examples_usual_care_and_where_to_go(client, heerde_contact):
    MunicipalityFactory(name="Dalfsen", slug="dalfsen", cbs_code="GM0148")
    response = client.get(reverse("carer:what_is"), {"gemeente": "heerde"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "U doet de boodschappen voor uw moeder." in html
    assert "U regelt de administratie van uw buurman." in html
    assert "Gebruikelijke zorg" in html
    assert "noemen zichzelf geen mantelzorger" in html
    assert "Waar kunt u terecht in Heerde?" in html
    assert "In Heerde ondersteunt Stip Heerde mantelzorgers." in html
    assert 'href="mailto:mantelzorg@stipheerde.test"' in html
    assert 'href="tel:0578123456"' in html
    assert reverse("carer:self_register") in html
    assert reverse("appreciation_public:rounds") in html
    assert reverse("carer:check") + "?gemeente=heerde" in html


def test_without_a_choice_among_several_municipalities_the_page_asks(client, heerde):
    MunicipalityFactory(name="Dalfsen", slug="dalfsen", cbs_code="GM0148")
    html = client.get(reverse("carer:what_is")).content.decode()
    assert "Kies uw gemeente" in html
    assert "Kies op deze pagina uw gemeente" in html
    assert 'id="chooser_gemeente"' in html


def test_the_chosen_municipality_is_in_the_header(client, heerde):
    MunicipalityFactory(name="Dalfsen", slug="dalfsen", cbs_code="GM0148")

    def header(query):
        response = client.get(reverse("carer:what_is"), query)
        return response.text.split('omzien-header">', 1)[1].split("</header>", 1)[0]

    assert "Gemeente Dalfsen" in header({"gemeente": "dalfsen"})
    assert "Gemeente" not in header({})  # not chosen yet: no municipality


def test_the_only_municipality_needs_no_choice(client, heerde_contact):
    html = client.get(reverse("carer:what_is")).content.decode()
    assert "Waar kunt u terecht in Heerde?" in html
    assert 'id="chooser_gemeente"' not in html


def test_a_logged_in_resident_sees_their_own_municipality(client, heerde_contact, make_member):
    from omzien.accounts.constants import Role

    MunicipalityFactory(name="Dalfsen", slug="dalfsen", cbs_code="GM0148")
    client.force_login(make_member(Role.RESIDENT, heerde_contact))
    html = client.get(reverse("carer:what_is")).content.decode()
    assert "Waar kunt u terecht in Heerde?" in html


def test_the_running_campaign_is_linked_from_what_is(client, heerde):
    CampaignPageFactory(municipality=heerde, title="Week van de mantelzorg 2026", slug="week")
    html = client.get(reverse("carer:what_is"), {"gemeente": "heerde"}).content.decode()
    assert "Nu: Week van de mantelzorg 2026" in html
    assert reverse("carer:campaign", args=["week"]) + "?gemeente=heerde" in html


def test_the_check_asks_in_radio_groups_with_legends(client, heerde):
    html = client.get(reverse("carer:check")).content.decode()
    assert html.count("<fieldset") >= 5
    assert "Wie helpt u?" in html
    assert 'type="radio"' in html
    assert 'type="checkbox"' in html
    assert "Uw antwoorden worden nergens bewaard" in html


def test_the_adult_check_tells_a_carer_and_stores_nothing(client, heerde_contact):
    response = _post_storing_nothing(client, reverse("carer:check"), ADULT_CARER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "U bent mantelzorger" in html
    assert "U zegt dat het u vaak te veel is." in html
    # Talk to someone comes first, with the municipality's contact.
    assert html.index("Praat met iemand") < html.index("Even rust: respijtzorg")
    assert "mantelzorg@stipheerde.test" in html
    assert "Aanmelden als mantelzorger" in html
    assert "Mantelzorgwaardering aanvragen" in html


def test_probably_not_a_carer_is_told_kindly_what_else_might_help(client, heerde_contact):
    data = {"who": constants.CheckWho.NOBODY, "gemeente": "heerde"}
    html = _post_storing_nothing(client, reverse("carer:check"), data).content.decode()
    assert "U bent nu waarschijnlijk geen mantelzorger" in html
    assert "Kent u iemand die voor een ander zorgt?" in html
    assert "Hulp voor iedereen" in html


def test_usual_care_is_explained(client, heerde):
    data = {
        **ADULT_CARER,
        "who": constants.CheckWho.PARTNER,
        "tasks": [constants.CheckTask.HOUSEHOLD],
        "wellbeing": constants.CheckWellbeing.FINE,
    }
    html = _post_storing_nothing(client, reverse("carer:check"), data).content.decode()
    assert "Misschien bent u mantelzorger" in html
    assert "gebruikelijke zorg" in html


def test_missing_answers_give_dutch_errors_and_no_outcome(client, heerde):
    response = _post_storing_nothing(
        client, reverse("carer:check"), {"who": constants.CheckWho.PARENT}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verbeter het volgende" in html
    assert html.count("Kies een van de antwoorden.") >= 3
    assert "U bent mantelzorger" not in html


def test_an_unknown_answer_is_refused_in_dutch(client, heerde):
    html = client.post(reverse("carer:check"), {"who": "<script>"}).content.decode()
    assert "Kies een van de antwoorden die er staan." in html
    assert "<script>" not in html


def test_the_young_carers_page_speaks_to_them_and_their_check_stores_nothing(
    client, heerde_contact
):
    page = client.get(reverse("carer:young")).content.decode()
    assert "Zorg jij thuis mee voor iemand?" in page
    assert "Het is niet jouw schuld" in page
    assert "van 8 tot en met 18 jaar" in page
    response = _post_storing_nothing(client, reverse("carer:young"), YOUNG_CARER)
    html = response.content.decode()
    assert "Jij bent een jonge mantelzorger" in html
    assert "0800-0432" in html
    assert html.index("Praat met de mantelzorgconsulent") < html.index("De Kindertelefoon")


def test_the_young_check_for_nobody_needs_one_answer_only(client, heerde):
    html = _post_storing_nothing(
        client, reverse("carer:young"), {"who": constants.YoungWho.NOBODY}
    ).content.decode()
    assert "Je zorgt nu thuis niet voor iemand" in html
    assert "Verbeter het volgende" not in html


def test_links_to_the_social_map_and_calendar_appear_once_they_exist(client, heerde, settings):
    """Until the social map and the calendar are installed their links are left out; with
    them, the suggestions link to the right category and target group."""
    html = _post_storing_nothing(client, reverse("carer:check"), ADULT_CARER).content.decode()
    if "directory_public" not in get_resolver().namespace_dict:
        assert "category=peer_support" not in html
    settings.ROOT_URLCONF = "omzien.caregivers.tests.views.awareness_urlconf"
    html = client.post(reverse("carer:check"), ADULT_CARER).content.decode()
    search = reverse("directory_public:search")
    peer = f"{search}?category=peer_support&amp;target_group=carers&amp;municipality={heerde.slug}"
    assert peer in html
    assert f"{search}?category=respite_at_home" in html
    assert reverse("activities_public:calendar") + "?doelgroep=carers" in html


def test_the_links_filter_the_real_social_map_and_calendar(client, heerde):
    """The query strings the carer pages link with are the ones the social map's search and
    the calendar read (their forms keep the chosen filter)."""
    from omzien.caregivers.selectors.awareness import calendar_queries, social_map_queries

    search = client.get(
        reverse("directory_public:search") + social_map_queries(heerde)["peer_support"]
    ).content.decode()
    assert '<option value="peer_support" selected>' in search
    assert f'<option value="{heerde.slug}" selected>' in search
    calendar = client.get(
        reverse("activities_public:calendar") + calendar_queries()["carers"]
    ).content.decode()
    assert '<option value="carers" selected>' in calendar


def test_registration_from_a_carer_page_has_the_municipality_chosen(client, heerde, dalfsen):
    html = client.post(reverse("carer:check"), ADULT_CARER).content.decode()
    link = reverse("carer:self_register") + "?gemeente=heerde"
    assert link in html
    form = client.get(link).content.decode()
    assert f'<option value="{heerde.pk}" selected>Heerde</option>' in form
    unknown = client.get(reverse("carer:self_register"), {"gemeente": "nergens"})
    assert "selected>Heerde" not in unknown.content.decode()


def test_the_check_asks_for_the_municipality_when_it_is_not_known(client, heerde_contact):
    MunicipalityFactory(name="Dalfsen", slug="dalfsen", cbs_code="GM0148")
    form = client.get(reverse("carer:check")).content.decode()
    assert '<select name="gemeente"' in form
    assert "Dan ziet u met wie u daar kunt praten." in form
    # Chosen in the form: the outcome names Heerde's contact.
    html = _post_storing_nothing(client, reverse("carer:check"), ADULT_CARER).content.decode()
    assert "mantelzorg@stipheerde.test" in html
    # Left open: the outcome says where to choose, and still gives the outcome.
    html = client.post(reverse("carer:check"), {**ADULT_CARER, "gemeente": ""}).content.decode()
    assert "U bent mantelzorger" in html
    assert "Kies op deze pagina uw gemeente" in html
    # Known from the link: no question.
    linked = client.get(reverse("carer:check"), {"gemeente": "heerde"}).content.decode()
    assert '<select name="gemeente"' not in linked
    assert 'type="hidden" name="gemeente" value="heerde"' in linked


def test_young_carers_are_spoken_to_as_je_also_about_the_municipality(client, heerde, dalfsen):
    html = client.post(
        reverse("carer:young"), {**YOUNG_CARER, "gemeente": "heerde"}
    ).content.decode()
    assert (
        "Vraag bij de gemeente Heerde naar de mantelzorgconsulent. Of vraag een volwassene" in html
    )
    html = client.post(reverse("carer:young"), {**YOUNG_CARER, "gemeente": ""}).content.decode()
    assert "Kies op deze pagina jouw gemeente. Dan zie je met wie je kunt praten." in html
    assert '<label class="utrecht-form-label" for="id_gemeente">Jouw gemeente' in html
