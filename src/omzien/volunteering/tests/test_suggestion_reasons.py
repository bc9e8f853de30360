"""Reasons are made from the score's own parts (property-based), in Dutch and English."""

from dataclasses import replace

from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from omzien.matching.scoring import score_pair
from omzien.matching.tests.test_engine import TABLES, vacancies, volunteers
from omzien.testing.hypothesis import examples
from omzien.volunteering import constants
from omzien.volunteering import suggestion_engine as adapter


@st.composite
def fitting_pairs(draw):
    """A volunteer and a vacancy that meet every hard requirement, otherwise random."""
    vol, vac = draw(volunteers()), draw(vacancies())
    vol = replace(
        vol,
        active=True,
        travel_km=100.0,
        locality=draw(st.integers(0, 4)),
        day_parts=vol.day_parts | set(sorted(vac.day_parts)[:1]),
    )
    vac = replace(
        vac,
        region=vol.region,
        open=True,
        locality=draw(st.integers(0, 4)),
        min_age=0,
        vog_required=False,
        driving_licence=False,
    )
    return vol, vac


@settings(max_examples=examples(300), deadline=None)
@given(fitting_pairs(), st.booleans(), st.sampled_from(["nl", "en"]))
def test_every_reason_comes_from_a_part_that_scored(pair, for_volunteer, language):
    vol, vac = pair
    score = score_pair(vol, vac, TABLES)
    assert score is not None
    with translation.override(language):
        found = adapter.reasons(
            score,
            volunteer=vol,
            vacancy=vac,
            vacancy_place="Heerde",
            volunteer_place="Wapenveld",
            for_volunteer=for_volunteer,
        )
        labels = dict(constants.Domain.choices)
        domain_names = [str(labels[d]) for d in score.part("interests").detail]
    parts = {p.name: p for p in score.parts}
    assert len(found) <= adapter.SHOWN_REASONS
    assert len({r.part for r in found}) == len(found)  # one reason per part at most
    for reason in found:
        assert parts[reason.part].points > 0
        assert reason.text.strip()
    by_part = {r.part: r.text for r in found}
    if score.part("interests").detail:  # a matched interest is always named
        assert all(name in by_part["interests"] for name in domain_names)
    if "distance" in by_part and vac.location_kind == "address":
        km = score.part("distance").detail[0]
        assert ("km" in by_part["distance"]) == (km >= 1)


def test_the_issue_examples_read_as_written():
    from omzien.matching.scoring import Vacancy, Volunteer

    vol = Volunteer(
        id=1,
        region=0,
        interests=frozenset({"nature"}),
        day_parts=frozenset({"tue_morning"}),
        locality=0,
    )
    vac = Vacancy(
        id=2,
        region=0,
        organisation=1,
        start_date=__import__("datetime").date(2027, 1, 5),
        domains=frozenset({"nature"}),
        day_parts=frozenset({"tue_morning"}),
        locality=1,
    )
    with translation.override("nl"):
        texts = [
            r.text
            for r in adapter.reasons(
                score_pair(vol, vac, TABLES),
                volunteer=vol,
                vacancy=vac,
                vacancy_place="Wapenveld",
                volunteer_place="Heerde",
                for_volunteer=True,
            )
        ]
    assert "Past bij uw interesse in Natuur en groen" in texts
    assert "Op dinsdag ochtend, wanneer u kunt" in texts
    assert "6 km van Heerde" in texts
