import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import (
    Caregiver,
    CaregiverEvent,
    CaregiverTransition,
    CareRelationship,
    ContactMoment,
    IncomingReferralTransition,
    Referral,
    ReferralTransition,
    Screening,
)
from omzien.caregivers.services import caregivers as services
from omzien.caregivers.services.caregivers import Actor
from omzien.caregivers.services.referrals import (
    incoming_accept,
    incoming_submit,
    referral_create,
    referral_update_outcome,
)
from omzien.caregivers.tests.factories import (
    CaregiverFactory,
    CareRelationshipFactory,
    ContactMomentFactory,
    ReferralFactory,
    ScreeningFactory,
)
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.errors import error_codes

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def carer_data(**overrides):
    data = {
        "first_name": "Jan",
        "last_name": "Jansen",
        "date_of_birth": datetime.date(1960, 5, 1),
        "reach_by": "phone",
        "phone": "0578-123456",
        "postcode": "8191ab",
        "source": caregivers_constants.Source.GP,
        "legal_basis": caregivers_constants.LegalBasis.CONSENT,
        "consent_given_on": TODAY,
    }
    data.update(overrides)
    return data


RELATIONSHIP = {
    "recipient_name": "M.",
    "relationship": caregivers_constants.Relationship.PARTNER,
    "need_kind": caregivers_constants.NeedKind.DEMENTIA,
    "hours_band": caregivers_constants.HoursBand.OVER_40,
    "tasks": [caregivers_constants.CareTask.PERSONAL_CARE],
    "lives_together": True,
}


def test_register_derives_locality_and_writes_history(heerde, wapenveld, consultant):
    carer = services.caregiver_register(
        municipality=heerde,
        data=carer_data(),
        relationships=[RELATIONSHIP],
        consultant=consultant,
        actor=Actor(user=consultant),
    )
    assert carer.postcode == "8191 AB"
    assert carer.locality == wapenveld
    assert carer.birth_year == 1960
    assert carer.relationships.get().need_kind == caregivers_constants.NeedKind.DEMENTIA
    kinds = set(CaregiverEvent.objects.filter(caregiver=carer).values_list("kind", flat=True))
    assert kinds == {
        caregivers_constants.EventKind.REGISTERED,
        caregivers_constants.EventKind.RELATIONSHIP_ADDED,
    }
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(carer.pk)).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"postcode": "81 AB"}, "postcode", "invalid_postcode"),
        ({"date_of_birth": TODAY + datetime.timedelta(days=1)}, "date_of_birth", "future"),
        (
            {"date_of_birth": TODAY - datetime.timedelta(days=365 * 5)},
            "date_of_birth",
            "too_young",
        ),
        ({"consent_given_on": None}, "consent_given_on", "required"),
        ({"reach_by": "email", "email": ""}, "email", "required"),
        ({"reach_by": "post", "street_address": ""}, "street_address", "required"),
        (
            {"filled_in_by": caregivers_constants.FilledInBy.PARENT, "helper_name": ""},
            "helper_name",
            "required",
        ),
        ({"source": "magic"}, "source", "invalid_choice"),
    ],
)
def test_register_refuses_bad_input_and_writes_nothing(heerde, consultant, overrides, field, code):
    with pytest.raises(ValidationError) as error:
        services.caregiver_register(
            municipality=heerde, data=carer_data(**overrides), actor=Actor(user=consultant)
        )
    assert code in error_codes(error.value).get(field, []), error_codes(error.value)
    assert not Caregiver.objects.exists()
    assert not CaregiverEvent.objects.exists()


def test_public_task_needs_no_consent_date(heerde, consultant):
    carer = services.caregiver_register(
        municipality=heerde,
        data=carer_data(
            legal_basis=caregivers_constants.LegalBasis.PUBLIC_TASK, consent_given_on=None
        ),
        actor=Actor(user=consultant),
    )
    assert carer.pk


