"""Buddy programme services: each write, each refusal, the audit trail and retention."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.buddies import constants as buddies_constants
from omzien.buddies import services
from omzien.buddies.models import (
    BuddyCheckIn,
    BuddyPair,
    BuddyPairTransition,
    BuddyParticipant,
    BuddyProgramme,
)
from omzien.buddies.tests.factories import PairFactory, ParticipantFactory, ProgrammeFactory
from omzien.common.services import Actor, EditConflict
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory
from omzien.testing.errors import error_codes
from omzien.volunteering.tests.factories import VogFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db

PROGRAMME = {"name": "Respijtmaatjes", "label_a": "Mantelzorgers", "label_b": "Vrijwilligers"}


def participant_data(**overrides):
    data = {
        "side": "a",
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "gender": "f",
        "date_of_birth": datetime.date(1948, 3, 2),
        "languages": ["nl"],
        "interests": ["nature"],
        "travel_km": 5,
        "day_parts": ["tue_morning"],
        "wish_genders": ["f"],
        "consent_how": "in_person",
        "consent_given_on": datetime.date(2026, 1, 5),
    }
    data.update(overrides)
    return data


def audited(action, obj) -> bool:
    return AuditEvent.objects.filter(
        action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).exists()


# --- Programmes ------------------------------------------------------------------------------


def test_broker_and_consultant_create_a_programme(heerde, actor, consultant):
    programme = services.programme_create(municipality=heerde, data=PROGRAMME, actor=actor)
    assert programme.municipality == heerde and programme.label_a == "Mantelzorgers"
    assert audited(AuditAction.CREATE, programme)
    other = services.programme_create(
        municipality=heerde, data={**PROGRAMME, "name": "Maatjes GGZ"}, actor=Actor(consultant)
    )
    assert other.pk


def test_programme_create_refusals(heerde, dalfsen, actor, make_member):
    resident = make_member(Role.RESIDENT, heerde)
    with pytest.raises(PermissionDenied):
        services.programme_create(municipality=heerde, data=PROGRAMME, actor=Actor(resident))
    with pytest.raises(PermissionDenied):  # a Heerde broker in Dalfsen
        services.programme_create(municipality=dalfsen, data=PROGRAMME, actor=actor)
    services.programme_create(municipality=heerde, data=PROGRAMME, actor=actor)
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            municipality=heerde, data={**PROGRAMME, "name": "respijtmaatjes"}, actor=actor
        )
    assert error_codes(error.value) == {"name": ["duplicate_name"]}
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            municipality=heerde,
            data={**PROGRAMME, "name": "X", "label_b": "mantelzorgers"},
            actor=actor,
        )
    assert error_codes(error.value) == {"label_b": ["same_labels"]}


def test_programme_update_and_version_conflict(programme, actor):
    updated = services.programme_update(
        programme=programme,
        version=1,
        data={"description": "Tien koppelingen per jaar"},
        actor=actor,
    )
    assert updated.version == 2 and updated.description == "Tien koppelingen per jaar"
    with pytest.raises(EditConflict):
        services.programme_update(programme=programme, version=1, data={"name": "Y"}, actor=actor)
    assert BuddyProgramme.objects.get().name == "Maatjesproject Heerde"


# --- Participants ----------------------------------------------------------------------------


def test_participant_create_and_update(programme, actor, heerde_village):
    person = services.participant_create(
        programme=programme, data=participant_data(locality=heerde_village), actor=actor
    )
    assert person.municipality_id == programme.municipality_id
    assert audited(AuditAction.CREATE, person)
    person = services.participant_update(
        participant=person, version=1, data={"travel_km": 15}, actor=actor
    )
    assert person.travel_km == 15 and person.version == 2
    with pytest.raises(EditConflict):
        services.participant_update(participant=person, version=1, data={}, actor=actor)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "", "phone": ""}, "email"),
        ({"wish_age_min": 70, "wish_age_max": 40}, "wish_age_max"),
        ({"languages": ["xx"]}, "languages"),
        ({"day_parts": ["someday"]}, "day_parts"),
        ({"wish_genders": ["q"]}, "wish_genders"),
        ({"date_of_birth": datetime.date(2999, 1, 1)}, "date_of_birth"),
        ({"name": ""}, "name"),
    ],
)
def test_participant_validation(programme, actor, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.participant_create(
            programme=programme, data=participant_data(**overrides), actor=actor
        )
    assert field in error.value.message_dict
    assert not BuddyParticipant.objects.exists()


def test_participant_locality_and_profile_must_fit(programme, actor, dalfsen):
    from omzien.volunteering.tests.factories import VolunteerProfileFactory

    with pytest.raises(ValidationError) as error:
        services.participant_create(
            programme=programme,
            data=participant_data(locality=LocalityFactory(municipality=dalfsen)),
            actor=actor,
        )
    assert error_codes(error.value) == {"locality": ["locality_other_municipality"]}
    profile = VolunteerProfileFactory(municipality=programme.municipality)
    with pytest.raises(ValidationError) as error:
        services.participant_create(
            programme=programme, data=participant_data(volunteer_profile=profile), actor=actor
        )
    assert error_codes(error.value) == {"volunteer_profile": ["wrong_side"]}
    volunteer = services.participant_create(
        programme=programme,
        data=participant_data(side="b", volunteer_profile=profile),
        actor=actor,
    )
    assert volunteer.volunteer_profile == profile


def test_participant_refused_for_other_municipality(programme, dalfsen, make_member):
    other = make_member(Role.BROKER, dalfsen)
    with pytest.raises(PermissionDenied):
        services.participant_create(
            programme=programme, data=participant_data(), actor=Actor(other)
        )


def test_leaving_ends_the_confirmed_pair_and_dissolves_a_proposal(programme, actor, person):
    a, b = person("a"), person("b")
    pair = services.pair_manually(
        programme=programme, participant_a=a, participant_b=b, actor=actor
    )
    services.pair_confirm(pair=pair, version=1, actor=actor)
    other_a, other_b = person("a"), person("b")
    proposal = services.pair_manually(
        programme=programme, participant_a=other_a, participant_b=other_b, actor=actor
    )
    services.participant_leave(participant=b, version=1, actor=actor)
    services.participant_leave(participant=other_a, version=1, actor=actor)
    pair.refresh_from_db()
    assert pair.status == buddies_constants.PairStatus.ENDED
    assert pair.end_reason == buddies_constants.PairEndReason.BUDDY_STOPPED
    assert not BuddyPair.objects.filter(pk=proposal.pk).exists()
    b.refresh_from_db()
    assert b.left_on is not None
    with pytest.raises(ValidationError):
        services.participant_leave(participant=b, version=None, actor=actor)


# --- Pairing ---------------------------------------------------------------------------------


def test_pairing_run_keeps_both_proposals_and_the_reasons(programme, actor, person, wapenveld):
    anna = person("a", "Anna", wish_genders=["f"])
    piet = person("a", "Piet", wish_languages=["ar"])  # nobody speaks Arabic
    bea = person("b", "Bea", gender="f")
    person("b", "Bert", gender="m", locality=wapenveld, travel_km=1)  # too far for anyone
    run = services.pairing_run(programme=programme, actor=actor)
    programme.refresh_from_db()
    assert programme.last_run == run
    assert [row[:2] for row in run["stable"]] == [[anna.pk, bea.pk]]
    assert run["best_total"] >= run["stable_total"] > 0
    reasons = {(side, pk): codes for side, pk, codes in run["unpaired"]["stable"]}
    assert reasons[("a", piet.pk)][0] == "no_acceptable_partner"
    assert "language" in reasons[("a", piet.pk)]
    assert "distance" in reasons[("b", programme.participants.get(name="Bert").pk)]
    assert audited(AuditAction.VIEW, programme)
    assert not BuddyPair.objects.exists()  # running proposes nothing yet


def test_pairing_take_replaces_the_proposed_pairs(programme, actor, person):
    a1, a2 = person("a", "Anna"), person("a", "Aad", gender="m")
    b1, b2 = person("b", "Bea"), person("b", "Bas", gender="m")
    old = services.pair_manually(
        programme=programme, participant_a=a1, participant_b=b2, actor=actor
    )
    services.pairing_run(programme=programme, actor=actor)
    created = services.pairing_take(programme=programme, choice="best", actor=actor)
    assert not BuddyPair.objects.filter(pk=old.pk).exists()
    pairs = set(BuddyPair.objects.values_list("participant_a", "participant_b", "source"))
    assert len(created) == 2 == len(pairs)
    assert {p[2] for p in pairs} == {"best"}
    assert {p[0] for p in pairs} == {a1.pk, a2.pk} and {p[1] for p in pairs} == {b1.pk, b2.pk}
    assert all(pair.status == buddies_constants.PairStatus.PROPOSED for pair in created)
    # Each proposal's log starts with its creation; the replaced one's went with it.
    logged = BuddyPairTransition.objects.values_list("pair", "from_status", "to_status", "actor")
    assert sorted(logged) == sorted(
        (pair.pk, "", buddies_constants.PairStatus.PROPOSED, actor.user.pk) for pair in created
    )


def test_pairing_take_refusals(programme, actor, person):
    person("a"), person("b")
    with pytest.raises(ValidationError):  # not run yet
        services.pairing_take(programme=programme, choice="stable", actor=actor)
    services.pairing_run(programme=programme, actor=actor)
    with pytest.raises(ValidationError):
        services.pairing_take(programme=programme, choice="random", actor=actor)
    person("a", "Nieuw")  # the details changed after the run
    person("b", "Nieuwe maatje")
    with pytest.raises(ValidationError):
        services.pairing_take(programme=programme, choice="stable", actor=actor)
    assert not BuddyPair.objects.exists()
    services.pairing_run(programme=programme, actor=actor)
    assert len(services.pairing_take(programme=programme, choice="stable", actor=actor)) == 2


def test_confirmed_pairs_stay_out_of_the_next_run(programme, actor, person):
    a, b = person("a"), person("b")
    pair = services.pair_manually(
        programme=programme, participant_a=a, participant_b=b, actor=actor
    )
    services.pair_confirm(pair=pair, version=1, actor=actor)
    run = services.pairing_run(programme=programme, actor=actor)
    assert run["stable"] == [] and run["count_a"] == 0 and run["count_b"] == 0


def test_pair_manually_and_its_refusals(programme, actor, person, heerde):
    anna = person("a", "Anna", wish_genders=["f"])
    bert = person("b", "Bert", gender="m")
    bea = person("b", "Bea")
    with pytest.raises(ValidationError) as error:  # Anna wishes a woman
        services.pair_manually(
            programme=programme, participant_a=anna, participant_b=bert, actor=actor
        )
    assert error.value.messages
    assert services.hard_wish_problems(anna, bert) == ["gender"]
    assert not BuddyPair.objects.exists()
    with pytest.raises(ValidationError):  # wrong way round
        services.pair_manually(
            programme=programme, participant_a=bea, participant_b=anna, actor=actor
        )
    pair = services.pair_manually(
        programme=programme, participant_a=anna, participant_b=bea, actor=actor
    )
    assert pair.source == buddies_constants.PairSource.MANUAL and pair.fit_a > 0 and pair.fit_b > 0
    assert audited(AuditAction.CREATE, pair)
    other = person("a", "Aad")
    with pytest.raises(ValidationError):  # Bea is already in a pair
        services.pair_manually(
            programme=programme, participant_a=other, participant_b=bea, actor=actor
        )
    stranger = ParticipantFactory(programme=ProgrammeFactory(municipality=heerde), side="b")
    with pytest.raises(ValidationError):
        services.pair_manually(
            programme=programme, participant_a=other, participant_b=stranger, actor=actor
        )


def test_hard_wish_problems_lists_each_side(person):
    anna = person("a", wish_age_max=60)  # Bob is older
    bob = person("b", gender="m", wish_languages=["en"], date_of_birth=datetime.date(1940, 1, 1))
    assert services.hard_wish_problems(anna, bob) == ["age", "language"]


def test_the_database_allows_one_open_pair_per_participant(programme, person):
    pair = PairFactory(participant_a=person("a"), participant_b=person("b"))
    with pytest.raises(IntegrityError), transaction.atomic():
        PairFactory(participant_a=pair.participant_a, participant_b=person("b"))
    pair.status = buddies_constants.PairStatus.ENDED
    pair.save()
    PairFactory(participant_a=pair.participant_a, participant_b=person("b"))


def test_confirm_plans_check_ins_and_refuses_a_stale_version(programme, actor, person):
    pair = PairFactory(participant_a=person("a"), participant_b=person("b"))
    with pytest.raises(EditConflict):
        services.pair_confirm(pair=pair, version=7, actor=actor)
    pair = services.pair_confirm(
        pair=pair, version=1, actor=actor, today=datetime.date(2026, 1, 31)
    )
    assert pair.status == buddies_constants.PairStatus.CONFIRMED and pair.confirmed_by == actor.user
    assert list(BuddyCheckIn.objects.values_list("due_on", flat=True)) == [
        datetime.date(2026, 2, 28),
        datetime.date(2026, 4, 30),
    ]
    with pytest.raises(ValidationError):
        services.pair_confirm(pair=pair, version=None, actor=actor)
    with pytest.raises(ValidationError):  # a confirmed pair ends, it is not dissolved
        services.pair_dissolve(pair=pair, version=None, actor=actor)


def test_dissolve_end_and_check_in(programme, actor, person):
    proposal = PairFactory(participant_a=person("a"), participant_b=person("b"))
    services.pair_dissolve(pair=proposal, version=1, actor=actor)
    assert not BuddyPair.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, reason="proposal dissolved")
    pair = PairFactory(participant_a=person("a"), participant_b=person("b"))
    with pytest.raises(ValidationError):  # only a confirmed pair ends
        services.pair_end(pair=pair, version=None, reason="completed", actor=actor)
    pair = services.pair_confirm(pair=pair, version=1, actor=actor)
    check_in = pair.check_ins.first()
    services.check_in_done(check_in=check_in, notes="Gaat goed, wandelen samen", actor=actor)
    check_in.refresh_from_db()
    assert check_in.done_on and check_in.notes == "Gaat goed, wandelen samen"
    with pytest.raises(ValidationError):
        services.check_in_done(check_in=check_in, notes="", actor=actor)
    with pytest.raises(ValidationError):
        services.pair_end(pair=pair, version=None, reason="nonsense", actor=actor)
    pair = services.pair_end(pair=pair, version=pair.version, reason="no_click", actor=actor)
    assert pair.status == buddies_constants.PairStatus.ENDED and pair.ended_on is not None


def test_pair_services_refuse_other_municipality_and_residents(
    programme, person, dalfsen, heerde, make_member
):
    pair = PairFactory(participant_a=person("a"), participant_b=person("b"))
    for user in (make_member(Role.BROKER, dalfsen), make_member(Role.RESIDENT, heerde)):
        with pytest.raises(PermissionDenied):
            services.pair_confirm(pair=pair, version=None, actor=Actor(user))
        with pytest.raises(PermissionDenied):
            services.pairing_run(programme=programme, actor=Actor(user))


# --- Retention -------------------------------------------------------------------------------


def test_retention_anonymises_two_years_after_leaving(programme, person):
    today = datetime.date(2026, 6, 1)
    old = person("a", "Oud", left_on=datetime.date(2024, 1, 1), phone="0612345678")
    recent = person("a", "Recent", left_on=datetime.date(2025, 1, 1))
    ended_late = person("b", "Laat", left_on=datetime.date(2024, 1, 1))
    PairFactory(
        participant_a=person("a"),
        participant_b=ended_late,
        status=buddies_constants.PairStatus.ENDED,
        ended_on=datetime.date(2025, 3, 1),
    )
    assert services.buddies_apply_retention(today=today) == 1
    old.refresh_from_db()
    assert old.name == services.ANONYMOUS_NAME and old.phone == "" and old.date_of_birth is None
    for kept in (recent, ended_late):
        kept.refresh_from_db()
        assert kept.name != services.ANONYMOUS_NAME
    assert services.buddies_apply_retention(today=today) == 0


def test_retention_erases_notes_of_pairs_ended_long_ago(programme, person):
    old = PairFactory(
        participant_a=person("a"),
        participant_b=person("b"),
        status=buddies_constants.PairStatus.ENDED,
        ended_on=datetime.date(2023, 1, 1),
    )
    recent = PairFactory(
        participant_a=person("a"),
        participant_b=person("b"),
        status=buddies_constants.PairStatus.ENDED,
        ended_on=datetime.date(2026, 1, 1),
    )
    for pair in (old, recent):
        BuddyCheckIn.objects.create(pair=pair, due_on=datetime.date(2022, 6, 1), notes="Privé")
    for pair in (old, recent):
        BuddyPairTransition.objects.create(
            pair=pair,
            from_status=buddies_constants.PairStatus.CONFIRMED,
            to_status=pair.status,
            note="Privé",
        )
    services.buddies_apply_retention(today=datetime.date(2026, 6, 1))
    assert list(BuddyCheckIn.objects.order_by("pair_id").values_list("notes", flat=True)) == [
        "",
        "Privé",
    ]
    logged = BuddyPairTransition.objects.order_by("pair_id").values_list("note", flat=True)
    assert list(logged) == ["", "Privé"]


def test_a_concurrent_pair_with_the_same_person_is_refused(
    programme, person, actor, concurrent_save
):
    """Two brokers pair Bea at once: the open-pair constraint refuses the second pair."""
    anna, aad, bea = person("a", "Anna"), person("a", "Aad"), person("b", "Bea")
    concurrent_save(BuddyPair, lambda: PairFactory(participant_a=aad, participant_b=bea))
    with pytest.raises(ValidationError) as error:
        services.pair_manually(
            programme=programme, participant_a=anna, participant_b=bea, actor=actor
        )
    assert isinstance(error.value.__cause__, IntegrityError)
    assert error.value.code == "already_paired"


def test_a_programme_that_needs_a_vog_pairs_only_buddies_with_one_or_willing(
    programme, actor, person, heerde
):
    """The buddies (group B) need a VOG: a buddy with a VOG young enough, or willing to
    request one, is paired; one without either stays unpaired with the reason "vog"."""
    programme.vog_side = "b"
    programme.save()
    today = timezone.localdate()
    with_vog = VolunteerProfileFactory(municipality=heerde)
    VogFactory(profile=with_vog, issued_on=today - datetime.timedelta(days=400))
    too_old = VolunteerProfileFactory(municipality=heerde)
    VogFactory(profile=too_old, issued_on=today - datetime.timedelta(days=4 * 365))
    willing = VolunteerProfileFactory(municipality=heerde, vog_willing=True)
    person("a", "Anna"), person("a", "Aad")
    ada = person("a", "Ada")
    bea = person("b", "Bea", volunteer_profile=with_vog)
    bob = person("b", "Bob", volunteer_profile=willing)
    bas = person("b", "Bas", volunteer_profile=too_old)
    ben = person("b", "Ben")  # no volunteer profile at all
    run = services.pairing_run(programme=programme, actor=actor)
    assert {b for _a, b, *_fits in run["stable"]} == {bea.pk, bob.pk}
    reasons = {(side, pk): codes for side, pk, codes in run["unpaired"]["stable"]}
    assert reasons[("b", bas.pk)] == reasons[("b", ben.pk)] == ["vog"]
    with pytest.raises(ValidationError) as caught:
        services.pair_manually(
            programme=programme, participant_a=ada, participant_b=ben, actor=actor
        )
    assert caught.value.code == "wishes_conflict"
    assert services.pair_manually(
        programme=programme, participant_a=ada, participant_b=bea, actor=actor
    )


def test_a_welfare_worker_proposes_a_resident_for_group_a_only_in_their_municipality(
    make_member,
):
    from omzien.tenants.tests.factories import MunicipalityFactory

    programme = ProgrammeFactory()
    worker = make_member(Role.WELFARE_WORKER, programme.municipality)
    stranger = make_member(Role.WELFARE_WORKER, MunicipalityFactory())
    data = {"side": "b", "name": "Greet Jansen", "phone": "0578 123 456"}
    with pytest.raises(PermissionDenied):
        services.participant_propose(
            programme=programme, data=dict(data), actor=Actor(user=stranger)
        )
    participant = services.participant_propose(
        programme=programme, data=dict(data), actor=Actor(user=worker)
    )
    assert participant.side == "a" and participant.created_by == worker
