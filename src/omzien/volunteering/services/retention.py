"""Retention of the volunteer platform's personal data (registered with
``privacy.retention.register_rule`` in apps.py; the periods are in docs/privacy.md)."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from omzien.common.links import absolute_url
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    CampaignSignup,
    CheckIn,
    Organisation,
    OrganisationInvitation,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    Qualification,
    ResponseTransition,
    Vacancy,
    VacancyResponse,
    Vog,
    VogRequest,
    VolunteerProfile,
)
from omzien.volunteering.services.responses import first_name, mail_on_commit, volunteer_email

SIGNUP_RETENTION_DAYS = 182  # campaign sign-ups: half a year after the campaign ended
REJECTED_ORGANISATION_DAYS = 182  # contact person of an organisation that was not approved
INVITATION_RETENTION_DAYS = 30  # organisation invitations, after they expired
INACTIVE_PROFILE_DAYS = 730  # volunteer profiles without any activity for two years
WARNING_DAYS = 30  # the volunteer is told this many days before


def _anonymise_signups(today: datetime.date) -> int:
    cutoff = today - datetime.timedelta(days=SIGNUP_RETENTION_DAYS)
    count = 0
    # One row at a time: the e-mail address must stay unique per task.
    for signup in CampaignSignup.objects.filter(campaign__ends_on__lt=cutoff).exclude(
        name=ANONYMOUS_NAME
    ):
        signup.name = ANONYMOUS_NAME
        signup.email = f"{signup.pk}@geanonimiseerd.invalid"
        signup.phone = ""
        signup.save(update_fields=["name", "email", "phone"])
        count += 1
    return count


def _anonymise_rejected_organisations(now: datetime.datetime) -> int:
    cutoff = now - datetime.timedelta(days=REJECTED_ORGANISATION_DAYS)
    due = Organisation.objects.filter(
        status=volunteering_constants.OrganisationStatus.REJECTED, reviewed_at__lt=cutoff
    )
    # The broker's reasons, in the status log and the latest one on the organisation, are
    # free text that may name the contact person.
    OrganisationTransition.objects.filter(organisation__in=due).exclude(note="").update(note="")
    due.exclude(review_note="").update(review_note="")
    # A vacancy's own contact person goes with the organisation's.
    Vacancy.objects.filter(organisation__in=due).exclude(
        contact_name="", contact_email="", contact_phone=""
    ).update(contact_name="", contact_email="", contact_phone="", updated_at=now)
    return due.exclude(contact_name=ANONYMOUS_NAME).update(
        contact_name=ANONYMOUS_NAME,
        contact_email="geanonimiseerd@geanonimiseerd.invalid",
        contact_phone="",
        updated_at=now,
    )


def _delete_old_invitations(now: datetime.datetime) -> int:
    cutoff = now - datetime.timedelta(days=INVITATION_RETENTION_DAYS)
    deleted, _rows = OrganisationInvitation.objects.filter(expires_at__lt=cutoff).delete()
    return deleted


def _idle_profiles(cutoff: datetime.datetime):
    """Profiles nobody touched since ``cutoff``, with no response or placement since then and
    no placement still planned or running."""
    recent_responses = VacancyResponse.objects.filter(
        Q(created_at__gte=cutoff) | Q(updated_at__gte=cutoff)
    ).values("profile_id")
    live_placements = Placement.objects.filter(
        Q(updated_at__gte=cutoff)
        | Q(
            status__in=[
                volunteering_constants.PlacementStatus.PLANNED,
                volunteering_constants.PlacementStatus.RUNNING,
            ]
        )
    ).values("profile_id")
    return (
        VolunteerProfile.objects.filter(updated_at__lt=cutoff)
        .exclude(full_name=ANONYMOUS_NAME)
        .exclude(pk__in=recent_responses)
        .exclude(pk__in=live_placements)
    )


def _warn_idle_profiles(now: datetime.datetime) -> int:
    """A month before a profile is anonymised, the volunteer is told once by e-mail. Activity
    since the warning (a change, a response, a placement) cancels it."""
    nearly = _idle_profiles(now - datetime.timedelta(days=INACTIVE_PROFILE_DAYS - WARNING_DAYS))
    # QuerySet.update leaves updated_at alone: the warning is not activity.
    VolunteerProfile.objects.filter(retention_warned_at__isnull=False).exclude(
        pk__in=nearly.values("pk")
    ).update(retention_warned_at=None)
    count = 0
    for profile in nearly.filter(retention_warned_at__isnull=True).select_related(
        "user", "municipality"
    ):
        email = volunteer_email(profile) or profile.email
        mail_on_commit(
            "profile_retention_warning",
            [email],
            {
                "name": first_name(profile),
                "municipality": profile.municipality.name,
                "days": WARNING_DAYS,
                "has_account": bool(profile.user_id),
                "link": absolute_url(None, reverse("volunteering:profile_mine")),
            },
        )
        VolunteerProfile.objects.filter(pk=profile.pk).update(retention_warned_at=now)
        count += 1
    return count


def _erase_what_belongs_to(profile_ids: list[int]) -> None:
    """Every free text about these volunteers, wherever it is: their messages, the notes of
    every status change of their responses and placements, the evaluation, the broker's
    reason for an exception and the check-in notes. Each may name them ("ik ben … uit
    Wapenveld") and the organisation would still read it. The volunteer's own account is
    also removed as the actor of the steps it took. Dates, statuses and categories stay."""
    responses = VacancyResponse.objects.filter(profile_id__in=profile_ids)
    placements = Placement.objects.filter(profile_id__in=profile_ids)
    accounts = VolunteerProfile.objects.filter(pk__in=profile_ids, user__isnull=False).values(
        "user_id"
    )
    own_steps = Q(actor_id__in=accounts)
    ResponseTransition.objects.filter(response__in=responses).filter(own_steps).update(actor=None)
    PlacementTransition.objects.filter(placement__in=placements).filter(own_steps).update(
        actor=None
    )
    CheckIn.objects.filter(placement__in=placements).filter(done_by_id__in=accounts).update(
        done_by=None
    )
    responses.update(message="", decline_reason="")
    ResponseTransition.objects.filter(response__in=responses).exclude(note="").update(note="")
    placements.update(evaluation="", override_reason="")
    PlacementTransition.objects.filter(placement__in=placements).exclude(note="").update(note="")
    CheckIn.objects.filter(placement__in=placements).exclude(notes="").update(notes="")
    # The VOG, the VOG requests (with their log) and the certificates go with the person.
    Vog.objects.filter(profile_id__in=profile_ids).delete()
    VogRequest.objects.filter(profile_id__in=profile_ids).delete()
    Qualification.objects.filter(profile_id__in=profile_ids).delete()


def _anonymise_idle_profiles(now: datetime.datetime) -> int:
    """Two years idle and warned at least a month ago: the person is erased, with every free
    text that belongs to them; the counts stay."""
    due = list(
        _idle_profiles(now - datetime.timedelta(days=INACTIVE_PROFILE_DAYS))
        .filter(retention_warned_at__lte=now - datetime.timedelta(days=WARNING_DAYS))
        .values_list("pk", flat=True)
    )
    if not due:
        return 0
    # First the texts (they find the volunteer's account through the profile), then the person.
    _erase_what_belongs_to(due)
    return VolunteerProfile.objects.filter(pk__in=due).update(
        full_name=ANONYMOUS_NAME,
        user=None,
        email="",
        phone="",
        date_of_birth=None,
        vog_willing=False,
        tasks_liked="",
        motivation="",
        languages=[],
        paused=True,
        retention_warned_at=None,
        updated_at=now,  # the matching engine re-reads it and leaves it out
    )


def volunteering_apply_retention(*, now: datetime.datetime | None = None) -> int:
    """Apply the volunteer platform's retention periods; returns how many records it handled."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (
        _anonymise_signups(today)
        + _anonymise_rejected_organisations(now)
        + _delete_old_invitations(now)
        + _warn_idle_profiles(now)
        + _anonymise_idle_profiles(now)
    )