def test_duplicate_is_detected_and_can_be_registered_anyway(heerde, consultant):
    first = services.caregiver_register(
        municipality=heerde, data=carer_data(), actor=Actor(user=consultant)
    )
    with pytest.raises(services.DuplicateCaregiver) as duplicate:
        services.caregiver_register(
            municipality=heerde,
            data=carer_data(first_name="JAN", postcode="8191 AB"),
            actor=Actor(user=consultant),
        )
    assert duplicate.value.existing == [first]
    services.caregiver_register(
        municipality=heerde, data=carer_data(), actor=Actor(user=consultant), allow_duplicate=True
    )
    assert Caregiver.objects.count() == 2


def test_update_refuses_a_stale_version(carer, consultant):
    updated = services.caregiver_update(
        caregiver=carer,
        version=carer.version,
        data={"phone": "06-11111111"},
        actor=Actor(user=consultant),
    )
    assert updated.version == carer.version + 1
    with pytest.raises(services.EditConflict):
        services.caregiver_update(
            caregiver=carer,
            version=carer.version,
            data={"phone": "06-22222222"},
            actor=Actor(user=consultant),
        )
    carer.refresh_from_db()
    assert carer.phone == "06 11111111"
    event = CaregiverEvent.objects.get(caregiver=carer, kind=caregivers_constants.EventKind.CHANGED)
    assert "06" not in str(event.summary)  # the timeline names fields, never values


def test_contact_moment_updates_last_and_next_contact(carer, consultant):
    next_day = TODAY + datetime.timedelta(days=14)
    services.contact_record(
        caregiver=carer,
        contact_on=TODAY,
        channel="phone",
        topic="Rust",
        notes="Moe",
        next_contact_on=next_day,
        actor=Actor(user=consultant),
    )
    older = TODAY - datetime.timedelta(days=30)
    services.contact_record(
        caregiver=carer,
        contact_on=older,
        channel="visit",
        topic="Eerder",
        actor=Actor(user=consultant),
    )
    carer.refresh_from_db()
    assert carer.last_contact_on == TODAY  # an older contact does not move it back
    assert carer.next_contact_on == next_day
    assert carer.consultant == consultant


@pytest.mark.parametrize(
    ("contact_on", "next_on", "field", "code"),
    [
        (TODAY + datetime.timedelta(days=1), None, "contact_on", "future"),
        (TODAY, TODAY - datetime.timedelta(days=1), "next_contact_on", "before_contact"),
    ],
)
def test_contact_moment_refuses_bad_dates(carer, consultant, contact_on, next_on, field, code):
    with pytest.raises(ValidationError) as error:
        services.contact_record(
            caregiver=carer,
            contact_on=contact_on,
            channel="phone",
            topic="x",
            next_contact_on=next_on,
            actor=Actor(user=consultant),
        )
    assert error_codes(error.value) == {field: [code]}
    assert not ContactMoment.objects.exists()


def test_end_care_starts_aftercare_for_the_municipality_period(carer, consultant, heerde):
    heerde.aftercare_months = 12
    heerde.save()
    CareRelationshipFactory(caregiver=carer)
    ended = datetime.date(2026, 1, 31)
    carer = services.caregiver_end_care(
        caregiver=carer,
        ended_on=ended,
        reason=caregivers_constants.EndReason.DECEASED,
        actor=Actor(user=consultant),
    )
    assert carer.status == caregivers_constants.CaregiverStatus.AFTERCARE
    assert carer.aftercare_until == datetime.date(2027, 1, 31)
    assert carer.relationships.get().ended_on == ended
    with pytest.raises(ValidationError):
        services.caregiver_end_care(
            caregiver=carer, ended_on=ended, reason="deceased", actor=Actor(user=consultant)
        )
    carer = services.caregiver_reactivate(caregiver=carer, actor=Actor(user=consultant))
    assert (
        carer.status == caregivers_constants.CaregiverStatus.ACTIVE
        and carer.aftercare_until is None
    )


def test_default_aftercare_is_24_months(carer, consultant):
    carer = services.caregiver_end_care(
        caregiver=carer,
        ended_on=datetime.date(2024, 2, 29),
        reason="other",
        actor=Actor(user=consultant),
    )
    assert carer.aftercare_until == datetime.date(2026, 2, 28)


