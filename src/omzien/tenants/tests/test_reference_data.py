import pytest
from django.core.exceptions import ValidationError

from omzien.tenants.models import Locality, Municipality, Postcode
from omzien.tenants.selectors import locality_for_postcode
from omzien.tenants.services import reference_data_load
from omzien.tenants.validators import normalise_postcode, validate_cbs_code

pytestmark = pytest.mark.django_db


def test_reference_data_is_idempotent_and_complete():
    first = reference_data_load()
    second = reference_data_load()
    assert first == second
    assert Municipality.objects.count() == 8
    heerde = Municipality.objects.get(cbs_code="GM0246")
    assert heerde.name == "Heerde"
    assert sorted(
        Municipality.objects.filter(region=heerde.region).values_list("name", flat=True)
    ) == [
        "Epe",
        "Hattem",
        "Heerde",
    ]
    assert set(heerde.localities.values_list("name", flat=True)) == {
        "Heerde",
        "Wapenveld",
        "Vorchten",
        "Veessen",
    }
    assert Municipality.objects.get(cbs_code="GM0148").region is None  # Dalfsen stands alone
    assert Postcode.objects.count() == first["postcodes"]
    assert Locality.objects.count() == first["localities"]


@pytest.mark.parametrize(
    ("postcode", "locality", "municipality"),
    [
        ("8191 AB", "Wapenveld", "Heerde"),
        ("8171cd", "Vaassen", "Epe"),
        ("7722", "Dalfsen", "Dalfsen"),
        ("8153 XY", "Lemelerveld", "Dalfsen"),
    ],
)
def test_locality_is_derived_from_postcode(postcode, locality, municipality):
    reference_data_load()
    found = locality_for_postcode(postcode=postcode)
    assert found.name == locality
    assert found.municipality.name == municipality


def test_unknown_postcode_has_no_locality():
    reference_data_load()
    assert locality_for_postcode(postcode="1012 AB") is None


@pytest.mark.parametrize("bad", ["", "0181 AB", "818 AB", "8181 A1", "ABCD"])
def test_invalid_postcode_gets_a_clear_error(bad):
    with pytest.raises(ValidationError) as error:
        normalise_postcode(bad)
    assert error.value.code == "invalid_postcode"


def test_postcode_is_normalised():
    assert normalise_postcode(" 8181ab ") == "8181 AB"


@pytest.mark.parametrize("bad", ["0246", "GM246", "gm0246", "GM02460"])
def test_cbs_code_is_validated(bad):
    with pytest.raises(ValidationError):
        validate_cbs_code(bad)


def test_region_municipality_ids(heerde, region):
    from omzien.tenants.tests.factories import MunicipalityFactory

    epe = MunicipalityFactory(cbs_code="GM0232", name="Epe", slug="epe", region=region)
    alone = MunicipalityFactory(cbs_code="GM0148", name="Dalfsen", slug="dalfsen")
    assert sorted(heerde.region_municipality_ids()) == sorted([heerde.pk, epe.pk])
    assert alone.region_municipality_ids() == [alone.pk]


def test_load_municipalities_command(capsys):
    from django.core.management import call_command

    call_command("load_municipalities")
    assert "Reference data loaded" in capsys.readouterr().out
    assert Municipality.objects.filter(cbs_code="GM0244", name="Hattem").exists()


def test_every_sourced_locality_has_coordinates_near_its_neighbours():
    reference_data_load()
    localities = Locality.objects.all()
    assert localities and all(loc.latitude and loc.longitude for loc in localities)
    # All sourced municipalities lie in Gelderland and Overijssel.
    for loc in localities:
        assert 52.2 < loc.latitude < 52.7 and 5.5 < loc.longitude < 6.5, loc.name


def test_the_cached_reference_data_follows_every_change(heerde, region, django_assert_num_queries):
    from omzien.tenants.reference import reference
    from omzien.tenants.tests.factories import LocalityFactory, MunicipalityFactory

    village = LocalityFactory(municipality=heerde, name="Vorchten")
    first = reference()
    assert list(first.municipalities) == [heerde.pk]
    assert first.locality_choices(heerde.pk) == [(village.pk, "Vorchten")]
    in_region = heerde.region_municipality_ids()
    with django_assert_num_queries(0):  # read once, then from memory
        assert reference() is first
        assert first.region_ids(heerde) == in_region
    epe = MunicipalityFactory(cbs_code="GM0232", name="Epe", slug="epe", region=region)
    assert sorted(reference().region_ids(heerde)) == sorted([heerde.pk, epe.pk])
    village.name = "Vorchten (Heerde)"
    village.save()
    assert reference().locality_choices(heerde.pk) == [(village.pk, "Vorchten (Heerde)")]
    epe.is_active = False
    epe.save()
    assert epe.pk not in reference().municipalities
    assert epe.pk in reference().region_ids(heerde)  # a region counts all its municipalities
    epe.delete()
    assert reference().region_ids(heerde) == [heerde.pk]


def test_a_postcode_finds_its_village_in_its_own_municipality_only(heerde, region):
    from omzien.tenants.reference import reference
    from omzien.tenants.tests.factories import LocalityFactory, MunicipalityFactory

    epe = MunicipalityFactory(cbs_code="GM0232", name="Epe", slug="epe", region=region)
    vorchten = LocalityFactory(municipality=heerde, name="Vorchten")
    area = Postcode.objects.create(code="8196", locality=vorchten)
    assert reference().locality_id_for_postcode(heerde.pk, "8196 AA") == vorchten.pk
    assert reference().locality_id_for_postcode(epe.pk, "8196 AA") is None
    assert reference().locality_id_for_postcode(heerde.pk, "8197 AA") is None
    # A postcode area moved to another village is followed at once.
    epe_village = LocalityFactory(municipality=epe, name="Emst")
    area.locality = epe_village
    area.save()
    assert reference().locality_id_for_postcode(heerde.pk, "8196 AA") is None
    assert reference().locality_id_for_postcode(epe.pk, "8196 AA") == epe_village.pk
    area.delete()
    assert reference().locality_id_for_postcode(epe.pk, "8196 AA") is None


def test_another_process_reads_again_when_the_token_is_gone(heerde):
    from django.core.cache import cache

    from omzien.tenants import reference as module

    first = module.reference()
    # Another process changed a municipality: its signal dropped the shared token.
    Municipality.objects.filter(pk=heerde.pk).update(name="Heerde (Gld)")
    assert module.reference() is first  # this process does not know yet
    cache.delete(module.VERSION_KEY)
    assert module.reference().municipalities[heerde.pk].name == "Heerde (Gld)"
