"""Municipalities, regions, villages and postcode areas as searches and registrations read them.

Every public search (vacancies, the social map) lists the active municipalities, the villages of
the chosen one, and reads the municipalities of its region; every registration with an address
finds its village by the postcode: reference data that changes a few times a year, read on every
search and every registration. Each process reads it in four queries and keeps it in memory under a
version that Django's cache holds for ``TIMEOUT`` seconds. Saving or deleting a region,
municipality, village or postcode area drops the version (``TenantsConfig.ready`` connects the
signals), and a process whose version is gone or different reads the data again: with a shared
cache (Redis, database) every process sees a change at once; where each process has its own
(``locmem://``) the others see it within ``TIMEOUT``.

The municipalities are model instances shared by the requests that read them: read them, never
change or save them (``tenants.services`` loads the one it changes).
"""

from dataclasses import dataclass
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

from omzien.tenants.models import Locality, Municipality, Postcode

VERSION_KEY = "omzien:tenants:reference-version"
TIMEOUT = 60


@dataclass(frozen=True)
class Reference:
    # Active municipalities by pk, in name order.
    municipalities: dict[int, Municipality]
    # (pk, municipality pk, name) of the villages of active municipalities, by municipality
    # name, then name and pk.
    localities: tuple[tuple[int, int, str], ...]
    # Region pk → the pks of every municipality in it (active or not), in name order.
    regions: dict[int, tuple[int, ...]]
    # PC4 → (locality pk, municipality pk) of every postcode area.
    postcodes: dict[str, tuple[int, int]]

    def region_ids(self, municipality: Municipality) -> list[int]:
        """``Municipality.region_municipality_ids`` without a query."""
        if municipality.region_id is None:
            return [municipality.pk]
        return list(self.regions.get(municipality.region_id, (municipality.pk,)))

    def locality_id_for_postcode(self, municipality_id: int, postcode: str) -> int | None:
        """The village of a normalised postcode ('8181 AB') when it lies in the municipality."""
        found = self.postcodes.get(postcode[:4])
        return found[0] if found is not None and found[1] == municipality_id else None

    def locality_choices(self, municipality_id: int | None) -> list:
        """(pk, name) of one municipality's villages; of every active municipality grouped by
        its name when ``municipality_id`` is None."""
        if municipality_id is not None:
            return [(pk, name) for pk, owner, name in self.localities if owner == municipality_id]
        grouped: dict[str, list] = {}
        for pk, owner, name in self.localities:
            grouped.setdefault(self.municipalities[owner].name, []).append((pk, name))
        return list(grouped.items())


_loaded: tuple[str, Reference] | None = None  # (version, data) of this process


def reference() -> Reference:
    """The reference data: this process's copy while its version is current, else read again
    (four queries). The version costs one small cache read."""
    global _loaded
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid4().hex, TIMEOUT)
        version = cache.get(VERSION_KEY)
    loaded = _loaded
    if loaded is None or loaded[0] != version:
        loaded = _loaded = (version, _read())
    return loaded[1]


def _read() -> Reference:
    municipalities = {m.pk: m for m in Municipality.objects.filter(is_active=True).order_by("name")}
    localities = tuple(
        Locality.objects.filter(municipality__is_active=True)
        .order_by("municipality__name", "name", "pk")
        .values_list("pk", "municipality_id", "name")
    )
    regions: dict[int, list[int]] = {}
    for pk, region_id in (
        Municipality.objects.exclude(region=None).order_by("name").values_list("pk", "region_id")
    ):
        regions.setdefault(region_id, []).append(pk)
    postcodes = {
        code: (locality, municipality)
        for code, locality, municipality in Postcode.objects.values_list(
            "code", "locality_id", "locality__municipality_id"
        )
    }
    return Reference(
        municipalities=municipalities,
        localities=localities,
        regions={region: tuple(pks) for region, pks in regions.items()},
        postcodes=postcodes,
    )


def forget(**_kwargs) -> None:
    """Drop the version, so that every process reads the data again (a signal receiver: a
    region, municipality or village changed). Dropped again when the change is committed: a
    process that read in between read the data from before it."""
    global _loaded
    _loaded = None
    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))
