"""Erasure requests (AVG art. 17) on the volunteer platform, carried out by the municipality's
privacy officer through ``volunteering.rights``. Each erases what identifies the person and
keeps the counts (dates, statuses, kinds), as the retention rules do."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import ANONYMOUS_NAME, AuditAction
from omzien.volunteering.models import (
    Allowance,
    CampaignSignup,
    CheckIn,
    HiddenSuggestion,
    HoursEntry,
    HoursTransition,
    Organisation,
    OrganisationInvitation,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    Qualification,
    ResponseTransition,
    SuggestionInvitation,
    Vacancy,
    VacancyResponse,
    Vog,
    VogRequest,
    VolunteerProfile,
)

REASON = "removal on request"


@transaction.atomic
def profile_erase(*, profile: VolunteerProfile, actor: Actor) -> VolunteerProfile:
    """Anonymise a volunteer profile and every free text that belongs to the volunteer: the
    messages of their responses, the notes of the status logs, the placements' evaluations and
    exceptions, the check-in notes. Responses and placements keep their dates and statuses."""
    now = timezone.now()
    VolunteerProfile.objects.filter(pk=profile.pk).update(
        full_name=ANONYMOUS_NAME,
        user=None,
        email="",
        phone="",
        date_of_birth=None,
        vog_willing=False,
        tasks_liked="",
        motivation="",
        languages=[],
        interests=[],
        paused=True,
        retention_warned_at=None,
        created_by=None,
        updated_at=now,  # the matching engine re-reads it and leaves it out
    )
    responses = VacancyResponse.objects.filter(profile=profile)
    responses.update(message="", decline_reason="", updated_at=now)
    ResponseTransition.objects.filter(response__in=responses).update(note="")
    placements = Placement.objects.filter(profile=profile)
    placements.update(evaluation="", override_reason="", updated_at=now)
    PlacementTransition.objects.filter(placement__in=placements).update(note="")
    CheckIn.objects.filter(placement__in=placements).update(notes="")
    # Hours and allowances keep their dates and amounts (the organisation's books and the
    # figures); their notes are free text about the volunteer.
    hours = HoursEntry.objects.filter(placement__in=placements)
    hours.exclude(note="").update(note="")
    HoursTransition.objects.filter(entry__in=hours).exclude(note="").update(note="")
    Allowance.objects.filter(placement__in=placements).exclude(note="").update(note="")
    HiddenSuggestion.objects.filter(profile=profile).delete()
    SuggestionInvitation.objects.filter(profile=profile).delete()
    # The VOG, the VOG requests (with their log) and the certificates are about the person.
    Vog.objects.filter(profile=profile).delete()
    VogRequest.objects.filter(profile=profile).delete()
    Qualification.objects.filter(profile=profile).delete()
    profile.refresh_from_db()
    audit_by(AuditAction.DELETE, profile, actor, reason=REASON)
    return profile


@transaction.atomic
def signup_erase(*, signup: CampaignSignup, actor: Actor) -> CampaignSignup:
    signup.name = ANONYMOUS_NAME
    signup.email = f"{signup.pk}@geanonimiseerd.invalid"  # unique per task
    signup.phone = ""
    signup.save(update_fields=["name", "email", "phone"])
    audit_by(
        AuditAction.DELETE, signup, actor, municipality=signup.campaign.municipality, reason=REASON
    )
    return signup


@transaction.atomic
def organisation_contact_erase(*, organisation: Organisation, actor: Actor) -> Organisation:
    """The organisation stays; its contact person goes (the organisation names a new one)."""
    OrganisationTransition.objects.filter(organisation=organisation).update(note="")
    Organisation.objects.filter(pk=organisation.pk).update(
        contact_name=ANONYMOUS_NAME,
        contact_email="geanonimiseerd@geanonimiseerd.invalid",
        contact_phone="",
        review_note="",
        updated_at=timezone.now(),
    )
    organisation.refresh_from_db()
    audit_by(AuditAction.DELETE, organisation, actor, reason=REASON)
    return organisation


@transaction.atomic
def vacancy_contact_erase(*, vacancy: Vacancy, actor: Actor) -> Vacancy:
    """The vacancy stays; its own contact person goes (the vacancy then shows the
    organisation's). A new version: an edit begun before it is refused, not saved over it."""
    Vacancy.objects.filter(pk=vacancy.pk).update(
        contact_name="",
        contact_email="",
        contact_phone="",
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    vacancy.refresh_from_db()
    audit_by(AuditAction.DELETE, vacancy, actor, reason=REASON)
    return vacancy


@transaction.atomic
def organisation_invitation_erase(*, invitation: OrganisationInvitation, actor: Actor) -> None:
    audit_by(
        AuditAction.DELETE,
        invitation,
        actor,
        municipality=invitation.organisation.municipality,
        reason=REASON,
    )
    invitation.delete()
