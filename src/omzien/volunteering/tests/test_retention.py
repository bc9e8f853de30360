"""Retention of the volunteer platform: campaign sign-ups, rejected organisations' contact
person, expired invitations, and volunteer profiles without activity for two years."""

import datetime

import pytest
from django.utils import timezone

from omzien.volunteering import constants
from omzien.volunteering.models import (
    Campaign,
    CampaignSignup,
    Organisation,
    OrganisationInvitation,
    OrganisationTransition,
    Placement,
    VolunteerProfile,
)
from omzien.volunteering.services.retention import (
    ANONYMOUS_NAME,
    INACTIVE_PROFILE_DAYS,
    WARNING_DAYS,
    volunteering_apply_retention,
)
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()
TODAY = timezone.localdate(NOW)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def campaign_with_signup(heerde, ended_days_ago):
    campaign = Campaign.objects.create(
        municipality=heerde,
        name="NL Doet",
        kind=constants.CampaignKind.NL_DOET,
        description="Klussen",
        starts_on=days_ago(ended_days_ago + 2),
        ends_on=days_ago(ended_days_ago),
    )
    task = VacancyFactory(organisation=OrganisationFactory(municipality=heerde), campaign=campaign)
    return CampaignSignup.objects.create(
        campaign=campaign, vacancy=task, name="Jan", email="jan@example.org", phone="0611"
    )


def test_campaign_signups_are_anonymised_half_a_year_after_the_campaign(heerde):
    old = campaign_with_signup(heerde, 200)
    recent = campaign_with_signup(heerde, 100)
    assert volunteering_apply_retention(now=NOW) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.phone) == (ANONYMOUS_NAME, "")
    assert "jan" not in old.email
    assert recent.email == "jan@example.org"
    assert volunteering_apply_retention(now=NOW) == 0  # idempotent
    assert CampaignSignup.objects.count() == 2  # the counts stay


def test_contact_person_of_a_rejected_organisation_is_erased_after_half_a_year(heerde):
    rejected = OrganisationFactory(
        municipality=heerde,
        status=constants.OrganisationStatus.REJECTED,
        reviewed_at=NOW - datetime.timedelta(days=200),
    )
    approved = OrganisationFactory(
        municipality=heerde, reviewed_at=NOW - datetime.timedelta(days=900)
    )
    recent = OrganisationFactory(
        municipality=heerde,
        status=constants.OrganisationStatus.REJECTED,
        reviewed_at=NOW - datetime.timedelta(days=100),
    )
    for organisation in (rejected, recent):
        # The broker's reason may name the contact person.
        OrganisationTransition.objects.create(
            organisation=organisation,
            from_status=constants.OrganisationStatus.PENDING,
            to_status=constants.OrganisationStatus.REJECTED,
            note=f"{organisation.contact_name} kon geen KvK-nummer laten zien.",
        )
    draft = VacancyFactory(
        organisation=rejected,
        status=constants.VacancyStatus.DRAFT,
        contact_name="Anna Trainer",
        contact_email="anna@example.org",
        contact_phone="06 12345678",
    )
    volunteering_apply_retention(now=NOW)
    rejected.refresh_from_db()
    assert rejected.contact_name == ANONYMOUS_NAME and rejected.contact_phone == ""
    draft.refresh_from_db()
    assert (draft.contact_name, draft.contact_email, draft.contact_phone) == ("", "", "")
    assert Organisation.objects.get(pk=approved.pk).contact_name == approved.contact_name
    assert rejected.transitions.get().note == ""
    assert recent.transitions.get().note.startswith(recent.contact_name)
    assert (
        rejected.transitions.get().to_status == constants.OrganisationStatus.REJECTED
    )  # history stays


def test_expired_invitations_are_deleted_after_a_month(heerde):
    organisation = OrganisationFactory(municipality=heerde)
    for days in (40, 10):
        OrganisationInvitation.objects.create(
            organisation=organisation,
            email=f"x{days}@example.org",
            token_hash=f"{days:064d}",
            expires_at=NOW - datetime.timedelta(days=days),
        )
    volunteering_apply_retention(now=NOW)
    assert list(OrganisationInvitation.objects.values_list("email", flat=True)) == [
        "x10@example.org"
    ]


