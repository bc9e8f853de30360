"""Buddy programme pages: access per role, the data on the pages and the database state after
each form. Assertions are on names and records, not on (translated) interface text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.buddies import constants as buddies_constants
from omzien.buddies.models import BuddyPair, BuddyParticipant, BuddyProgramme
from omzien.buddies.tests.factories import PairFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified
from omzien.volunteering.tests.factories import VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def participant_post(**overrides):
    data = {
        "side": "a",
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "phone": "",
        "gender": "f",
        "date_of_birth": "1948-03-02",
        "languages": ["nl"],
        "interests": ["nature"],
        "travel_km": "5",
        "day_parts": ["tue_morning", "thu_afternoon"],
        "wish_genders": ["f"],
        "wish_age_min": "",
        "wish_age_max": "",
        "notes": "",
        "consent_how": "in_person",
        "consent_given_on": "2026-01-05",
    }
    data.update(overrides)
    return data


def urls(programme, pair, participant, check_in=None):
    return [
        ("get", reverse("buddies:programme_list")),
        ("get", reverse("buddies:programme_create")),
        ("get", reverse("buddies:programme_detail", args=[programme.pk])),
        ("get", reverse("buddies:programme_edit", args=[programme.pk])),
        ("get", reverse("buddies:participant_create", args=[programme.pk])),
        ("get", reverse("buddies:participant_edit", args=[participant.pk])),
        ("get", reverse("buddies:pair_detail", args=[pair.pk])),
        ("post", reverse("buddies:pairing_run", args=[programme.pk])),
        ("post", reverse("buddies:pair_confirm", args=[pair.pk])),
        ("post", reverse("buddies:pair_dissolve", args=[pair.pk])),
    ]


@pytest.fixture
def pair(programme, person):
    return PairFactory(participant_a=person("a", "Anna"), participant_b=person("b", "Bea"))


def test_anonymous_is_sent_to_login_and_residents_are_refused(
    client, programme, pair, make_member, heerde
):
    for method, url in urls(programme, pair, pair.participant_a):
        assert getattr(client, method)(url).status_code == 302
    client.force_login(make_member(Role.RESIDENT, heerde))
    for method, url in urls(programme, pair, pair.participant_a):
        assert getattr(client, method)(url).status_code == 403, url
    assert BuddyPair.objects.get().status == buddies_constants.PairStatus.PROPOSED


def test_broker_of_another_municipality_gets_404(client, programme, pair, make_member, dalfsen):
    login_verified(client, make_member(Role.BROKER, dalfsen, totp=True))
    for method, url in urls(programme, pair, pair.participant_a)[2:]:
        assert getattr(client, method)(url).status_code == 404, url
    response = client.get(reverse("buddies:programme_list"))
    assert response.status_code == 200 and programme not in response.context["programmes"]
    assert BuddyPair.objects.get().status == buddies_constants.PairStatus.PROPOSED


def test_consultant_and_broker_open_every_page(client, programme, pair, consultant, broker):
    for user in (consultant, broker):
        login_verified(client, user)
        for _method, url in urls(programme, pair, pair.participant_a)[:7]:
            assert client.get(url).status_code == 200, url


def test_programme_create_and_edit(broker_client, heerde):
    response = broker_client.post(
        reverse("buddies:programme_create"),
        {
            "name": "Maatjes GGZ",
            "description": "",
            "label_a": "Deelnemers",
            "label_b": "Maatjes",
            "active": "on",
        },
    )
    programme = BuddyProgramme.objects.get()
    assert response.status_code == 302 and programme.municipality == heerde
    response = broker_client.post(
        reverse("buddies:programme_edit", args=[programme.pk]),
        {
            "name": "Maatjes GGZ Heerde",
            "label_a": "Deelnemers",
            "label_b": "Maatjes",
            "version": "1",
            "active": "on",
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Maatjes GGZ Heerde" and programme.version == 2
    # A stale version is refused and nothing is saved.
    broker_client.post(
        reverse("buddies:programme_edit", args=[programme.pk]),
        {"name": "Anders", "label_a": "A", "label_b": "B", "version": "1"},
    )
    programme.refresh_from_db()
    assert programme.name == "Maatjes GGZ Heerde"


def test_participant_form_saves_and_shows_errors(broker_client, programme, heerde_village):
    url = reverse("buddies:participant_create", args=[programme.pk])
    response = broker_client.post(url, participant_post(email="", locality=heerde_village.pk))
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not BuddyParticipant.objects.exists()
    response = broker_client.post(url, participant_post(locality=heerde_village.pk))
    assert response.status_code == 302
    anna = BuddyParticipant.objects.get()
    assert anna.day_parts == ["tue_morning", "thu_afternoon"]
    assert anna.wish_genders == ["f"] and anna.locality == heerde_village
    edit = reverse("buddies:participant_edit", args=[anna.pk])
    page = broker_client.get(edit)
    assert b'value="tue_morning"' in page.content and b"Anna de Vries" in page.content
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(anna.pk)).exists()
    response = broker_client.post(edit, participant_post(travel_km="12", version="1"))
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.travel_km == 12 and anna.version == 2


def test_run_take_confirm_end_through_the_pages(broker_client, programme, person):
    anna, bea = person("a", "Anna"), person("b", "Bea")
    lonely = person("a", "Lonely", wish_languages=["ar"])
    detail = reverse("buddies:programme_detail", args=[programme.pk])
    assert (
        broker_client.post(reverse("buddies:pairing_run", args=[programme.pk])).status_code == 302
    )
    page = broker_client.get(detail)
    run = page.context["run"]
    assert [(r["a"].name, r["b"].name) for r in run["stable"]] == [("Anna", "Bea")]
    assert [row["participant"] for row in run["unpaired"]] == [lonely]
    assert b"Lonely" in page.content and b'id="best-total"' in page.content
    broker_client.post(reverse("buddies:pairing_take", args=[programme.pk]), {"choice": "stable"})
    pair = BuddyPair.objects.get()
    assert (pair.participant_a, pair.participant_b, pair.source) == (anna, bea, "stable")
    broker_client.post(reverse("buddies:pair_confirm", args=[pair.pk]), {"version": "1"})
    pair.refresh_from_db()
    assert pair.status == buddies_constants.PairStatus.CONFIRMED and pair.check_ins.count() == 2
    page = broker_client.get(reverse("buddies:pair_detail", args=[pair.pk]))
    assert page.status_code == 200 and b"Anna" in page.content
    check_in = pair.check_ins.first()
    broker_client.post(reverse("buddies:check_in_done", args=[check_in.pk]), {"notes": "Goed"})
    check_in.refresh_from_db()
    assert check_in.notes == "Goed"
    broker_client.post(
        reverse("buddies:pair_end", args=[pair.pk]),
        {
            "reason": "completed",
            "ended_on": timezone.localdate().isoformat(),
            "version": str(pair.version),
        },
    )
    pair.refresh_from_db()
    assert pair.status == buddies_constants.PairStatus.ENDED


def test_manual_pair_and_dissolve_through_the_pages(broker_client, programme, person):
    anna = person("a", "Anna", wish_genders=["f"])
    bert = person("b", "Bert", gender="m")
    bea = person("b", "Bea")
    url = reverse("buddies:pair_manually", args=[programme.pk])
    broker_client.post(url, {"participant_a": anna.pk, "participant_b": bert.pk})
    assert not BuddyPair.objects.exists()  # Anna wishes a woman
    broker_client.post(url, {"participant_a": anna.pk, "participant_b": bea.pk})
    pair = BuddyPair.objects.get()
    assert pair.source == "manual"
    page = broker_client.get(reverse("buddies:programme_detail", args=[programme.pk]))
    assert page.context["proposed"] == [pair]
    assert anna not in page.context["free_a"]
    broker_client.post(reverse("buddies:pair_dissolve", args=[pair.pk]), {"version": "1"})
    assert not BuddyPair.objects.exists()


def test_participant_leaves_through_the_page(broker_client, programme, person):
    anna = person("a", "Anna")
    broker_client.post(reverse("buddies:participant_leave", args=[anna.pk]), {"version": "1"})
    anna.refresh_from_db()
    assert anna.left_on is not None


def _fill(programme, person, n):
    for k in range(n):
        a = person("a", f"A{k}")
        b = person("b", f"B{k}")
        if k % 2:
            PairFactory(
                participant_a=a, participant_b=b, status=buddies_constants.PairStatus.CONFIRMED
            )
        else:
            PairFactory(participant_a=a, participant_b=b)
        person("a", f"Vrij {k}")


def test_programme_page_runs_a_fixed_number_of_queries(broker_client, programme, person):
    url = reverse("buddies:programme_detail", args=[programme.pk])
    _fill(programme, person, 2)
    broker_client.post(reverse("buddies:pairing_run", args=[programme.pk]))
    broker_client.get(url)  # warm up (session, user)
    with CaptureQueriesContext(connection) as small:
        assert broker_client.get(url).status_code == 200
    _fill(programme, person, 6)
    broker_client.post(reverse("buddies:pairing_run", args=[programme.pk]))
    with CaptureQueriesContext(connection) as large:
        assert broker_client.get(url).status_code == 200
    assert len(large) == len(small) < 25


def test_navigation_shows_buddy_programmes_to_brokers_and_consultants(
    broker, consultant, make_member, heerde
):
    from omzien.ui.navigation import navigation_for

    url = reverse("buddies:programme_list")
    for user in (broker, consultant):
        assert url in [item["url"] for item in navigation_for(user=user, current_path="/")]
    resident = make_member(Role.RESIDENT, heerde)
    assert url not in [item["url"] for item in navigation_for(user=resident, current_path="/")]


# --- The volunteer profile of a buddy is picked by searching -----------------------------------


def _profiles(heerde, count):
    return [
        VolunteerProfileFactory(
            municipality=heerde, user=None, full_name=f"Maatje Vrijwilliger {i}"
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("count", [25, 125])
def test_participant_form_and_its_picker_cost_the_same_whatever_the_number_of_volunteers(
    broker_client, programme, heerde, count
):
    _profiles(heerde, count)
    form = reverse("buddies:participant_create", args=[programme.pk])
    picker = reverse("buddies:volunteer_picker", args=[programme.pk])
    broker_client.get(form)
    with CaptureQueriesContext(connection) as page_queries:
        html = broker_client.get(form).content.decode()
    assert "Maatje Vrijwillig" not in html and 'name="volunteer_profile_search"' in html
    with CaptureQueriesContext(connection) as picker_queries:
        found = broker_client.get(
            picker, {"volunteer_profile_search": "maatje"}, headers={"HX-Request": "true"}
        ).content.decode()
    assert found.count('name="volunteer_profile"') == 20
    # session, user, device, memberships, programme, villages: nothing per volunteer profile.
    assert len(page_queries) == 6
    assert len(picker_queries) == 6  # the same, the matches instead of the villages


def test_participant_form_without_javascript_searches_then_saves_the_pick(
    broker_client, programme, heerde, heerde_village
):
    (buddy,) = _profiles(heerde, 1)
    url = reverse("buddies:participant_create", args=[programme.pk])
    data = participant_post(locality=heerde_village.pk, side="b")
    response = broker_client.post(
        url, {**data, "_pick": "volunteer_profile", "volunteer_profile_search": "maatje vrij"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and not BuddyParticipant.objects.exists()
    assert f'value="{buddy.pk}"' in html and "Anna de Vries" in html
    response = broker_client.post(url, {**data, "volunteer_profile": buddy.pk})
    assert response.status_code == 302
    assert BuddyParticipant.objects.get().volunteer_profile == buddy
    edit = broker_client.get(
        reverse("buddies:participant_edit", args=[BuddyParticipant.objects.get().pk])
    ).content.decode()
    assert f'id="id_volunteer_profile_chosen" value="{buddy.pk}" checked' in edit