def test_retention_anonymises_after_aftercare_and_leaves_nothing_behind(carer, consultant):
    rel = CareRelationshipFactory(caregiver=carer, recipient_name="Mien")
    ContactMomentFactory(caregiver=carer, topic="Zorgen om Mien", notes="Geheime notitie")
    ScreeningFactory(caregiver=carer, answers=[3], score=3, heavily_burdened=True)
    ReferralFactory(
        caregiver=carer, reason="Mien heeft dagbesteding nodig", target_detail="Zorgboerderij"
    )
    carer = services.caregiver_end_care(
        caregiver=carer,
        ended_on=TODAY - datetime.timedelta(days=800),
        reason=caregivers_constants.EndReason.DECEASED,
        actor=Actor(user=consultant),
    )
    other = CaregiverFactory(municipality=carer.municipality)  # active: untouched
    assert services.caregivers_apply_retention() == 1
    carer.refresh_from_db()
    identifying = [
        carer.first_name,
        carer.last_name,
        carer.email,
        carer.phone,
        carer.street_address,
        carer.postcode,
        carer.helper_name,
    ]
    assert carer.first_name == services.ANONYMOUS_NAME
    assert all(value in ("", services.ANONYMOUS_NAME) for value in identifying)
    assert carer.date_of_birth is None and carer.user is None
    assert carer.birth_year is not None  # statistics keep counts by age
    assert carer.status == caregivers_constants.CaregiverStatus.ANONYMISED
    rel.refresh_from_db()
    assert rel.recipient_name == "–" and rel.need_kind  # kind of need kept for counts
    dump = " ".join(
        str(v)
        for v in [
            *ContactMoment.objects.filter(caregiver=carer).values_list("topic", "notes"),
            *Referral.objects.filter(caregiver=carer).values_list("reason", "target_detail"),
            *CaregiverEvent.objects.filter(caregiver=carer).values_list("summary", flat=True),
        ]
    )
    for secret in ("Mien", "Geheime", "Zorgboerderij", "Anna", "de Vries"):
        assert secret not in dump
    assert Screening.objects.get(caregiver=carer).answers == []
    assert Screening.objects.get(caregiver=carer).score == 3  # kept for statistics
    other.refresh_from_db()
    assert other.anonymised_at is None
    assert services.caregivers_apply_retention() == 0  # idempotent


def log_of(carer) -> list[tuple]:
    return list(
        CaregiverTransition.objects.filter(caregiver=carer).values_list(
            "from_status", "to_status", "actor", "note"
        )
    )


def test_withdrawn_consent_leaves_status_logs_naming_no_one(heerde, consultant, make_member):
    """The carer registered themself, so their account is the actor of the first step."""
    resident = make_member(Role.RESIDENT, heerde)
    referrer = make_member(Role.REFERRER, heerde)
    carer = services.caregiver_register(
        municipality=heerde, data=carer_data(), user=resident, actor=Actor(user=resident)
    )
    assert log_of(carer) == [("", caregivers_constants.CaregiverStatus.ACTIVE, resident.pk, "")]
    referral = referral_create(
        caregiver=carer,
        target=caregivers_constants.ReferralTarget.PEER_SUPPORT,
        reason="Lotgenoten",
        referred_on=TODAY,
        actor=Actor(user=consultant),
    )
    referral_update_outcome(
        referral=referral, outcome="started", follow_up_on=None, actor=Actor(user=consultant)
    )
    incoming = incoming_submit(
        municipality=heerde,
        submitted_by=referrer,
        data={
            "referrer_kind": caregivers_constants.Source.GP,
            "first_name": "Jan",
            "last_name": "Jansen",
            "phone": "0578-123456",
            "postcode": "8191 AB",
            "reason": "Overbelast",
            "consent_confirmed": True,
        },
    )
    incoming_accept(incoming=incoming, caregiver=carer, actor=Actor(user=consultant))
    # No service writes a note on these steps today; one that did must not survive either.
    ReferralTransition.objects.update(note="Jan zorgt voor zijn vrouw")
    IncomingReferralTransition.objects.update(note="Jan zorgt voor zijn vrouw")

    services.caregiver_anonymise(
        caregiver=carer, actor=Actor(user=resident), reason="consent withdrawn by the carer"
    )
    assert log_of(carer) == [
        ("", caregivers_constants.CaregiverStatus.ACTIVE, None, ""),
        (
            caregivers_constants.CaregiverStatus.ACTIVE,
            caregivers_constants.CaregiverStatus.ANONYMISED,
            None,
            "",
        ),
    ]
    assert list(ReferralTransition.objects.values_list("to_status", "actor", "note")) == [
        ("pending", consultant.pk, ""),
        ("started", consultant.pk, ""),
    ]
    assert list(IncomingReferralTransition.objects.values_list("to_status", "actor", "note")) == [
        ("new", referrer.pk, ""),
        ("accepted", consultant.pk, ""),
    ]