def test_idle_profiles_are_announced_a_month_ahead_then_anonymised(
    heerde, mailoutbox, django_capture_on_commit_callbacks
):
    idle = VolunteerProfileFactory(municipality=heerde, full_name="Ida Idle", phone="0612")
    busy = VolunteerProfileFactory(municipality=heerde)
    placed = VolunteerProfileFactory(municipality=heerde)
    fresh = VolunteerProfileFactory(municipality=heerde)
    old = NOW - datetime.timedelta(days=710)  # nearly two years
    response = ResponseFactory(profile=placed, municipality=heerde, status="accepted")
    Placement.objects.create(
        response=response,
        vacancy=response.vacancy,
        profile=placed,
        municipality=heerde,
        status=constants.PlacementStatus.RUNNING,
    )
    ResponseFactory(profile=busy, municipality=heerde)  # responded recently
    VolunteerProfile.objects.exclude(pk=fresh.pk).update(updated_at=old)
    Placement.objects.update(updated_at=old, created_at=old)

    with django_capture_on_commit_callbacks(execute=True):
        assert volunteering_apply_retention(now=NOW) == 1  # the warning
        assert volunteering_apply_retention(now=NOW) == 0  # never twice
    assert [m.to for m in mailoutbox] == [[idle.user.email]]
    assert "http://127.0.0.1:8000/vrijwilligerswerk/mijn-profiel/" in mailoutbox[0].body
    idle.refresh_from_db()
    assert idle.full_name == "Ida Idle" and idle.retention_warned_at == NOW

    later = NOW + datetime.timedelta(days=31)  # two years idle, warned a month ago
    assert volunteering_apply_retention(now=later) == 1
    idle.refresh_from_db()
    assert (idle.full_name, idle.phone, idle.user, idle.date_of_birth) == (
        ANONYMOUS_NAME,
        "",
        None,
        None,
    )
    assert idle.paused and idle.municipality == heerde  # counted, never suggested
    for other in (busy, placed, fresh):
        other.refresh_from_db()
        assert other.full_name != ANONYMOUS_NAME and other.retention_warned_at is None


def test_activity_after_the_warning_keeps_the_profile(heerde, mailoutbox):
    profile = VolunteerProfileFactory(municipality=heerde, full_name="Ida Idle")
    VolunteerProfile.objects.update(updated_at=NOW - datetime.timedelta(days=710))
    volunteering_apply_retention(now=NOW)
    profile.refresh_from_db()
    assert profile.retention_warned_at == NOW
    profile.save()  # the volunteer logs in and saves the profile
    later = NOW + datetime.timedelta(days=31)
    volunteering_apply_retention(now=later)
    profile.refresh_from_db()
    assert profile.full_name == "Ida Idle" and profile.retention_warned_at is None


MARK = "zqmerk"  # planted in every free text that belongs to one volunteer


def _text_values_with(mark: str) -> list[tuple[str, str, object]]:
    """Every text column (char, text, e-mail, JSON) of every model of the app that holds
    ``mark``, as (model, field, value)."""
    from django.apps import apps
    from django.db import models

    found = []
    for model in apps.get_app_config("volunteering").get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model._default_manager.values_list("pk", *fields):
            for name, value in zip(fields, row[1:], strict=True):
                if mark in str(value).lower():
                    found.append((model.__name__, name, value))
    return found


