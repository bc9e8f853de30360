"""The public vacancy search: what is public, filters, region, text search, sorting, queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.tenants.tests.factories import LocalityFactory
from omzien.volunteering import constants
from omzien.volunteering.models import Vacancy
from omzien.volunteering.selectors import vacancies as selectors
from omzien.volunteering.tests.factories import OrganisationFactory, VacancyFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the SQLite fallback of the text search"
)


def titles(**filters) -> set[str]:
    return {v.title for v in selectors.vacancy_search(**filters)}


@pytest.fixture
def epe_organisation(epe):
    return OrganisationFactory(municipality=epe, name="Natuurgroep Epe")


def test_only_published_vacancies_within_their_period_of_approved_organisations(
    organisation, heerde
):
    VacancyFactory(organisation=organisation, title="Zichtbaar")
    VacancyFactory(organisation=organisation, title="Tot vandaag", publish_until=TODAY)
    for status in (
        constants.VacancyStatus.DRAFT,
        constants.VacancyStatus.AWAITING_REVIEW,
        constants.VacancyStatus.FILLED,
        constants.VacancyStatus.CLOSED,
        constants.VacancyStatus.EXPIRED,
    ):
        VacancyFactory(organisation=organisation, title=f"Status {status}", status=status)
    VacancyFactory(organisation=organisation, title="Later", publish_from=TODAY + DAY)
    VacancyFactory(
        organisation=organisation,
        title="Voorbij",
        publish_from=TODAY - 10 * DAY,
        publish_until=TODAY - DAY,
    )
    pending = OrganisationFactory(municipality=heerde, status=constants.OrganisationStatus.PENDING)
    VacancyFactory(organisation=pending, title="Niet goedgekeurd")
    assert titles() == {"Zichtbaar", "Tot vandaag"}


def test_region_includes_the_other_municipalities_of_the_region(
    organisation, epe_organisation, heerde, dalfsen
):
    VacancyFactory(organisation=organisation, title="Heerde")
    VacancyFactory(organisation=epe_organisation, title="Epe")
    VacancyFactory(organisation=OrganisationFactory(municipality=dalfsen), title="Dalfsen")
    assert titles(municipality=heerde) == {"Heerde", "Epe"}
    assert titles(municipality=heerde, whole_region=False) == {"Heerde"}
    assert titles(municipality=dalfsen) == {"Dalfsen"}
    assert titles() == {"Heerde", "Epe", "Dalfsen"}


def test_locality_and_also_online_or_at_home(organisation, wapenveld, heerde, dalfsen):
    other = LocalityFactory(municipality=heerde, name="Veessen")
    VacancyFactory(organisation=organisation, title="Wapenveld", locality=wapenveld)
    VacancyFactory(organisation=organisation, title="Veessen", locality=other)
    far = OrganisationFactory(municipality=dalfsen)
    VacancyFactory(organisation=far, title="Online", location_kind=constants.LocationKind.ONLINE)
    VacancyFactory(organisation=far, title="Thuis", location_kind=constants.LocationKind.AT_HOME)
    assert titles(locality=wapenveld) == {"Wapenveld"}
    assert titles(locality=wapenveld, include_remote=True) == {"Wapenveld", "Online", "Thuis"}
    assert titles(municipality=heerde, include_remote=True) == {
        "Wapenveld",
        "Veessen",
        "Online",
        "Thuis",
    }


def test_distance_from_a_village(client, organisation, heerde, dalfsen):
    heerde_village = LocalityFactory(
        municipality=heerde, name="Heerde", latitude=52.387, longitude=6.042
    )
    wapenveld = LocalityFactory(
        municipality=heerde, name="Wapenveld", latitude=52.432, longitude=6.075
    )
    hattem = LocalityFactory(municipality=dalfsen, name="Hattem", latitude=52.475, longitude=6.063)
    nowhere = LocalityFactory(municipality=heerde, name="Zonder coördinaten")
    for village in (heerde_village, wapenveld, hattem, nowhere):
        VacancyFactory(organisation=organisation, title=village.name, locality=village)
    VacancyFactory(
        organisation=organisation, title="Online", location_kind=constants.LocationKind.ONLINE
    )
    # Heerde - Wapenveld is about 5.5 km, Heerde - Hattem about 9.9 km.
    assert titles(locality=heerde_village, distance_km=5) == {"Heerde"}
    assert titles(locality=heerde_village, distance_km=10) == {"Heerde", "Wapenveld", "Hattem"}
    assert titles(locality=wapenveld, distance_km=5, include_remote=True) == {
        "Wapenveld",
        "Hattem",  # about 4.9 km, across the municipal border
        "Online",
    }
    assert titles(locality=nowhere, distance_km=25) == {"Zonder coördinaten"}
    page = client.get(
        reverse("volunteering:vacancy_search"), {"locality": heerde_village.pk, "distance": 10}
    )
    assert {v.title for v in page.context["page"]} == {"Heerde", "Wapenveld", "Hattem"}


def test_day_parts_match_any_of_the_chosen(organisation):
    VacancyFactory(organisation=organisation, title="Dinsdag", day_parts=["tue_morning"])
    VacancyFactory(
        organisation=organisation, title="Weekend", day_parts=["sat_morning", "sun_evening"]
    )
    VacancyFactory(organisation=organisation, title="Woensdag", day_parts=["wed_afternoon"])
    assert titles(day_parts=["tue_morning", "sun_evening"]) == {"Dinsdag", "Weekend"}
    assert titles(day_parts=["tue_afternoon"]) == set()


def test_young_no_vog_domain_and_kind(organisation):
    VacancyFactory(
        organisation=organisation,
        title="Jong",
        suitable_young=True,
        domains=[constants.Domain.NATURE],
    )
    VacancyFactory(
        organisation=organisation,
        title="Met VOG",
        vog_required=True,
        suitable_young=True,
        kind=constants.VacancyKind.SHORT_TERM,
    )
    VacancyFactory(organisation=organisation, title="Gewoon", domains=[constants.Domain.SPORT])
    assert titles(young=True) == {"Jong", "Met VOG"}
    assert titles(young=True, no_vog=True) == {"Jong"}
    assert titles(domain=constants.Domain.NATURE) == {"Jong"}
    assert titles(kind=constants.VacancyKind.SHORT_TERM) == {"Met VOG"}


@pytest.fixture
def texts(organisation):
    VacancyFactory(
        organisation=organisation,
        title="Chauffeur boodschappenbus",
        description="Rijd ouderen naar de winkel.",
    )
    VacancyFactory(
        organisation=organisation,
        title="Tuinman",
        description="Help in de tuin van ouderen.",
        tasks="Snoeien en maaien",
    )
    VacancyFactory(organisation=organisation, title="Voorlezen", description="Lees kinderen voor.")


@sqlite_only
def test_text_search_fallback_matches_every_word(texts):
    assert titles(q="ouderen") == {"Chauffeur boodschappenbus", "Tuinman"}
    assert titles(q="OUDEREN maaien") == {"Tuinman"}
    assert titles(q="tuinman chauffeur") == set()


@sqlite_only
def test_fallback_relevance_puts_title_matches_first(organisation):
    VacancyFactory(organisation=organisation, title="Helpen", description="Met de tuin.")
    VacancyFactory(organisation=organisation, title="Tuinhulp", description="Buiten werken.")
    ranked = [v.title for v in selectors.vacancy_search(q="tuin")]
    assert ranked == ["Tuinhulp", "Helpen"]


@postgres_only
def test_full_text_search_uses_the_dutch_dictionary(texts):
    # "winkels" and "winkel" share the Dutch stem; plain substring search would miss it.
    assert titles(q="winkels") == {"Chauffeur boodschappenbus"}
    assert titles(q="ouderen -tuin") == {"Chauffeur boodschappenbus"}  # websearch syntax
    assert titles(q="maaien") == {"Tuinman"}


@postgres_only
def test_full_text_ranks_title_above_description(organisation):
    VacancyFactory(organisation=organisation, title="Helpen", description="In de tuin.")
    VacancyFactory(organisation=organisation, title="Tuin onderhouden", description="Buiten.")
    ranked = [v.title for v in selectors.vacancy_search(q="tuin")]
    assert ranked == ["Tuin onderhouden", "Helpen"]


def test_sorting_newest_and_starting_soonest(organisation):
    now = timezone.now()
    VacancyFactory(organisation=organisation, title="Oud", publish_from=TODAY - 20 * DAY)
    VacancyFactory(organisation=organisation, title="Nieuw", publish_from=TODAY)
    for title, days in (("Klus later", 9), ("Klus eerst", 2)):
        VacancyFactory(
            organisation=organisation,
            title=title,
            kind=constants.VacancyKind.ONE_OFF,
            day_parts=[],
            starts_at=now + days * DAY,
            publish_from=TODAY - 5 * DAY,
        )
    newest = [v.title for v in selectors.vacancy_search(sort="newest")]
    assert newest[0] == "Nieuw" and newest[-1] == "Oud"
    soonest = [v.title for v in selectors.vacancy_search(sort="soonest")]
    assert soonest[:2] == ["Klus eerst", "Klus later"]


# --- The page --------------------------------------------------------------------------------


def test_search_page_works_without_login_and_with_get_filters(client, organisation, epe):
    VacancyFactory(organisation=organisation, title="Jeugdtrainer", suitable_young=True)
    VacancyFactory(organisation=organisation, title="Penningmeester")
    VacancyFactory(
        organisation=organisation, title="Geheim concept", status=constants.VacancyStatus.DRAFT
    )
    response = client.get(reverse("volunteering:vacancy_search"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jeugdtrainer" in html and "Penningmeester" in html
    assert "Geheim concept" not in html
    assert "2 vacatures gevonden" in html
    response = client.get(reverse("volunteering:vacancy_search"), {"young": "on"})
    html = response.content.decode()
    assert "Jeugdtrainer" in html and "Penningmeester" not in html


def test_htmx_request_gets_only_the_results_and_the_whole_page_otherwise(client, organisation):
    VacancyFactory(organisation=organisation, title="Jeugdtrainer", suitable_young=True)
    VacancyFactory(organisation=organisation, title="Penningmeester")
    url = reverse("volunteering:vacancy_search")
    part = client.get(url, {"young": "on"}, headers={"HX-Request": "true"})
    html = part.content.decode()
    assert "Jeugdtrainer" in html and "Penningmeester" not in html
    assert "1 vacature gevonden" in html
    assert "<form" not in html and "<html" not in html
    assert "HX-Request" in part["Vary"]
    whole = client.get(url, {"young": "on"})
    assert "<form" in whole.content.decode() and "HX-Request" in whole["Vary"]


def test_search_page_region_filter_through_the_form(client, organisation, heerde, epe):
    VacancyFactory(
        organisation=OrganisationFactory(municipality=epe, name="Epe Helpt"), title="In Epe"
    )
    url = reverse("volunteering:vacancy_search")
    html = client.get(url, {"municipality": heerde.pk}).content.decode()
    assert "In Epe" in html
    html = client.get(url, {"municipality": heerde.pk, "area": "municipality"}).content.decode()
    assert "In Epe" not in html


def test_search_page_paginates_by_twenty(client, organisation):
    VacancyFactory.create_batch(21, organisation=organisation)
    response = client.get(reverse("volunteering:vacancy_search"))
    assert len(response.context["page"].object_list) == 20
    assert "Pagina 1 van 2" in response.content.decode()
    response = client.get(reverse("volunteering:vacancy_search"), {"page": 2})
    assert len(response.context["page"].object_list) == 1


@pytest.mark.parametrize(
    "params",
    [
        {},
        {
            "q": "vrijwilliger",
            "municipality": "HEERDE",
            "day_parts": ["sat_morning", "tue_morning"],
            "young": "",
            "sort": "soonest",
        },
    ],
)
def test_search_page_runs_the_same_queries_for_3_and_30_vacancies(
    client, organisation, heerde, wapenveld, params, django_assert_num_queries
):
    params = {k: (heerde.pk if v == "HEERDE" else v) for k, v in params.items()}
    url = reverse("volunteering:vacancy_search")
    VacancyFactory.create_batch(3, organisation=organisation, locality=wapenveld)
    client.get(url, params)  # warm-up: sessions, content types
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params)
    at_three = len(captured)
    VacancyFactory.create_batch(27, organisation=organisation, locality=wapenveld)
    with django_assert_num_queries(at_three):
        response = client.get(url, params)
    assert response.context["page"].paginator.count == 30
    # Municipality, its region, count, page, the two choice lists of the form, and the
    # session (none here: a cookie remembers the chosen municipality).
    assert at_three <= 7


@postgres_only
def test_full_text_reads_the_stored_indexed_vector_which_follows_every_change(organisation):
    vacancy = VacancyFactory(organisation=organisation, title="Koffie schenken")
    results = selectors.vacancy_search(q="koffie")
    sql = str(results.query)
    assert "search_vector" in sql
    assert "to_tsvector" not in sql  # nothing computed per row
    assert [v.pk for v in results] == [vacancy.pk]
    Vacancy.objects.filter(pk=vacancy.pk).update(title="Fietsen repareren", tasks="Banden plakken")
    assert not selectors.vacancy_search(q="koffie").exists()
    assert [v.pk for v in selectors.vacancy_search(q="band")] == [vacancy.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'volunteering_vacancy_search_gin'"
        )
        assert "gin (search_vector)" in cursor.fetchone()[0]
