"""Suggestions in the volunteer platform: "Voor u", "not for me", suitable volunteers for an
organisation (invite) and for the broker (propose), and the engine following the database."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.matching.vocabulary import DAY_PARTS
from omzien.privacy.models import AuditEvent
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering import suggestion_engine as adapter
from omzien.volunteering.models import HiddenSuggestion, Placement, SuggestionInvitation
from omzien.volunteering.services import suggestions
from omzien.volunteering.tests.factories import (
    ResponseFactory,
    VacancyFactory,
    VogFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db


def make_vacancy(organisation, **fields):
    defaults = {
        "organisation": organisation,
        "title": "Tuinman voor de pluktuin",
        "description": "Samen met ouderen werken in de tuin.",
        "domains": [volunteering_constants.Domain.NATURE],
        "day_parts": ["tue_morning"],
        "locality": organisation.locality,
        "first_published_at": datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC),
    }
    return VacancyFactory(**{**defaults, **fields})


def make_profile(municipality, locality, **fields):
    defaults = {
        "municipality": municipality,
        "locality": locality,
        "interests": [volunteering_constants.Domain.NATURE],
        "availability": ["tue_morning"],
        "travel_km": 10,
        "motivation": "Ik werk graag in de tuin met ouderen.",
        "findable_by": volunteering_constants.Findable.ORGANISATIONS,
    }
    profile = VolunteerProfileFactory(**{**defaults, **fields})
    if profile.user is not None:  # a volunteer with an account is a resident there
        MembershipFactory(user=profile.user, municipality=municipality, role=Role.RESIDENT)
    return profile


def test_the_engine_knows_the_same_day_parts_as_the_profile_form():
    assert list(DAY_PARTS) == [code for code, _label in volunteering_constants.DAY_PARTS]


def test_a_volunteer_gets_suggestions_with_reasons_from_the_score(
    heerde, wapenveld_village, nature_org
):
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, wapenveld_village)
    [found] = suggestions.for_volunteer(profile=profile)
    assert found.vacancy == vacancy
    texts = [r.text for r in found.reasons]
    assert any("Natuur en groen" in t for t in texts)
    assert any("Wapenveld" in t and "km" in t for t in texts)  # about 5.6 km
    score = adapter.explain(profile.pk, vacancy.pk)
    for reason in found.reasons:  # every reason comes from a part that added to the score
        assert score.part(reason.part).points > 0


def test_vog_work_is_offered_to_a_fitting_vog_or_willingness(heerde, heerde_village, nature_org):
    """Today a volunteer without a VOG never saw work that needs one; one who is willing to
    request it (organisations usually do after selecting someone) or has a fitting one does."""
    make_vacancy(nature_org, vog_required=True, vog_aspects=["85"], title="Met VOG")
    without = make_profile(heerde, heerde_village)
    willing = make_profile(heerde, heerde_village, vog_willing=True)
    fitting = make_profile(heerde, heerde_village)
    VogFactory(profile=fitting, aspects=["85"])
    wrong_aspect = make_profile(heerde, heerde_village)
    VogFactory(profile=wrong_aspect, aspects=["84"])

    def offered(profile):
        return "Met VOG" in {s.vacancy.title for s in suggestions.for_volunteer(profile=profile)}

    assert [offered(p) for p in (without, willing, fitting, wrong_aspect)] == [
        False,
        True,
        True,
        False,
    ]


def test_hard_requirements_keep_vacancies_out(heerde, heerde_village, nature_org):
    profile = make_profile(heerde, heerde_village)
    make_vacancy(nature_org, vog_required=True)
    make_vacancy(nature_org, day_parts=["wed_evening"])
    make_vacancy(nature_org, status=volunteering_constants.VacancyStatus.CLOSED)
    make_vacancy(nature_org, min_age=18, title="Volwassenen")
    full = make_vacancy(nature_org, places=1, title="Bijna vol")
    assert {s.vacancy.title for s in suggestions.for_volunteer(profile=profile)} == {
        "Volwassenen",
        "Bijna vol",
    }
    taker = make_profile(heerde, heerde_village)
    response = ResponseFactory(
        vacancy=full, profile=taker, status=volunteering_constants.ResponseStatus.ACCEPTED
    )
    Placement.objects.create(
        response=response,
        vacancy=full,
        profile=taker,
        municipality=heerde,
        status=volunteering_constants.PlacementStatus.PLANNED,
    )
    today = timezone.localdate()
    profile.date_of_birth = today.replace(year=today.year - 17)
    profile.save()
    assert suggestions.for_volunteer(profile=profile) == []  # the place went, and the age


def _next(weekday: int, hour: int) -> datetime.datetime:
    """A local date and time next week or the week after on ``weekday`` (0 is Monday)."""
    day = timezone.localdate() + datetime.timedelta(days=8)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_a_one_off_task_is_suggested_only_at_a_day_part_the_volunteer_is_available(
    heerde, heerde_village, nature_org
):
    profile = make_profile(heerde, heerde_village, availability=["tue_morning"])
    one_off = {"kind": volunteering_constants.VacancyKind.ONE_OFF, "day_parts": []}
    fits = make_vacancy(nature_org, **one_off, title="Dinsdagochtend", starts_at=_next(1, 9))
    make_vacancy(nature_org, **one_off, title="Zaterdagochtend", starts_at=_next(5, 9))
    make_vacancy(
        nature_org,
        **one_off,
        title="Dinsdagmiddag tot de avond",
        starts_at=_next(1, 14),
        ends_at=_next(1, 20),
    )
    [found] = suggestions.for_volunteer(profile=profile)
    assert found.vacancy == fits
    state = adapter.current_state()
    record = adapter.vacancy_records([fits.pk], state.maps, state.today)[fits.pk]
    assert record.day_parts == {"tue_morning"}
    assert "Op dinsdag ochtend, wanneer u kunt" in [r.text for r in found.reasons]


def test_a_reason_every_card_carries_is_left_out(heerde, heerde_village, nature_org):
    profile = make_profile(heerde, heerde_village, tasks_liked="snoeien")
    pruning = make_vacancy(nature_org, title="Tuinman", tasks="Snoeien")
    make_vacancy(
        nature_org,
        title="Gastvrouw",
        domains=[volunteering_constants.Domain.CARE_WELFARE, volunteering_constants.Domain.NATURE],
    )
    found = suggestions.for_volunteer(profile=profile)
    assert len(found) == 2
    state = adapter.current_state()
    volunteer = adapter.volunteer_records([profile.pk], state.maps)[profile.pk]
    records = adapter.vacancy_records([s.vacancy.pk for s in found], state.maps, state.today)
    every_card = [
        [r.text for r in adapter.reasons(
            adapter.explain(profile.pk, s.vacancy.pk),
            volunteer=volunteer,
            vacancy=records[s.vacancy.pk],
            vacancy_place="Heerde",
            volunteer_place="Heerde",
            for_volunteer=True,
        )]
        for s in found
    ]  # fmt: skip
    # Both are nature work in Heerde on Tuesday morning: said on both cards, so said on
    # neither; what differs stays.
    shared = set(every_card[0]) & set(every_card[1])
    assert {"Op dinsdag ochtend, wanneer u kunt", "Past bij uw interesse in Natuur en groen"} <= (
        shared
    )
    for suggestion, texts in zip(found, every_card, strict=True):
        assert [r.text for r in suggestion.reasons] == [t for t in texts if t not in shared]
    assert found[0].vacancy == pruning
    assert [r.text for r in found[0].reasons] == ["Taken die u graag doet: snoeien"]
    with translation.override("nl"):
        page = [r.text for s in found for r in s.reasons]
    assert not any(word in f" {t.lower()} " for t in page for word in (" je ", " jij ", " jouw "))


def test_the_engine_follows_edits_between_calls(heerde, heerde_village, nature_org):
    profile = make_profile(heerde, heerde_village, availability=["wed_evening"])
    vacancy = make_vacancy(nature_org)
    assert suggestions.for_volunteer(profile=profile) == []
    profile.availability = ["tue_morning"]
    profile.save()
    assert [s.vacancy for s in suggestions.for_volunteer(profile=profile)] == [vacancy]
    vacancy.status = volunteering_constants.VacancyStatus.CLOSED
    vacancy.save()
    assert suggestions.for_volunteer(profile=profile) == []
    profile.paused = True
    profile.save()
    assert suggestions.for_volunteer(profile=profile) == []


def test_not_for_me_is_remembered_and_can_be_undone(client, heerde, heerde_village, nature_org):
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    client.force_login(profile.user)
    page = client.get(reverse("volunteering:profile_mine"))
    assert vacancy.title in page.content.decode()
    client.post(reverse("volunteering:suggestion_hide", args=[profile.pk]), {"vacancy": vacancy.pk})
    client.post(reverse("volunteering:suggestion_hide", args=[profile.pk]), {"vacancy": vacancy.pk})
    assert HiddenSuggestion.objects.filter(profile=profile).count() == 1
    assert vacancy.title not in client.get(reverse("volunteering:profile_mine")).content.decode()
    client.post(reverse("volunteering:suggestion_show_hidden", args=[profile.pk]))
    assert vacancy.title in client.get(reverse("volunteering:profile_mine")).content.decode()


def test_nobody_hides_for_someone_else(client, heerde, heerde_village, nature_org):
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    other = make_profile(heerde, heerde_village)
    client.force_login(other.user)
    url = reverse("volunteering:suggestion_hide", args=[profile.pk])
    assert client.post(url, {"vacancy": vacancy.pk}).status_code == 404
    assert not HiddenSuggestion.objects.exists()


def test_a_response_removes_the_suggestion(heerde, heerde_village, nature_org):
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    ResponseFactory(vacancy=vacancy, profile=profile)
    assert suggestions.for_volunteer(profile=profile) == []


@pytest.fixture
def member_client(client, make_member, heerde, nature_org):
    from omzien.volunteering.tests.factories import OrganisationMemberFactory

    user = make_member(Role.ORGANISATION_MEMBER, heerde, full_name="Otto Organisatie")
    OrganisationMemberFactory(organisation=nature_org, user=user)
    client.force_login(user)
    client.user = user
    return client


def test_organisations_see_only_findable_volunteers_and_invite_once(
    member_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
    heerde,
    heerde_village,
    nature_org,
):
    vacancy = make_vacancy(nature_org)
    findable = make_profile(heerde, heerde_village, full_name="Fenna Vindbaar")
    make_profile(
        heerde,
        heerde_village,
        full_name="Bram Verborgen",
        findable_by=volunteering_constants.Findable.BROKERS,
    )
    url = reverse("volunteering:vacancy_volunteers", args=[vacancy.pk])
    page = member_client.get(url).content.decode()
    assert "Fenna" in page and "Vindbaar" not in page  # first name only
    assert "Bram" not in page
    assert AuditEvent.objects.filter(reason="suitable_volunteers").exists()
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(url, {"profile": findable.pk})
        member_client.post(url, {"profile": findable.pk})  # a retry does not mail twice
    assert SuggestionInvitation.objects.filter(vacancy=vacancy, profile=findable).count() == 1
    assert [m.to for m in mailoutbox] == [[findable.user.email]]
    assert vacancy.title in mailoutbox[0].subject


def test_organisations_cannot_invite_hidden_or_other_volunteers(
    member_client, mailoutbox, heerde, heerde_village, nature_org
):
    vacancy = make_vacancy(nature_org)
    hidden = make_profile(
        heerde, heerde_village, findable_by=volunteering_constants.Findable.BROKERS
    )
    url = reverse("volunteering:vacancy_volunteers", args=[vacancy.pk])
    member_client.post(url, {"profile": hidden.pk})
    assert not SuggestionInvitation.objects.exists() and not mailoutbox


def test_other_organisations_get_no_suggestions(client, make_member, heerde, nature_org):
    vacancy = make_vacancy(nature_org)
    stranger = make_member(Role.ORGANISATION_MEMBER, heerde)
    client.force_login(stranger)
    url = reverse("volunteering:vacancy_volunteers", args=[vacancy.pk])
    assert client.get(url).status_code == 404


def test_the_broker_sees_every_suitable_volunteer_and_proposes_with_a_click(
    broker_client, heerde, heerde_village, nature_org
):
    vacancy = make_vacancy(nature_org)
    quiet = make_profile(heerde, heerde_village, full_name="Bram Verborgen", findable_by="brokers")
    url = reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk])
    assert "Bram Verborgen" in broker_client.get(url).content.decode()
    broker_client.post(url, {"profile": quiet.pk})
    assert vacancy.responses.get().status == volunteering_constants.ResponseStatus.PROPOSED
    assert "Bram Verborgen" not in broker_client.get(url).content.decode().split("<h2")[1]


def test_pages_run_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, heerde, heerde_village, nature_org
):
    profile = make_profile(heerde, heerde_village)
    for i in range(12):
        make_vacancy(nature_org, title=f"Klus {i}")
    client.force_login(profile.user)
    client.get(reverse("volunteering:profile_mine"))  # builds the engine
    with django_assert_max_num_queries(25):
        page = client.get(reverse("volunteering:profile_mine"))
    assert page.content.decode().count('id="suggestion-') == 10


def test_the_broker_proposes_a_suitable_vacancy_from_the_volunteer_page(
    broker_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
    heerde,
    heerde_village,
    nature_org,
):
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    page = broker_client.get(reverse("volunteering:volunteer_detail", args=[profile.pk]))
    assert vacancy.title in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        broker_client.post(
            reverse("volunteering:volunteer_propose", args=[profile.pk]), {"vacancy": vacancy.pk}
        )
    assert (
        vacancy.responses.get(profile=profile).status
        == volunteering_constants.ResponseStatus.PROPOSED
    )
    assert [m.to for m in mailoutbox] == [[profile.user.email]]
    page = broker_client.get(reverse("volunteering:volunteer_detail", args=[profile.pk]))
    html = page.content.decode()
    # Proposed: no longer a suggestion to propose, but in the volunteer's history.
    assert f'name="vacancy" value="{vacancy.pk}"' not in html
    assert "voorgesteld door Mila Makelaar" in html


def test_a_broker_of_another_municipality_cannot_propose(
    client, make_member, dalfsen, heerde, heerde_village, nature_org
):
    from omzien.testing.login import login_verified

    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    login_verified(client, make_member(Role.BROKER, dalfsen, totp=True))
    url = reverse("volunteering:volunteer_propose", args=[profile.pk])
    assert client.post(url, {"vacancy": vacancy.pk}).status_code == 404
    assert not vacancy.responses.exists()


# --- Issue 10.4: inviting needs an approved organisation, a published vacancy and a profile the
# organisation may find; every refusal reads the same and mails nobody ----------------------


def invite(member_client, vacancy, profile_id):
    from django.core.exceptions import ValidationError

    from omzien.common.services import Actor

    with pytest.raises(ValidationError) as refused:
        suggestions.invite(
            vacancy=vacancy, profile_id=profile_id, actor=Actor(user=member_client.user)
        )
    return refused.value


@pytest.mark.parametrize(
    "organisation_status, vacancy_status",
    [
        (
            volunteering_constants.OrganisationStatus.PENDING,
            volunteering_constants.VacancyStatus.DRAFT,
        ),
        (
            volunteering_constants.OrganisationStatus.PENDING,
            volunteering_constants.VacancyStatus.PUBLISHED,
        ),
        (
            volunteering_constants.OrganisationStatus.APPROVED,
            volunteering_constants.VacancyStatus.DRAFT,
        ),
        (
            volunteering_constants.OrganisationStatus.APPROVED,
            volunteering_constants.VacancyStatus.CLOSED,
        ),
    ],
)
def test_an_unapproved_organisation_or_unpublished_vacancy_invites_nobody(
    organisation_status,
    vacancy_status,
    member_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
    heerde,
    heerde_village,
    nature_org,
):
    nature_org.status = organisation_status
    nature_org.save()
    vacancy = make_vacancy(nature_org, status=vacancy_status)
    findable = make_profile(heerde, heerde_village, full_name="Fenna Vindbaar")
    url = reverse("volunteering:vacancy_volunteers", args=[vacancy.pk])
    assert "Fenna" not in member_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        refused = invite(member_client, vacancy, findable.pk)
        member_client.post(url, {"profile": findable.pk})
    assert refused.code == "not_invitable"
    assert not SuggestionInvitation.objects.exists() and not mailoutbox


def test_every_refused_invitation_reads_the_same(
    member_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
    heerde,
    heerde_village,
    dalfsen,
    nature_org,
):
    vacancy = make_vacancy(nature_org)
    invited = make_profile(heerde, heerde_village)
    SuggestionInvitation.objects.create(vacancy=vacancy, profile=invited)
    responded = make_profile(heerde, heerde_village)
    ResponseFactory(vacancy=vacancy, profile=responded)
    candidates = {
        "no such profile": 999_999,
        "findable by brokers only": make_profile(
            heerde, heerde_village, findable_by=volunteering_constants.Findable.BROKERS
        ).pk,
        "no e-mail address": make_profile(heerde, heerde_village, user=None, email="").pk,
        "paused": make_profile(heerde, heerde_village, paused=True).pk,
        "outside the region": make_profile(dalfsen, None).pk,
        "already invited": invited.pk,
        "already responded": responded.pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        answers = {name: invite(member_client, vacancy, pk) for name, pk in candidates.items()}
    assert {(e.code, " ".join(e.messages)) for e in answers.values()} == {
        (answers["no such profile"].code, " ".join(answers["no such profile"].messages))
    }
    assert answers["no such profile"].code == "not_invitable"
    assert SuggestionInvitation.objects.count() == 1 and not mailoutbox


def test_a_broker_proposes_only_vacancies_they_may_see(
    client, make_member, dalfsen, heerde, heerde_village, nature_org
):
    from django.core.exceptions import ValidationError

    from omzien.common.services import Actor
    from omzien.volunteering.tests.factories import OrganisationFactory

    dalfsen_broker = make_member(Role.BROKER, dalfsen, totp=True)
    own = make_profile(dalfsen, None)
    heerde_vacancy = make_vacancy(nature_org)
    answers = []
    for vacancy_id in (heerde_vacancy.pk, 999_999):
        with pytest.raises(ValidationError) as refused:
            suggestions.propose(
                profile=own, vacancy_id=vacancy_id, actor=Actor(user=dalfsen_broker)
            )
        answers.append((refused.value.code, refused.value.messages))
    assert answers[0] == answers[1] and answers[0][0] == "not_found"
    assert not heerde_vacancy.responses.exists()
    dalfsen_vacancy = make_vacancy(OrganisationFactory(municipality=dalfsen))
    suggestions.propose(
        profile=own, vacancy_id=dalfsen_vacancy.pk, actor=Actor(user=dalfsen_broker)
    )
    assert dalfsen_vacancy.responses.get().profile == own