def test_retention_is_logged_as_a_step_of_the_system(carer, consultant):
    services.caregiver_end_care(
        caregiver=carer,
        ended_on=TODAY - datetime.timedelta(days=800),
        reason=caregivers_constants.EndReason.RECOVERED,
        actor=Actor(user=consultant),
    )
    assert log_of(carer) == [
        (
            caregivers_constants.CaregiverStatus.ACTIVE,
            caregivers_constants.CaregiverStatus.AFTERCARE,
            consultant.pk,
            "",
        ),
    ]
    assert services.caregivers_apply_retention() == 1
    assert log_of(carer) == [
        (
            caregivers_constants.CaregiverStatus.ACTIVE,
            caregivers_constants.CaregiverStatus.AFTERCARE,
            None,
            "",
        ),
        (
            caregivers_constants.CaregiverStatus.AFTERCARE,
            caregivers_constants.CaregiverStatus.ANONYMISED,
            None,
            "",
        ),
    ]


def test_aftercare_not_yet_passed_is_kept(carer, consultant):
    services.caregiver_end_care(
        caregiver=carer, ended_on=TODAY, reason="recovered", actor=Actor(user=consultant)
    )
    assert services.caregivers_apply_retention() == 0


def test_merge_keeps_all_history(heerde, consultant):
    target = CaregiverFactory(municipality=heerde, email="")
    source = CaregiverFactory(
        municipality=heerde, email="bron@example.org", last_contact_on=TODAY, intensive_contact=True
    )
    CareRelationshipFactory(caregiver=source)
    ContactMomentFactory(caregiver=source)
    ScreeningFactory(caregiver=source)
    ReferralFactory(caregiver=source)
    services.caregiver_event(caregiver=source, kind=caregivers_constants.EventKind.REGISTERED)
    merged = services.caregiver_merge(source=source, target=target, actor=Actor(user=consultant))
    assert merged.email == "bron@example.org"
    assert merged.intensive_contact and merged.last_contact_on == TODAY
    for model in (CareRelationship, ContactMoment, Screening, Referral):
        assert model.objects.filter(caregiver=merged).count() == 1
    assert CaregiverEvent.objects.filter(
        caregiver=merged, kind=caregivers_constants.EventKind.REGISTERED
    ).exists()
    source.refresh_from_db()
    assert source.merged_into == merged
    # The duplicate's own status log stays with it, ends anonymised and names no one.
    assert log_of(source) == [
        (
            caregivers_constants.CaregiverStatus.ACTIVE,
            caregivers_constants.CaregiverStatus.ANONYMISED,
            None,
            "",
        )
    ]
    assert log_of(merged) == []
    assert source.email == "" and source.date_of_birth is None  # no personal data left behind
    assert source.first_name == services.ANONYMOUS_NAME
    assert not Caregiver.objects.registered().filter(pk=source.pk).exists()
    with pytest.raises(ValidationError):
        services.caregiver_merge(source=source, target=target, actor=Actor(user=consultant))


def test_merge_across_municipalities_is_refused(heerde, epe, consultant):
    with pytest.raises(ValidationError):
        services.caregiver_merge(
            source=CaregiverFactory(municipality=epe),
            target=CaregiverFactory(municipality=heerde),
            actor=Actor(user=consultant),
        )


