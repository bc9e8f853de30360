"""The public API lists what the public pages show and nothing else; errors are problem
details; lists page by cursor and answer 304 to an unchanged ETag; the rate limit holds."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory
from omzien.directory import constants as directory_constants
from omzien.directory.tests.factories import EntryFactory
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.volunteering import constants
from omzien.volunteering.tests.factories import OrganisationFactory, VacancyFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def get(client, name, *args, **params):
    return client.get(reverse(name, args=args), params)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    return body


@pytest.fixture
def town():
    return MunicipalityFactory(name="Heerde")


# --- Vacancies ---------------------------------------------------------------------------------


def test_vacancies_lists_only_the_published_ones_and_hides_the_others(client, town):
    shown = VacancyFactory(organisation=OrganisationFactory(municipality=town))
    draft = VacancyFactory(organisation=shown.organisation, status=constants.VacancyStatus.DRAFT)
    expired = VacancyFactory(
        organisation=shown.organisation,
        publish_until=timezone.localdate() - datetime.timedelta(days=1),
        publish_from=timezone.localdate() - datetime.timedelta(days=9),
    )
    unapproved = VacancyFactory(
        organisation=OrganisationFactory(
            municipality=town, status=constants.OrganisationStatus.PENDING
        )
    )
    assert ids(get(client, "api:vacancy_list")) == [shown.pk]
    assert get(client, "api:vacancy_detail", shown.pk).json()["title"] == shown.title
    for hidden in (draft, expired, unapproved):
        body = assert_problem(get(client, "api:vacancy_detail", hidden.pk), 404)
        assert body["title"] == "Niet gevonden"


def test_a_vacancy_shows_only_the_contact_details_its_page_shows(client, town):
    organisation = OrganisationFactory(
        municipality=town,
        contact_name="Piet Pietersen",
        contact_email="piet@example.org",
        contact_phone="0578 111 222",
        contact_public=constants.ContactPublic.NONE,
    )
    hidden = VacancyFactory(organisation=organisation)
    content = get(client, "api:vacancy_detail", hidden.pk).content.decode()
    assert "piet@example.org" not in content and "111 222" not in content
    assert get(client, "api:vacancy_detail", hidden.pk).json()["contact"] is None
    organisation.contact_public = constants.ContactPublic.EMAIL
    organisation.save()
    contact = get(client, "api:vacancy_detail", hidden.pk).json()["contact"]
    assert contact == {"name": "Piet Pietersen", "email": "piet@example.org", "phone": ""}
    # The organisation's own address and KvK number are never in the API.
    body = get(client, "api:organisation_detail", organisation.pk).json()
    assert "kvk_number" not in body and "address" not in body and "postcode" not in body


def test_vacancy_filters_are_the_search_pages(client, town):
    other = MunicipalityFactory(name="Dalfsen")
    sport = VacancyFactory(
        organisation=OrganisationFactory(municipality=town), title="Trainer voetbal"
    )
    nature = VacancyFactory(
        organisation=sport.organisation,
        title="Natuurwerkdag",
        domains=[constants.Domain.NATURE],
        kind=constants.VacancyKind.ONE_OFF,
    )
    elsewhere = VacancyFactory(organisation=OrganisationFactory(municipality=other))
    assert set(ids(get(client, "api:vacancy_list", municipality=town.pk))) == {
        sport.pk,
        nature.pk,
    }
    assert ids(get(client, "api:vacancy_list", municipality=other.pk)) == [elsewhere.pk]
    assert ids(get(client, "api:vacancy_list", domain=constants.Domain.NATURE)) == [nature.pk]
    assert ids(get(client, "api:vacancy_list", kind=constants.VacancyKind.ONE_OFF)) == [nature.pk]
    assert ids(get(client, "api:vacancy_list", q="voetbal")) == [sport.pk]


def test_an_invalid_filter_is_a_problem_with_errors_per_field_in_dutch(client):
    body = assert_problem(get(client, "api:vacancy_list", municipality=999999, domain="x"), 400)
    assert set(body["errors"]) == {"municipality", "domain"}
    assert body["title"] == "Ongeldig verzoek"
    assert "geldige keuze" in body["errors"]["domain"][0]


def test_the_list_pages_by_cursor(client, town):
    organisation = OrganisationFactory(municipality=town)
    made = [VacancyFactory(organisation=organisation).pk for _ in range(5)]
    first = get(client, "api:vacancy_list", page_size=2).json()
    assert [item["id"] for item in first["results"]] == sorted(made, reverse=True)[:2]
    assert first["previous"] is None
    seen = [item["id"] for item in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert seen == sorted(made, reverse=True)
    bad = assert_problem(get(client, "api:vacancy_list", cursor="nonsense"), 404)
    assert bad["code"] == "not_found"


def test_an_unchanged_list_answers_304_to_its_etag(client, town):
    vacancy = VacancyFactory(organisation=OrganisationFactory(municipality=town))
    first = get(client, "api:vacancy_list")
    etag = first["ETag"]
    assert etag.startswith('"')
    again = client.get(reverse("api:vacancy_list"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    vacancy.title = "Een nieuwe titel"
    vacancy.save()
    changed = client.get(reverse("api:vacancy_list"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_too_many_requests_is_a_429_problem_with_retry_after(client, settings):
    settings.OMZIEN_API_RATE = "3/m"
    for _ in range(3):
        assert get(client, "api:organisation_list").status_code == 200
    body = assert_problem(get(client, "api:organisation_list"), 429)
    assert body["title"] == "Te veel verzoeken"
    assert int(get(client, "api:organisation_list")["Retry-After"]) > 0
    # Another address has its own count.
    other = client.get(reverse("api:organisation_list"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_the_root_lists_the_addresses_and_an_unknown_one_is_a_404_problem(client):
    root = get(client, "api:root").json()
    assert root["vacancies"].endswith(reverse("api:vacancy_list"))
    assert root["docs"].endswith(reverse("api:docs"))
    body = assert_problem(client.get("/api/v1/nothing/here/"), 404)
    assert body["detail"] == "Op dit adres is niets gepubliceerd."
    assert_problem(client.post("/api/v1/nothing/"), 404)
    # Without the slash: first Django's redirect to the address with one.
    assert client.get("/api/v1/vacancies")["Location"] == "/api/v1/vacancies/"


def test_only_reading_is_allowed(client, town):
    assert_problem(client.post(reverse("api:vacancy_list"), {}), 405)


def test_any_website_may_read_the_api_from_the_browser(client, town):
    listed = get(client, "api:vacancy_list")
    assert listed["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in listed["Access-Control-Expose-Headers"]
    assert get(client, "api:vacancy_detail", 999999)["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        reverse("api:vacancy_list"),
        HTTP_ORIGIN="https://www.heerde.nl",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Headers"] == "If-None-Match"


# --- Organisations -----------------------------------------------------------------------------


def test_organisations_lists_only_approved_ones(client, town):
    approved = OrganisationFactory(municipality=town)
    pending = OrganisationFactory(municipality=town, status=constants.OrganisationStatus.PENDING)
    vacancy = VacancyFactory(organisation=approved)
    VacancyFactory(organisation=approved, status=constants.VacancyStatus.DRAFT)
    assert ids(get(client, "api:organisation_list")) == [approved.pk]
    assert ids(get(client, "api:organisation_list", municipality=town.pk)) == [approved.pk]
    detail = get(client, "api:organisation_detail", approved.pk).json()
    assert [v["id"] for v in detail["vacancies"]] == [vacancy.pk]
    assert_problem(get(client, "api:organisation_detail", pending.pk), 404)


# --- The social map ----------------------------------------------------------------------------


def test_the_social_map_lists_only_public_entries(client, town):
    shown = EntryFactory(municipality=town, title="Mantelzorgcafé")
    other = EntryFactory(
        municipality=town, title="Maaltijden", categories=[directory_constants.Category.MEALS]
    )
    draft = EntryFactory(municipality=town, status=directory_constants.EntryStatus.DRAFT)
    dropped = EntryFactory(
        municipality=town, drops_out_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert ids(get(client, "api:entry_list")) == [other.pk, shown.pk]
    assert ids(get(client, "api:entry_list", category="meals")) == [other.pk]
    assert ids(get(client, "api:entry_list", q="mantelzorgcafé")) == [shown.pk]
    for hidden in (draft, dropped):
        assert_problem(get(client, "api:entry_detail", hidden.pk), 404)
    body = get(client, "api:entry_detail", shown.pk).json()
    assert body["phone"] == shown.phone
    assert body["hsds_url"].endswith(reverse("api:hsds", args=[town.slug]))


def test_the_hsds_export_is_the_open_data_document(client, town):
    shown = EntryFactory(municipality=town)
    EntryFactory(municipality=town, status=directory_constants.EntryStatus.DRAFT)
    api = get(client, "api:hsds", town.slug)
    open_data = get(client, "directory_public:hsds_json", town.slug)
    assert api.json() == open_data.json()
    assert [s["name"] for s in api.json()["contents"]] == [shown.title]
    assert_problem(get(client, "api:hsds", "nergens"), 404)


# --- Activities --------------------------------------------------------------------------------


def test_activities_and_their_coming_dates(client, town):
    own = ActivityFactory(municipality=town)
    coming = OccurrenceFactory(activity=own)
    OccurrenceFactory(activity=own, starts_at=timezone.now() - datetime.timedelta(days=3))
    pending = OrganisationFactory(municipality=town, status=constants.OrganisationStatus.PENDING)
    hidden = ActivityFactory(municipality=town, organisation=pending)
    hidden_date = OccurrenceFactory(activity=hidden)
    assert ids(get(client, "api:activity_list")) == [own.pk]
    detail = get(client, "api:activity_detail", own.pk).json()
    assert [d["id"] for d in detail["coming_dates"]] == [coming.pk]
    assert detail["ical_url"].endswith(reverse("activities_public:activity_ics", args=[own.pk]))
    feed = reverse("activities_public:feed_municipality", args=[town.slug])
    assert detail["feed_url"].endswith(feed)
    assert client.get(feed).status_code == 200
    assert ids(get(client, "api:occurrence_list")) == [coming.pk]
    assert ids(get(client, "api:occurrence_list", municipality=town.pk)) == [coming.pk]
    assert hidden_date.pk not in ids(get(client, "api:occurrence_list", activity=hidden.pk))
    assert_problem(get(client, "api:activity_detail", hidden.pk), 404)


# --- Bounded queries ---------------------------------------------------------------------------


def _queries(client, name) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    return len(captured)


def _make(town, n):
    organisation = OrganisationFactory(municipality=town)
    for _ in range(n):
        VacancyFactory(organisation=organisation)
        OrganisationFactory(municipality=town)
        EntryFactory(municipality=town, organisation=organisation)
        OccurrenceFactory(activity=ActivityFactory(municipality=town, organisation=organisation))


@pytest.mark.parametrize(
    "name",
    [
        "api:vacancy_list",
        "api:organisation_list",
        "api:entry_list",
        "api:activity_list",
        "api:occurrence_list",
    ],
)
def test_a_list_runs_the_same_queries_for_2_and_20_items(client, town, name):
    _make(town, 2)
    few = _queries(client, name)
    _make(town, 18)
    assert _queries(client, name) == few


# --- The schema --------------------------------------------------------------------------------


def test_the_openapi_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    text = (tmp_path / "s.yml").read_text()
    assert "/api/v1/vacancies/" in text and "/api/v1/social-map/hsds/" in text


def test_the_schema_and_docs_are_served(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Omzien API"
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    script = client.get(reverse("api:docs") + "?script=")
    assert script["Content-Type"].startswith("application/javascript")


# --- The policy monitor's indicators as open data ---------------------------------------------


def test_indicators_show_the_public_measures_of_published_programmes_only(client, town):
    from omzien.monitor.tests.factories import (
        ExternalValueFactory,
        MeasureFactory,
        ProgrammeFactory,
    )

    shown = MeasureFactory(
        ambition__theme__programme__municipality=town,
        ambition__theme__programme__published=True,
        public=True,
    )
    ExternalValueFactory(indicator=shown.external, value="12.3")
    MeasureFactory(ambition=shown.ambition, public=False)  # internal only
    programme = shown.ambition.theme.programme
    draft = ProgrammeFactory(municipality=town, published=False)
    assert ids(get(client, "api:indicator_list")) == [programme.pk]
    body = get(client, "api:indicator_detail", programme.pk).json()
    assert [(m["id"], m["value"], m["hidden"]) for m in body["measures"]] == [
        (shown.pk, 12.3, False)
    ]
    assert_problem(get(client, "api:indicator_detail", draft.pk), 404)