# Hours are kept for the year they were worked in and the two calendar years after (the totals
# and the indicator of those years); allowances for the seven years after the year they were
# paid in, the fiscal retention period (bewaarplicht, art. 52 AWR) of the organisation's books.
HOURS_RETENTION_YEARS = 2
ALLOWANCE_RETENTION_YEARS = 7


def hours_and_allowances_apply_retention(today: datetime.date | None = None) -> int:
    """Delete hours (with their status log) and allowances past their period; returns how
    many hours and allowances were deleted."""
    from omzien.volunteering.models import Allowance, HoursEntry

    today = today or timezone.localdate()
    hours_cutoff = datetime.date(today.year - HOURS_RETENTION_YEARS, 1, 1)
    allowance_cutoff = datetime.date(today.year - ALLOWANCE_RETENTION_YEARS, 1, 1)
    hours = HoursEntry.objects.filter(date__lt=hours_cutoff)
    counted = hours.count()
    hours.delete()  # the status log goes with them (CASCADE)
    deleted, _rows = Allowance.objects.filter(date__lt=allowance_cutoff).delete()
    return counted + deleted


# A VOG request that was answered (received or withdrawn) is kept for a year after its last
# change (the organisation's record of whom it asked and when); the VOG itself stays on the
# profile until the profile goes.
VOG_REQUEST_RETENTION_DAYS = 365


def vog_requests_apply_retention(now: datetime.datetime | None = None) -> int:
    """Delete answered VOG requests (with their status log) a year after their last change;
    returns how many were deleted."""
    now = now or timezone.now()
    due = VogRequest.objects.exclude(
        status=volunteering_constants.VogRequestStatus.REQUESTED
    ).filter(updated_at__lt=now - datetime.timedelta(days=VOG_REQUEST_RETENTION_DAYS))
    counted = due.count()
    due.delete()
    return counted