def test_relationship_refuses_unknown_task(carer, consultant):
    with pytest.raises(ValidationError):
        services.relationship_add(
            caregiver=carer,
            data={**RELATIONSHIP, "tasks": ["juggling"]},
            actor=Actor(user=consultant),
        )
    assert not CareRelationship.objects.exists()


def test_age_groups_are_derived_from_date_of_birth(heerde):
    def born(years, days=0):
        return TODAY.replace(year=TODAY.year - years) - datetime.timedelta(days=days)

    young = CaregiverFactory(municipality=heerde, date_of_birth=born(17, 300))
    young_adult = CaregiverFactory(municipality=heerde, date_of_birth=born(18))
    adult = CaregiverFactory(municipality=heerde, date_of_birth=born(25))
    assert young.age_group == caregivers_constants.AgeGroup.YOUNG
    assert young_adult.age_group == caregivers_constants.AgeGroup.YOUNG_ADULT
    assert adult.age_group == caregivers_constants.AgeGroup.ADULT
    for group, expected in [
        (caregivers_constants.AgeGroup.YOUNG, young),
        (caregivers_constants.AgeGroup.YOUNG_ADULT, young_adult),
        (caregivers_constants.AgeGroup.ADULT, adult),
    ]:
        assert list(Caregiver.objects.in_age_group(group)) == [expected]


# --- Ending one care relationship (issue 10, point 11) --------------------------------------


def test_ending_one_relationship_leaves_the_others_and_the_carer_active(carer, consultant):
    """The father died; the carer still cares for the mother."""
    father = CareRelationshipFactory(
        caregiver=carer, recipient_name="P.", started_on=datetime.date(2020, 1, 1)
    )
    mother = CareRelationshipFactory(caregiver=carer, recipient_name="M.")
    died = TODAY - datetime.timedelta(days=3)
    services.relationship_end(
        relationship=father,
        ended_on=died,
        reason=caregivers_constants.EndReason.DECEASED,
        actor=Actor(user=consultant),
    )
    father.refresh_from_db()
    mother.refresh_from_db()
    carer.refresh_from_db()
    assert (father.ended_on, father.end_reason) == (died, "deceased")
    assert mother.ended_on is None and mother.end_reason == ""
    assert carer.status == caregivers_constants.CaregiverStatus.ACTIVE
    assert carer.care_ended_on is None and carer.aftercare_until is None
    kinds = list(CaregiverEvent.objects.filter(caregiver=carer).values_list("kind", flat=True))
    assert caregivers_constants.EventKind.RELATIONSHIP_ENDED in kinds
    assert caregivers_constants.EventKind.CARE_ENDED not in kinds
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(father.pk), reason="relationship_ended"
    ).exists()


def test_ending_the_last_relationship_puts_the_carer_in_aftercare(carer, consultant, heerde):
    heerde.aftercare_months = 12
    heerde.save()
    first = CareRelationshipFactory(caregiver=carer)
    second = CareRelationshipFactory(caregiver=carer)
    actor = Actor(user=consultant)
    services.relationship_end(relationship=first, ended_on=TODAY, reason="taken_over", actor=actor)
    ended = datetime.date(2026, 1, 31)
    services.relationship_end(relationship=second, ended_on=ended, reason="other", actor=actor)
    carer.refresh_from_db()
    assert carer.status == caregivers_constants.CaregiverStatus.AFTERCARE
    assert (carer.care_ended_on, carer.aftercare_until) == (ended, datetime.date(2027, 1, 31))
    # Through the workflow: the step is in the carer's status log, by the consultant.
    step = CaregiverTransition.objects.filter(caregiver=carer).latest("pk")
    assert (step.from_status, step.to_status, step.actor) == ("active", "aftercare", consultant)


