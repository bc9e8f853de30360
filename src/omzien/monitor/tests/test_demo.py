import re
from pathlib import Path

import pytest

from omzien.demo import accounts
from omzien.monitor import demo
from omzien.monitor.models import Measure, Programme, Snapshot
from omzien.tenants.services import reference_data_load

pytestmark = pytest.mark.django_db

SEED = Path("/work/shared/seeds/001_cec28765c991516c.txt")


def test_demo_programme_loads_once_linked_to_registered_indicators():
    reference_data_load()
    accounts.load()
    loaded = demo.load()
    assert loaded["programmes"] == 1
    programme = Programme.objects.get(name=demo.NAME)
    codes = set(
        Measure.objects.filter(municipality=programme.municipality).values_list(
            "indicator_code", flat=True
        )
    )
    assert codes == {
        "volunteering.matches",
        "volunteering.profiles",
        "volunteering.organisations",
        "buddies.pairs_confirmed",
    }
    # A snapshot per measured indicator for every quarter since 2023 that is over.
    assert loaded["snapshots"] == Snapshot.objects.count() >= 4 * 8
    assert demo.load() == {"programmes": 0}


def _text(raw: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", raw).split())


@pytest.mark.skipif(not SEED.exists(), reason="the seeds are not on this machine")
def test_every_target_and_text_is_written_in_the_seed():
    seed = _text(SEED.read_text())
    for _theme, ambitions in demo.PROGRAMME:
        for _ambition, actions in ambitions:
            for _what, _by, _status, measures in actions:
                for text, _code, target, *_rest in measures:
                    assert text in seed
                    assert re.search(rf"\b{target}\b", text)
    for theme, _ambitions in demo.PROGRAMME:
        assert theme in seed
