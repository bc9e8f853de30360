"""Volunteer profile pages: the resident's own, the broker's, the hand-over link; access."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.accounts.tests.factories import UserFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.testing.login import login_verified
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.selectors import profiles as selectors
from omzien.volunteering.tests.factories import VolunteerProfileFactory

TODAY = timezone.localdate()


@pytest.fixture
def resident(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Rita Bosman", email="rita@example.org")


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client


def form_post(**overrides) -> dict:
    data = {
        "interests": [volunteering_constants.Domain.NATURE],
        "tasks_liked": "Tuinieren",
        "availability": ["tue_morning", "sat_afternoon"],
        "hours_per_week": "4",
        "commitments": [volunteering_constants.VacancyKind.STRUCTURAL],
        "locality": "",
        "travel_km": "10",
        "date_of_birth": "1980-05-17",
        "vog_willing": "",
        "languages": ["nl"],
        "motivation": "Graag iets doen voor een ander.",
        "findable_by": volunteering_constants.Findable.BROKERS,
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def assisted_post(**overrides) -> dict:
    data = form_post(
        consent=None,
        full_name="Gerrit Jansen",
        email="gerrit@example.org",
        phone="",
        consent_how=volunteering_constants.ConsentHow.IN_PERSON,
        consent_given_on=TODAY.isoformat(),
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- The resident ----------------------------------------------------------------------------


def test_navigation_shows_the_profile_to_residents_and_the_list_to_brokers(
    resident_client, broker_client_separate
):
    html = resident_client.get(reverse("volunteering:profile_mine")).content.decode()
    assert "Mijn vrijwilligersprofiel" in html
    html = broker_client_separate.get(reverse("volunteering:volunteer_list")).content.decode()
    assert ">Vrijwilligers<" in html


@pytest.fixture
def broker_client_separate(broker):
    from django.test import Client

    return login_verified(Client(), broker)


def test_resident_creates_a_profile(resident_client, resident, heerde, wapenveld):
    url = reverse("volunteering:profile_create", args=[heerde.pk])
    page = resident_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wapenveld" in html
    assert 'name="availability" value="tue_morning"' in html
    response = resident_client.post(url, form_post(locality=str(wapenveld.pk)))
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=resident)
    assert profile.availability == ["tue_morning", "sat_afternoon"]
    assert profile.locality == wapenveld
    assert profile.consent_how == volunteering_constants.ConsentHow.ONLINE
    html = resident_client.get(reverse("volunteering:profile_mine")).content.decode()
    assert "Wapenveld" in html
    assert reverse("volunteering:profile_edit", args=[profile.pk]) in html


def test_form_errors_are_shown_in_dutch_and_nothing_is_saved(resident_client, heerde):
    url = reverse("volunteering:profile_create", args=[heerde.pk])
    too_young = (TODAY - datetime.timedelta(days=11 * 366)).isoformat()
    response = resident_client.post(
        url,
        form_post(
            availability=[],
            consent=None,
            date_of_birth=too_young,
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verbeter het volgende" in html
    assert 'href="#id_availability"' in html
    assert "Kies ten minste één dagdeel" in html
    assert not VolunteerProfile.objects.exists()
    # The service's refusals (age) reach the form too.
    response = resident_client.post(url, form_post(date_of_birth=too_young))
    form = response.context["form"]
    assert set(form.errors) == {"date_of_birth"}
    assert "12 jaar" in form.errors["date_of_birth"][0]
    assert not VolunteerProfile.objects.exists()


def test_duplicate_profile_gets_a_clear_error(resident_client, resident, heerde):
    url = reverse("volunteering:profile_create", args=[heerde.pk])
    VolunteerProfileFactory(municipality=heerde, user=resident)
    response = resident_client.get(url)
    assert response.status_code == 302
    response = resident_client.post(url, form_post())
    assert response.status_code == 200
    assert "al een vrijwilligersprofiel" in response.content.decode()
    assert VolunteerProfile.objects.filter(user=resident).count() == 1


def test_resident_creates_only_where_they_live(resident_client, epe):
    url = reverse("volunteering:profile_create", args=[epe.pk])
    assert resident_client.get(url).status_code == 404
    assert resident_client.post(url, form_post()).status_code == 404


def test_several_municipalities_offer_a_choice(resident_client, resident, heerde, epe):
    Membership.objects.create(user=resident, municipality=epe, role=Role.RESIDENT)
    VolunteerProfileFactory(municipality=heerde, user=resident)
    html = resident_client.get(reverse("volunteering:profile_mine")).content.decode()
    assert reverse("volunteering:profile_create", args=[epe.pk]) in html
    assert reverse("volunteering:profile_create", args=[heerde.pk]) not in html


def test_resident_edits_with_optimistic_locking(resident_client, resident, heerde):
    profile = VolunteerProfileFactory(municipality=heerde, user=resident)
    url = reverse("volunteering:profile_edit", args=[profile.pk])
    assert 'name="version" value="1"' in resident_client.get(url).content.decode()
    response = resident_client.post(url, form_post(consent=None, hours_per_week="6", version="1"))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.hours_per_week, profile.version) == (6, 2)
    stale = resident_client.post(url, form_post(consent=None, hours_per_week="9", version="1"))
    assert stale.status_code == 302 and stale.url == url
    profile.refresh_from_db()
    assert profile.hours_per_week == 6
    messages = [str(m) for m in resident_client.get(url).context["messages"]]
    assert any("Er is niets opgeslagen" in m for m in messages)


def test_resident_pauses_resumes_and_deletes(resident_client, resident, heerde):
    profile = VolunteerProfileFactory(municipality=heerde, user=resident)
    resident_client.post(reverse("volunteering:profile_pause", args=[profile.pk]), {"paused": "1"})
    profile.refresh_from_db()
    assert profile.paused
    html = resident_client.get(reverse("volunteering:profile_mine")).content.decode()
    assert "gepauzeerd" in html
    resident_client.post(reverse("volunteering:profile_pause", args=[profile.pk]), {"paused": "0"})
    profile.refresh_from_db()
    assert not profile.paused
    url = reverse("volunteering:profile_delete", args=[profile.pk])
    assert resident_client.get(url).status_code == 200
    assert VolunteerProfile.objects.filter(pk=profile.pk).exists()  # GET only asks
    assert resident_client.post(url).status_code == 302
    assert not VolunteerProfile.objects.filter(pk=profile.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(profile.pk)).exists()


def test_resident_cannot_reach_another_residents_profile(resident_client, heerde):
    other = VolunteerProfileFactory(municipality=heerde)
    for name in ("profile_edit", "profile_delete"):
        assert (
            resident_client.get(reverse(f"volunteering:{name}", args=[other.pk])).status_code == 404
        )
    url = reverse("volunteering:profile_pause", args=[other.pk])
    assert resident_client.post(url, {"paused": "1"}).status_code == 404
    assert (
        resident_client.get(reverse("volunteering:volunteer_detail", args=[other.pk])).status_code
        == 403
    )
    other.refresh_from_db()
    assert not other.paused


def test_anonymous_is_sent_to_log_in(client, heerde):
    profile = VolunteerProfileFactory(municipality=heerde)
    for url in (
        reverse("volunteering:profile_mine"),
        reverse("volunteering:profile_edit", args=[profile.pk]),
        reverse("volunteering:volunteer_list"),
        reverse("volunteering:volunteer_detail", args=[profile.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url, url


# --- Brokers ---------------------------------------------------------------------------------


def test_broker_list_and_filters(broker_client, heerde):
    anna = VolunteerProfileFactory(
        municipality=heerde, full_name="Anna Sport", interests=[volunteering_constants.Domain.SPORT]
    )
    VolunteerProfileFactory(
        municipality=heerde,
        full_name="Bert Cultuur",
        interests=[volunteering_constants.Domain.CULTURE],
    )
    url = reverse("volunteering:volunteer_list")
    html = broker_client.get(url).content.decode()
    assert "Anna Sport" in html and "Bert Cultuur" in html
    html = broker_client.get(
        url, {"interest": volunteering_constants.Domain.SPORT}
    ).content.decode()
    assert "Anna Sport" in html and "Bert Cultuur" not in html
    # The selector audits the read with the profiles the page showed, for access requests.
    last = AuditEvent.objects.filter(action=AuditAction.VIEW, reason="volunteer list").latest("pk")
    assert last.extra["shown"] == [f"volunteering.volunteerprofile:{anna.pk}"]
    assert last.municipality == heerde


@pytest.mark.parametrize("size", [3, 30])
def test_broker_list_runs_a_fixed_number_of_queries(
    broker_client, heerde, wapenveld, django_assert_num_queries, size
):
    VolunteerProfileFactory.create_batch(size, municipality=heerde, locality=wapenveld)
    url = reverse("volunteering:volunteer_list")
    broker_client.get(url)
    # session, user, device, memberships, audit insert, count, page (with localities)
    with django_assert_num_queries(7):
        response = broker_client.get(url, {"guidance": "0", "paused": "0"})
    assert len(response.context["page"]) == size


@pytest.mark.parametrize("size", [3, 30])
def test_resident_page_runs_a_fixed_number_of_queries(
    client, make_member, django_assert_num_queries, size
):
    # One profile per municipality the resident lives in.
    resident = UserFactory()
    for municipality in MunicipalityFactory.create_batch(size):
        Membership.objects.create(user=resident, municipality=municipality, role=Role.RESIDENT)
        VolunteerProfileFactory(municipality=municipality, user=resident)
    client.force_login(resident)
    url = reverse("volunteering:profile_mine")
    client.get(url)
    # session, user, memberships, the profiles with their municipality and locality (4);
    # "Voor u": the engine's catch-up (the change log since its last call: 1), what to leave
    # out (hidden, responded: 2), and the hidden counts (1); the suggested vacancies are not
    # queried when there are none.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.context["profiles"]) == size


@pytest.mark.parametrize("size", [3, 30])
def test_broker_profile_page_runs_a_fixed_number_of_queries(
    broker_client, heerde, wapenveld, django_assert_num_queries, size
):
    profile = VolunteerProfileFactory(
        municipality=heerde,
        locality=wapenveld,
        interests=list(volunteering_constants.Domain.values)[: min(size, 16)],
        availability=[code for code, _label in volunteering_constants.DAY_PARTS][:size],
    )
    url = reverse("volunteering:volunteer_detail", args=[profile.pk])
    broker_client.get(url)
    # session, user, device, memberships, the profile with its relations, audit insert (6);
    # suitable vacancies: the engine's catch-up (1) and what to leave out (hidden, responded: 2);
    # the history: responses, invitations and its audit insert (3; check-ins only with a
    # placement).
    with django_assert_num_queries(12):
        assert broker_client.get(url).status_code == 200


def test_broker_profile_page_is_audited(broker_client, broker, heerde):
    profile = VolunteerProfileFactory(
        municipality=heerde,
        full_name="Vera Vrijwilliger",
        date_of_birth=TODAY.replace(year=TODAY.year - 14) - datetime.timedelta(days=1),
    )
    url = reverse("volunteering:volunteer_detail", args=[profile.pk])
    response = broker_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vera Vrijwilliger" in html
    assert "ouder of verzorger" in html  # 14 years old: an adult must agree
    assert reverse("volunteering:volunteer_edit", args=[profile.pk]) not in html  # self-registered
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(profile.pk), actor=broker
    ).exists()


def test_broker_of_epe_gets_404_on_a_heerde_profile(client, make_member, epe, heerde):
    profile = VolunteerProfileFactory(municipality=heerde, user=None)
    epe_broker = make_member(Role.BROKER, epe, totp=True)
    login_verified(client, epe_broker)
    for name in ("volunteer_detail", "volunteer_edit", "volunteer_delete"):
        assert client.get(reverse(f"volunteering:{name}", args=[profile.pk])).status_code == 404
    for name in ("volunteer_pause", "volunteer_invite"):
        assert client.post(reverse(f"volunteering:{name}", args=[profile.pk])).status_code == 404
    assert client.get(reverse("volunteering:volunteer_list")).context["page"].paginator.count == 0


def test_organisation_members_cannot_see_profiles(org_client, heerde):
    profile = VolunteerProfileFactory(municipality=heerde)
    assert org_client.get(reverse("volunteering:volunteer_list")).status_code == 403
    assert (
        org_client.get(reverse("volunteering:volunteer_detail", args=[profile.pk])).status_code
        == 403
    )


def test_broker_registers_and_edits_a_volunteer(broker_client, broker, heerde):
    url = reverse("volunteering:volunteer_new")
    page = broker_client.get(url).content.decode()
    assert 'name="consent_how"' in page and 'value="online"' not in page
    response = broker_client.post(url, assisted_post(consent_how=""))
    assert "consent_how" in response.context["form"].errors
    response = broker_client.post(url, assisted_post())
    profile = VolunteerProfile.objects.get()
    assert response.url == reverse("volunteering:volunteer_detail", args=[profile.pk])
    assert (profile.user, profile.created_by, profile.consent_how) == (
        None,
        broker,
        volunteering_constants.ConsentHow.IN_PERSON,
    )
    edit = reverse("volunteering:volunteer_edit", args=[profile.pk])
    assert "Gerrit Jansen" in broker_client.get(edit).content.decode()
    response = broker_client.post(edit, assisted_post(phone="0578 123456", version="1"))
    assert response.status_code == 302
    profile.refresh_from_db()
    # Stored in the one national form (common.phone), as typed or not.
    assert (profile.phone, profile.version) == ("0578 123 456", 2)


def test_broker_cannot_edit_a_self_registered_profile(broker_client, heerde):
    profile = VolunteerProfileFactory(municipality=heerde)
    url = reverse("volunteering:volunteer_edit", args=[profile.pk])
    assert broker_client.get(url).status_code == 404
    assert broker_client.post(url, assisted_post(version="1")).status_code == 404


def test_broker_pauses_and_deletes_an_assisted_profile(broker_client, heerde):
    profile = VolunteerProfileFactory(municipality=heerde, user=None, email="a@example.org")
    broker_client.post(reverse("volunteering:volunteer_pause", args=[profile.pk]), {"paused": "1"})
    profile.refresh_from_db()
    assert profile.paused
    url = reverse("volunteering:volunteer_delete", args=[profile.pk])
    assert broker_client.get(url).status_code == 200
    assert broker_client.post(url).status_code == 302
    assert not VolunteerProfile.objects.filter(pk=profile.pk).exists()


# --- Handing over ----------------------------------------------------------------------------


def test_hand_over_by_invitation(
    broker_client, client, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    profile = VolunteerProfileFactory(
        municipality=heerde, user=None, full_name="Gerrit Jansen", email="gerrit@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = broker_client.post(reverse("volunteering:volunteer_invite", args=[profile.pk]))
    assert response.status_code == 302
    (mail,) = mailoutbox
    link = next(line for line in mail.body.splitlines() if "/overnemen/" in line).strip()
    path = link[link.index("/vrijwilligerswerk/") :]

    from django.test import Client

    visitor = Client()
    html = visitor.get(path).content.decode()
    assert "?next=" in html  # asks to log in first
    assert visitor.post(path).status_code == 200
    profile.refresh_from_db()
    assert profile.user is None

    wrong = UserFactory(email="iemand@example.org")
    visitor.force_login(wrong)
    response = visitor.post(path)
    assert response.status_code == 400
    assert "ander e-mailadres" in response.content.decode()

    owner = UserFactory(email="Gerrit@Example.org".lower())
    visitor.force_login(owner)
    assert "Ja, dit profiel is van mij" in visitor.get(path).content.decode()
    response = visitor.post(path)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.user == owner
    assert owner.memberships.filter(municipality=heerde, role=Role.RESIDENT).exists()
    again = visitor.get(path)
    assert again.status_code == 400
    assert "al gebruikt" in again.content.decode()


def test_invitation_refused_without_email(broker_client, heerde, mailoutbox):
    profile = VolunteerProfileFactory(municipality=heerde, user=None, email="", phone="0578 1")
    response = broker_client.post(
        reverse("volunteering:volunteer_invite", args=[profile.pk]), follow=True
    )
    assert "geen e-mailadres" in response.content.decode()
    assert mailoutbox == []


def test_bad_link_shows_an_error(client):
    response = client.get(reverse("volunteering:profile_claim", args=["rubbish"]))
    assert response.status_code == 400
    assert "niet geldig" in response.content.decode()


def test_matchable_excludes_paused(broker, heerde):
    active = VolunteerProfileFactory(municipality=heerde)
    VolunteerProfileFactory(municipality=heerde, paused=True)
    assert list(selectors.profile_list_matchable(user=broker)) == [active]