def test_a_move_into_a_care_institution_keeps_the_care_active(carer, consultant):
    mother = CareRelationshipFactory(caregiver=carer)
    services.relationship_update(
        relationship=mother,
        data={"in_care_institution": True, "lives_together": False},
        actor=Actor(user=consultant),
        version=1,
    )
    mother.refresh_from_db()
    carer.refresh_from_db()
    assert mother.in_care_institution is True and mother.ended_on is None
    assert carer.status == caregivers_constants.CaregiverStatus.ACTIVE
    assert mother.version == 2


def test_a_stale_edit_of_a_care_relationship_saves_nothing(carer, consultant):
    """Two consultants opened the relationship; the second to save started from version 1."""
    mother = CareRelationshipFactory(caregiver=carer, recipient_name="Moeder")
    services.relationship_update(
        relationship=mother, data={"recipient_name": "Ma"}, actor=Actor(consultant), version=1
    )
    with pytest.raises(services.EditConflict):
        services.relationship_update(
            relationship=mother, data={"hours_band": "8-16"}, actor=Actor(consultant), version=1
        )
    mother.refresh_from_db()
    assert (mother.recipient_name, mother.version) == ("Ma", 2)


@pytest.mark.parametrize(
    ("ended_on", "reason", "code"),
    [
        (TODAY + datetime.timedelta(days=1), "deceased", "future"),
        (datetime.date(2019, 12, 31), "deceased", "before_start"),
        (TODAY, "recovered", "reason"),
        (TODAY, "magic", "reason"),
    ],
)
def test_ending_a_relationship_refuses_bad_input_and_writes_nothing(
    carer, consultant, ended_on, reason, code
):
    relationship = CareRelationshipFactory(caregiver=carer, started_on=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.relationship_end(
            relationship=relationship,
            ended_on=ended_on,
            reason=reason,
            actor=Actor(user=consultant),
        )
    assert code in [e.code for errors in error.value.error_dict.values() for e in errors]
    relationship.refresh_from_db()
    carer.refresh_from_db()
    assert relationship.ended_on is None
    assert carer.status == caregivers_constants.CaregiverStatus.ACTIVE


def test_an_ended_relationship_cannot_end_twice(carer, consultant):
    relationship = CareRelationshipFactory(caregiver=carer)
    CareRelationshipFactory(caregiver=carer)
    actor = Actor(user=consultant)
    services.relationship_end(
        relationship=relationship, ended_on=TODAY, reason="other", actor=actor
    )
    with pytest.raises(ValidationError) as error:
        services.relationship_end(
            relationship=relationship, ended_on=TODAY, reason="deceased", actor=actor
        )
    assert error.value.code == "already_ended"
    relationship.refresh_from_db()
    assert relationship.end_reason == "other"


# --- Names as people mean them (issue 10, point 12) -----------------------------------------


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (("Jose\u0301", "Sa\u0301nchez"), ("José", "Sánchez")),  # macOS export, keyboard
        (("José", "Sánchez"), ("Jose\u0301", "Sa\u0301nchez")),
        (("Anna", "van  der Berg"), ("anna", "Van der Berg ")),  # double space, capitals
        (("Lotte", "\u0132sselstein"), ("Lotte", "IJsselstein")),  # the ĳ ligature
    ],
)
def test_duplicate_check_folds_invisible_differences(heerde, consultant, stored, typed):
    CaregiverFactory(
        municipality=heerde,
        first_name=stored[0],
        last_name=stored[1],
        date_of_birth=datetime.date(1960, 5, 1),
        postcode="8191 AB",
    )
    with pytest.raises(services.DuplicateCaregiver):
        services.caregiver_register(
            municipality=heerde,
            data=carer_data(first_name=typed[0], last_name=typed[1]),
            actor=Actor(user=consultant),
        )
    assert Caregiver.objects.count() == 1


def test_registry_search_finds_a_decomposed_name_typed_on_a_keyboard(heerde, consultant):
    from omzien.caregivers.selectors.caregivers import caregiver_list

    decomposed = CaregiverFactory(municipality=heerde, first_name="Jose\u0301",
                                  last_name="Sa\u0301nchez")  # fmt: skip
    ligature = CaregiverFactory(municipality=heerde, first_name="Eva", last_name="\u0132zendijk")
    CaregiverFactory(municipality=heerde, first_name="Piet", last_name="Sanders")
    assert list(caregiver_list(user=consultant, q="Sánchez")) == [decomposed]
    assert list(caregiver_list(user=consultant, q="josé  SÁNCHEZ")) == [decomposed]
    assert list(caregiver_list(user=consultant, q="ijzendijk")) == [ligature]