def test_anonymising_an_idle_volunteer_erases_every_free_text_that_belongs_to_them(heerde):
    """Issue 10.8: after two idle years nothing the volunteer wrote, or was written about
    them, keeps their name: messages, status notes, evaluation, exception and check-ins."""
    from omzien.privacy.retention import rules
    from omzien.volunteering.models import CheckIn, PlacementTransition, ResponseTransition

    idle = VolunteerProfileFactory(
        municipality=heerde,
        full_name=f"Ida {MARK.title()}",
        email=f"{MARK}@example.org",
        phone=f"06{MARK}",
        tasks_liked=f"Koffie schenken, {MARK}",
        motivation=f"Ik ben Ida {MARK} uit Wapenveld",
        languages=[MARK],
    )
    other = VolunteerProfileFactory(municipality=heerde, motivation="Ik help graag.")
    kept = ResponseFactory(profile=other, municipality=heerde, message="Zaterdag kan ik.")
    response = ResponseFactory(
        profile=idle,
        municipality=heerde,
        status=constants.ResponseStatus.ACCEPTED,
        message=f"Ik ben Ida {MARK} uit Wapenveld",
        decline_reason=f"Eerder: {MARK} paste toen niet",
    )
    declined = ResponseFactory(
        profile=idle,
        municipality=heerde,
        status=constants.ResponseStatus.DECLINED,
        decline_reason=f"Helaas {MARK}, de plek is al vergeven",
    )
    for r in (response, declined):
        ResponseTransition.objects.create(
            response=r,
            from_status=constants.ResponseStatus.OPEN,
            to_status=r.status,
            note=f"Gesproken met {MARK}",
            actor=idle.user,
        )
    placement = Placement.objects.create(
        response=response,
        vacancy=response.vacancy,
        profile=idle,
        municipality=heerde,
        status=constants.PlacementStatus.ENDED,
        override_reason=f"{MARK} heeft de VOG aangevraagd",
        evaluation=f"{MARK} was altijd op tijd",
        end_reason=constants.PlacementEndReason.VOLUNTEER_STOPPED,
    )
    PlacementTransition.objects.create(
        placement=placement,
        from_status=constants.PlacementStatus.RUNNING,
        to_status=constants.PlacementStatus.ENDED,
        note=f"{MARK} verhuist naar Zwolle",
    )
    CheckIn.objects.create(
        placement=placement, due_on=TODAY, done_on=TODAY, notes=f"{MARK} voelt zich thuis"
    )
    assert {model for model, _field, _value in _text_values_with(MARK)} == {
        "VolunteerProfile",
        "VacancyResponse",
        "ResponseTransition",
        "Placement",
        "PlacementTransition",
        "CheckIn",
    }

    rule = rules()["volunteering_apply_retention"]
    warned = NOW + datetime.timedelta(days=INACTIVE_PROFILE_DAYS + 5)
    # The other volunteer was active then.
    VolunteerProfile.objects.filter(pk=other.pk).update(updated_at=warned)
    rule(now=warned)  # the warning a month ahead
    rule(now=warned + datetime.timedelta(days=WARNING_DAYS + 1))  # two years idle

    idle.refresh_from_db()
    assert idle.full_name == ANONYMOUS_NAME
    assert _text_values_with(MARK) == []
    assert not ResponseTransition.objects.filter(actor__isnull=False, response__profile=idle)
    # What is not the volunteer's stays, and so do the statuses and dates for the figures.
    kept.refresh_from_db()
    assert kept.message == "Zaterdag kan ik."
    placement.refresh_from_db()
    assert placement.end_reason == constants.PlacementEndReason.VOLUNTEER_STOPPED
    assert CheckIn.objects.get().done_on == TODAY


def test_the_reason_on_a_rejected_organisation_is_erased_with_its_contact_person(heerde):
    """Issue 10.8: the latest reason stays on the organisation itself (``review_note``)."""
    rejected = OrganisationFactory(
        municipality=heerde,
        status=constants.OrganisationStatus.REJECTED,
        reviewed_at=NOW - datetime.timedelta(days=200),
        contact_name=f"Piet {MARK}",
        review_note=f"{MARK} kon geen KvK-nummer laten zien.",
    )
    volunteering_apply_retention(now=NOW)
    rejected.refresh_from_db()
    assert rejected.review_note == "" and rejected.contact_name == ANONYMOUS_NAME
    assert _text_values_with(MARK) == []
