import factory

from omzien.tenants.models import Locality, Municipality, Postcode, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["cbs_code"]

    # A CBS code is "GM" and four digits: the sequence wraps after a thousand (one test never
    # makes that many; SQLite would not notice a longer code, PostgreSQL refuses it).
    cbs_code = factory.Sequence(lambda n: f"GM9{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Kern {n}")


class PostcodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postcode

    code = factory.Sequence(lambda n: f"{9000 + n}")
    locality = factory.SubFactory(LocalityFactory)
