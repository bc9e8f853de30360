"""Reads of campaigns: the selectors (moved from omzien.volunteering.services.campaigns)."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from omzien.common.dates import on_days
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.tenants.models import Municipality
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Campaign, CampaignSignup, Vacancy
from omzien.volunteering.permissions import BROKER_ROLES
from omzien.volunteering.selectors.vacancies import public_vacancies


def broker_municipalities(*, user):
    """The municipalities where the user is a volunteer broker."""
    return Municipality.objects.filter(pk__in=user.municipality_ids_for(BROKER_ROLES))


def campaign_list_for_broker(*, user):
    return (
        Campaign.objects.filter(municipality__in=broker_municipalities(user=user))
        .select_related("municipality")
        .annotate(task_count=Count("vacancies", distinct=True))
        .annotate(signup_count=Count("signups", distinct=True))
    )


def campaign_for_broker(*, user, pk: int) -> Campaign:
    """A campaign of a municipality where the user is a broker (else 404)."""
    campaign = (
        Campaign.objects.filter(pk=pk, municipality__in=broker_municipalities(user=user))
        .select_related("municipality")
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


def campaign_tasks(*, campaign: Campaign):
    """The tasks of the campaign with their number of sign-ups, by date."""
    return (
        campaign.vacancies.select_related("organisation", "locality")
        .annotate(signup_count=Count("signups", filter=Q(signups__campaign=campaign)))
        .order_by("starts_at", "pk")
    )


def campaign_candidates(*, campaign: Campaign):
    """One-off tasks the broker may attach: same municipality, dated within the campaign."""
    return (
        Vacancy.objects.filter(
            municipality_id=campaign.municipality_id,
            kind=volunteering_constants.VacancyKind.ONE_OFF,
            campaign__isnull=True,
            status__in=volunteering_constants.ATTACHABLE_STATES,
            **on_days("starts_at", campaign.starts_on, campaign.ends_on),
        )
        .select_related("organisation")
        .order_by("starts_at", "pk")
    )


def campaign_signups(*, campaign: Campaign, actor: Actor) -> list[Vacancy]:
    """The tasks with who signed up (personal data: the view is audited)."""
    tasks = list(
        campaign_tasks(campaign=campaign).prefetch_related(
            # Only this campaign's sign-ups (a task may have been moved between campaigns).
            _signups_prefetch(campaign)
        )
    )
    audit_by(AuditAction.VIEW, campaign, actor, reason="campaign sign-ups")
    return tasks


def signups_for_task(*, vacancy: Vacancy, actor: Actor) -> list[CampaignSignup]:
    """Who signed up for an organisation's campaign task (its members see them; audited)."""
    if vacancy.campaign_id is None:
        return []
    signups = list(
        CampaignSignup.objects.filter(vacancy=vacancy, campaign_id=vacancy.campaign_id).order_by(
            "created_at", "pk"
        )
    )
    audit_by(AuditAction.VIEW, vacancy, actor, reason="campaign sign-ups")
    return signups


def _signups_prefetch(campaign: Campaign):
    return Prefetch(
        "signups",
        queryset=CampaignSignup.objects.filter(campaign=campaign).order_by("created_at", "pk"),
        to_attr="campaign_signups",
    )


def public_campaigns(*, municipality: Municipality | None = None, today=None):
    """Public campaigns that are not over yet, soonest first."""
    today = today or timezone.localdate()
    qs = Campaign.objects.filter(
        is_public=True, ends_on__gte=today, municipality__is_active=True
    ).select_related("municipality")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.order_by("starts_on", "name", "pk")


def campaign_public_get(*, pk: int) -> Campaign:
    campaign = (
        Campaign.objects.filter(pk=pk, is_public=True, municipality__is_active=True)
        .select_related("municipality")
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


def campaign_public_tasks(*, campaign: Campaign) -> list[Vacancy]:
    """The published one-off tasks of the campaign that still lie ahead, with places left."""
    tasks = list(
        public_vacancies()
        .filter(
            campaign=campaign,
            kind=volunteering_constants.VacancyKind.ONE_OFF,
            starts_at__gte=timezone.now(),
        )
        .select_related("organisation", "locality", "municipality")
        .annotate(signup_count=Count("signups"))
        .order_by("starts_at", "pk")
    )
    for task in tasks:
        task.places_left = max(task.places - task.signup_count, 0)
    return tasks