def test_search_name_follows_every_change_of_the_name(carer, consultant):
    services.caregiver_update(
        caregiver=carer,
        version=carer.version,
        data={"last_name": "Sa\u0301nchez"},
        actor=Actor(user=consultant),
    )
    assert Caregiver.objects.get(pk=carer.pk).search_name == "anna sánchez"
    services.caregiver_anonymise(caregiver=carer, actor=Actor(user=consultant), reason="test")
    assert "sánchez" not in Caregiver.objects.get(pk=carer.pk).search_name


def test_migration_fills_the_search_name_of_existing_carers(heerde):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("omzien.caregivers.migrations.0006_caregiver_search_name")
    carer = CaregiverFactory(municipality=heerde, first_name="Jose\u0301", last_name="de  Wit")
    Caregiver.objects.filter(pk=carer.pk).update(search_name="")
    migration.fill_search_name(apps, None)
    assert Caregiver.objects.get(pk=carer.pk).search_name == "josé de wit"


# --- Consent under 16 (issue 10, point 10) --------------------------------------------------


def _age_on_consent(years: int, *, consent_on=TODAY) -> dict:
    born = consent_on.replace(year=consent_on.year - years) - datetime.timedelta(days=1)
    return {"date_of_birth": born, "consent_given_on": consent_on}


def _codes(error) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_under_16_on_the_date_of_consent_needs_a_guardian(heerde, consultant):
    with pytest.raises(ValidationError) as error:
        services.caregiver_register(
            municipality=heerde,
            data=carer_data(**_age_on_consent(15)),
            actor=Actor(user=consultant),
        )
    assert _codes(error.value) == {"consent_by": ["guardian_consent_required"]}
    with pytest.raises(ValidationError) as error:
        services.caregiver_register(
            municipality=heerde,
            data=carer_data(**_age_on_consent(15), consent_by="guardian"),
            actor=Actor(user=consultant),
        )
    assert _codes(error.value) == {"consent_guardian_name": ["guardian_name_required"]}
    assert not Caregiver.objects.exists()
    carer = services.caregiver_register(
        municipality=heerde,
        data=carer_data(
            **_age_on_consent(15), consent_by="guardian", consent_guardian_name=" Ria Jansen "
        ),
        actor=Actor(user=consultant),
    )
    assert (carer.consent_by, carer.consent_guardian_name) == ("guardian", "Ria Jansen")


def test_the_age_counts_on_the_date_of_consent_not_today(heerde, consultant):
    """16 today, but 15 when the consent was given two months ago: a guardian's consent."""
    two_months_ago = TODAY - datetime.timedelta(days=60)
    born = TODAY.replace(year=TODAY.year - 16) - datetime.timedelta(days=10)
    with pytest.raises(ValidationError) as error:
        services.caregiver_register(
            municipality=heerde,
            data=carer_data(date_of_birth=born, consent_given_on=two_months_ago),
            actor=Actor(user=consultant),
        )
    assert _codes(error.value) == {"consent_by": ["guardian_consent_required"]}
    carer = services.caregiver_register(
        municipality=heerde,
        data=carer_data(**_age_on_consent(16)),
        actor=Actor(user=consultant),
    )
    assert carer.consent_by == caregivers_constants.ConsentBy.CARER


def test_statutory_task_needs_no_guardian(heerde, consultant):
    carer = services.caregiver_register(
        municipality=heerde,
        data=carer_data(
            **_age_on_consent(12), legal_basis=caregivers_constants.LegalBasis.PUBLIC_TASK
        ),
        actor=Actor(user=consultant),
    )
    assert carer.pk


