"""The public search: words, category, target group, municipality or region, distance from a
village, free or paid; the JSON-list filter; the respite overview; bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omzien.directory import constants
from omzien.directory.constants import Category, EntryStatus, TargetGroup
from omzien.directory.models import Entry
from omzien.directory.selectors.entries import entry_search, has_code, respite_overview
from omzien.directory.tests.factories import EntryFactory, confirmed_days_ago
from omzien.tenants.tests.factories import LocalityFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def villages(heerde):
    # Approximate village centres (WGS84): Heerde, Wapenveld (6 km), Epe (9 km), one 50 km away.
    epe = MunicipalityFactory(cbs_code="GM0232", name="Epe", slug="epe", region=heerde.region)
    return {
        "heerde": LocalityFactory(
            municipality=heerde, name="Heerde", latitude=52.387, longitude=6.04
        ),
        "wapenveld": LocalityFactory(
            municipality=heerde, name="Wapenveld", latitude=52.433, longitude=6.075
        ),
        "epe": LocalityFactory(municipality=epe, name="Epe", latitude=52.348, longitude=5.985),
        "far": LocalityFactory(
            municipality=MunicipalityFactory(name="Dalfsen", slug="dalfsen2", cbs_code="GM0148"),
            name="Dalfsen",
            latitude=52.7,
            longitude=6.6,
        ),
    }


def _titles(qs) -> set[str]:
    return {entry.title for entry in qs}


def test_words_match_title_description_and_provider(heerde):
    EntryFactory(municipality=heerde, title="Alzheimer Café", description="Samen praten")
    EntryFactory(municipality=heerde, title="Repair Café", description="Spullen repareren")
    EntryFactory(municipality=heerde, title="Thuisadministratie", provider_name="Humanitas Heerde")
    assert _titles(entry_search(q="alzheimer")) == {"Alzheimer Café"}
    assert _titles(entry_search(q="humanitas")) == {"Thuisadministratie"}
    assert _titles(entry_search(q="café")) == {"Alzheimer Café", "Repair Café"}
    assert _titles(entry_search(q="café repareren")) == {"Repair Café"}


def test_category_target_group_and_cost(heerde):
    EntryFactory(
        municipality=heerde,
        title="Logeerhuis",
        categories=[Category.RESPITE_STAY, Category.RESPITE_HOUSE],
        target_groups=[TargetGroup.DEMENTIA],
        cost=constants.Cost.PAID,
        cost_text="Eigen bijdrage Wmo",
    )
    EntryFactory(municipality=heerde, title="Inloop", target_groups=[TargetGroup.EVERYONE])
    EntryFactory(
        municipality=heerde, title="Jonge mantelzorgers", target_groups=[TargetGroup.YOUNG_CARERS]
    )
    assert _titles(entry_search(category=Category.RESPITE_HOUSE)) == {"Logeerhuis"}
    # A code that is the start of another code does not match it.
    assert _titles(entry_search(category=Category.RESPITE_STAY)) == {"Logeerhuis"}
    assert _titles(entry_search(target_group=TargetGroup.DEMENTIA)) == {"Logeerhuis", "Inloop"}
    assert _titles(entry_search(target_group=TargetGroup.CARERS)) == {"Inloop"}
    assert _titles(entry_search(cost=constants.Cost.PAID)) == {"Logeerhuis"}
    assert _titles(entry_search(cost=constants.Cost.FREE)) == {"Inloop", "Jonge mantelzorgers"}


def test_has_code_matches_whole_codes_only(heerde):
    EntryFactory(municipality=heerde, title="A", target_groups=["young_carers"])
    EntryFactory(municipality=heerde, title="B", target_groups=["carers"])
    assert _titles(has_code(Entry.objects.all(), "target_groups", ["carers"])) == {"B"}
    assert _titles(has_code(Entry.objects.all(), "target_groups", ["young_carers", "carers"])) == {
        "A",
        "B",
    }


def test_municipality_or_whole_region(heerde, villages):
    epe = villages["epe"].municipality
    EntryFactory(municipality=heerde, title="In Heerde")
    EntryFactory(municipality=epe, title="In Epe")
    EntryFactory(municipality=villages["far"].municipality, title="Ver weg")
    assert _titles(entry_search(municipality=heerde, whole_region=False)) == {"In Heerde"}
    assert _titles(entry_search(municipality=heerde)) == {"In Heerde", "In Epe"}
    assert len(entry_search()) == 3


def test_distance_from_a_village(heerde, villages):
    for name, locality in villages.items():
        EntryFactory(
            municipality=locality.municipality,
            title=f"Bij {name}",
            locality=locality,
            region_wide=False,
        )
    EntryFactory(municipality=heerde, title="Heel Heerde", region_wide=True)
    EntryFactory(municipality=villages["far"].municipality, title="Heel Dalfsen", region_wide=True)
    heerde_village = villages["heerde"]
    assert _titles(entry_search(locality=heerde_village)) == {"Bij heerde", "Heel Heerde"}
    assert _titles(entry_search(locality=heerde_village, distance_km=10)) == {
        "Bij heerde",
        "Bij wapenveld",
        "Bij epe",
        "Heel Heerde",
    }
    assert "Bij far" not in _titles(entry_search(locality=heerde_village, distance_km=25))


def test_unpublished_and_dropped_out_entries_are_not_found(heerde):
    EntryFactory(municipality=heerde, title="Concept", status=EntryStatus.DRAFT)
    confirmed_days_ago(400, municipality=heerde, title="Verlopen")
    confirmed_days_ago(200, municipality=heerde, title="Te laat bevestigd maar in respijt")
    assert _titles(entry_search()) == {"Te laat bevestigd maar in respijt"}


def test_respite_overview_groups_per_form(heerde, villages):
    epe = villages["epe"].municipality
    EntryFactory(municipality=heerde, title="Logeerhuis", categories=[Category.RESPITE_STAY])
    EntryFactory(
        municipality=heerde,
        title="Respijt aan huis",
        categories=[Category.RESPITE_AT_HOME, Category.RESPITE_VOLUNTEER],
    )
    EntryFactory(municipality=heerde, title="Schuldhulp", categories=[Category.DEBT_HELP])
    EntryFactory(municipality=epe, title="Dagopvang Epe", categories=[Category.RESPITE_DAYCARE])
    EntryFactory(
        municipality=epe,
        title="Alleen in Epe",
        categories=[Category.RESPITE_DAYCARE],
        region_wide=False,
        locality=villages["epe"],
    )
    groups = {
        group["code"]: _titles(group["entries"]) for group in respite_overview(municipality=heerde)
    }
    assert set(groups) == set(constants.RESPITE_CATEGORIES)
    assert groups[Category.RESPITE_STAY] == {"Logeerhuis"}
    assert groups[Category.RESPITE_AT_HOME] == {"Respijt aan huis"}
    assert groups[Category.RESPITE_VOLUNTEER] == {"Respijt aan huis"}
    assert groups[Category.RESPITE_DAYCARE] == {"Dagopvang Epe"}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query",
    ["", "?q=mantelzorg", "?category=carer_support&target_group=carers&municipality=heerde"],
)
def test_search_page_queries_do_not_grow_with_the_results(client, heerde, villages, query):
    url = reverse("directory_public:search") + query
    EntryFactory(municipality=heerde, locality=villages["heerde"], description="mantelzorg")
    _queries(client, url)  # warm-up: the cached reference data (tenants.reference)
    one = _queries(client, url)
    EntryFactory.create_batch(
        5, municipality=heerde, locality=villages["wapenveld"], description="mantelzorg"
    )
    assert _queries(client, url) == one


def test_respite_page_and_export_queries_do_not_grow(client, heerde):
    EntryFactory(municipality=heerde, categories=[Category.RESPITE_STAY])
    urls = [
        reverse("directory_public:respite", args=["heerde"]),
        reverse("directory_public:hsds_json", args=["heerde"]),
    ]
    before = [_queries(client, url) for url in urls]
    EntryFactory.create_batch(5, municipality=heerde, categories=[Category.RESPITE_STAY])
    assert [_queries(client, url) for url in urls] == before