def test_an_incoming_referral_of_a_child_needs_a_guardian(consultant, make_member, heerde):
    referrer = make_member(Role.REFERRER, heerde)
    incoming = incoming_submit(
        municipality=heerde,
        submitted_by=referrer,
        data={
            "referrer_kind": caregivers_constants.Source.SCHOOL,
            "first_name": "Sem",
            "last_name": "de Boer",
            "date_of_birth": TODAY.replace(year=TODAY.year - 13),
            "email": "ouders.deboer@example.org",
            "postcode": "8181 AB",
            "reason": "Zorgt na school voor zijn zieke moeder.",
            "consent_confirmed": True,
        },
    )
    with pytest.raises(ValidationError) as error:
        incoming_accept(
            incoming=incoming, register_data={"reach_by": "email"}, actor=Actor(user=consultant)
        )
    assert _codes(error.value) == {"consent_by": ["guardian_consent_required"]}
    accepted = incoming_accept(
        incoming=incoming,
        register_data={
            "reach_by": "email",
            "consent_by": "guardian",
            "consent_guardian_name": "Els de Boer",
        },
        actor=Actor(user=consultant),
    )
    assert accepted.caregiver.consent_guardian_name == "Els de Boer"


def test_the_carer_changing_their_phone_is_not_held_up_by_an_old_consent(heerde, consultant):
    """A registration from before this rule: the consultant fixes the consent, the carer can
    still change how they are reached."""
    child = CaregiverFactory(municipality=heerde, **_age_on_consent(14))
    updated = services.caregiver_update(
        caregiver=child, version=child.version, data={"phone": "0578-999999"}, actor=Actor()
    )
    assert updated.phone == "0578 999 999"


def test_anonymisation_erases_the_guardian_name(heerde, consultant):
    carer = services.caregiver_register(
        municipality=heerde,
        data=carer_data(
            **_age_on_consent(15), consent_by="guardian", consent_guardian_name="Ria Jansen"
        ),
        actor=Actor(user=consultant),
    )
    services.caregiver_anonymise(caregiver=carer, actor=Actor(user=consultant), reason="test")
    assert Caregiver.objects.get(pk=carer.pk).consent_guardian_name == ""


def test_a_merge_taking_over_the_consent_date_takes_over_who_consented(heerde, consultant):
    target = CaregiverFactory(
        municipality=heerde,
        legal_basis=caregivers_constants.LegalBasis.PUBLIC_TASK,
        consent_given_on=None,
    )
    source = CaregiverFactory(
        municipality=heerde,
        **_age_on_consent(15),
        consent_by=caregivers_constants.ConsentBy.GUARDIAN,
        consent_guardian_name="Ria Jansen",
    )
    kept = services.caregiver_merge(source=source, target=target, actor=Actor(user=consultant))
    assert (kept.consent_given_on, kept.consent_by, kept.consent_guardian_name) == (
        TODAY,
        caregivers_constants.ConsentBy.GUARDIAN,
        "Ria Jansen",
    )


def test_the_carers_own_details_say_what_they_ask_and_the_cared_for_persons_do_not():
    """WCAG 1.3.5: the fields that ask for the carer's own details carry their purpose, so a
    browser fills them in; the person cared for, a helper and a guardian are someone else."""
    from omzien.caregivers.forms.caregivers import OwnDetailsForm, SelfRegistrationForm

    form = SelfRegistrationForm()
    purpose = {name: field.widget.attrs.get("autocomplete") for name, field in form.fields.items()}
    assert purpose["first_name"] == "given-name" and purpose["last_name"] == "family-name"
    assert purpose["date_of_birth"] == "bday" and purpose["postcode"] == "postal-code"
    assert purpose["email"] == "email" and purpose["phone"] == "tel"
    assert purpose["street_address"] == "address-line1" and purpose["town"] == "address-level2"
    for someone_else in ("recipient_name", "helper_name", "consent_guardian_name"):
        assert purpose[someone_else] is None
    assert 'type="tel"' in str(form["phone"])
    own = OwnDetailsForm()
    assert own.fields["street_address"].widget.attrs["autocomplete"] == "address-line1"
