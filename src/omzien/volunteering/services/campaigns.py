"""Campaigns (NL Doet, Day of the volunteer, Week of the carer): services and selectors.

A volunteer broker creates a campaign for their municipality and attaches one-off tasks of
that municipality whose date lies within the campaign. The public campaign page lists the
published tasks; a resident signs up for one with only a name, an e-mail address and
optionally a phone number. Signing up counts the sign-ups while the task's row is locked,
so two people can never both take the last place.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.dates import on_days
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor, apply_changes, versioned_update
from omzien.privacy.audit import audit_by, audit_log
from omzien.privacy.constants import AuditAction
from omzien.tenants.models import Municipality
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Campaign, CampaignSignup, Vacancy
from omzien.volunteering.selectors.campaigns import broker_municipalities
from omzien.volunteering.selectors.vacancies import public_vacancies

CAMPAIGN_FIELDS = ("name", "kind", "description", "starts_on", "ends_on", "is_public")


def _local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


# --- Services --------------------------------------------------------------------------------


def _validate(campaign: Campaign) -> None:
    errors: dict[str, list[ValidationError]] = {}
    try:
        campaign.full_clean(exclude=["municipality", "created_by"])
    except ValidationError as error:
        errors.update(error.error_dict)
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        errors.setdefault("ends_on", []).append(
            ValidationError(_("The end date lies before the start date."), code="before_start")
        )
    if errors:
        raise ValidationError(errors)


def _validate_with_tasks(campaign: Campaign) -> None:
    """The campaign itself, and its tasks still within its dates."""
    campaign.name = (campaign.name or "").strip()
    _validate(campaign)
    outside = campaign.vacancies.exclude(
        **on_days("starts_at", campaign.starts_on, campaign.ends_on)
    )
    if outside.exists():
        raise ValidationError(
            _(
                "Some tasks of this campaign fall outside these dates. Remove those tasks "
                "from the campaign first, or choose other dates."
            ),
            code="tasks_outside_dates",
        )


def _check_broker(user, municipality_id: int) -> None:
    if not broker_municipalities(user=user).filter(pk=municipality_id).exists():
        raise Http404


@transaction.atomic
def campaign_create(*, municipality: Municipality, data: dict, actor: Actor) -> Campaign:
    _check_broker(actor.user, municipality.pk)
    campaign = Campaign(municipality=municipality, created_by=actor.user)
    apply_changes(campaign, data, CAMPAIGN_FIELDS)
    campaign.name = (campaign.name or "").strip()
    _validate(campaign)
    campaign.save()
    audit_by(AuditAction.CREATE, campaign, actor)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, version: int, data: dict, actor: Actor) -> Campaign:
    """A broker changes the campaign; refused if someone else saved it since ``version``."""
    current = (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=campaign.pk)
    )
    _check_broker(actor.user, current.municipality_id)
    changed = versioned_update(
        current, version=version, data=data, fields=CAMPAIGN_FIELDS, clean=_validate_with_tasks
    )
    audit_by(AuditAction.UPDATE, current, actor, reason=",".join(changed))
    return current


def _lock_vacancy(pk: int, *, visible_to=None) -> Vacancy:
    """The task ``pk``, locked. With ``visible_to`` (a broker's posted id) only among the
    vacancies that user may see: a missing task and one they may not see are refused alike,
    so a posted id tells nothing about other municipalities."""
    found = Vacancy.objects.filter(pk=pk)
    if visible_to is not None:
        found = Vacancy.objects.filter(pk__in=found.visible_to(visible_to).values("pk"))
    vacancy = (
        found.select_for_update(of=("self",))
        .select_related("municipality", "organisation", "locality")
        .first()
    )
    if vacancy is None:
        raise ValidationError(_("This task does not exist (any more)."), code="not_found")
    return vacancy


@transaction.atomic
def campaign_add_vacancy(*, campaign: Campaign, vacancy_id: int, actor: Actor) -> Vacancy:
    """Attach a one-off task of the same municipality, dated within the campaign."""
    _check_broker(actor.user, campaign.municipality_id)
    vacancy = _lock_vacancy(vacancy_id, visible_to=actor.user)
    if vacancy.municipality_id != campaign.municipality_id:
        raise ValidationError(
            _("Only tasks in the municipality of the campaign can be added."), code="municipality"
        )
    if vacancy.kind != volunteering_constants.VacancyKind.ONE_OFF:
        raise ValidationError(
            _("Only one-off tasks (klussen) can be added to a campaign, not other vacancies."),
            code="kind",
        )
    if vacancy.status not in volunteering_constants.ATTACHABLE_STATES:
        raise ValidationError(_("A closed or expired task cannot be added."), code="status")
    if vacancy.starts_at is None or not (
        campaign.starts_on <= _local_date(vacancy.starts_at) <= campaign.ends_on
    ):
        raise ValidationError(
            _("The date of this task does not fall within the campaign."), code="date"
        )
    if vacancy.campaign_id == campaign.pk:
        raise ValidationError(_("This task is already part of the campaign."), code="already_added")
    if vacancy.campaign_id is not None:
        raise ValidationError(
            _("This task is already part of another campaign."), code="other_campaign"
        )
    Vacancy.objects.filter(pk=vacancy.pk).update(campaign=campaign)
    vacancy.campaign = campaign
    audit_by(
        AuditAction.UPDATE,
        vacancy,
        actor,
        reason="campaign",
        extra={"campaign": campaign.pk},
    )
    return vacancy


@transaction.atomic
def campaign_remove_vacancy(*, campaign: Campaign, vacancy_id: int, actor: Actor) -> Vacancy:
    """Detach a task; residents who signed up keep their sign-up (the list stays visible)."""
    _check_broker(actor.user, campaign.municipality_id)
    vacancy = _lock_vacancy(vacancy_id, visible_to=actor.user)
    if vacancy.campaign_id != campaign.pk:
        raise ValidationError(_("This task is not part of the campaign."), code="campaign")
    Vacancy.objects.filter(pk=vacancy.pk).update(campaign=None)
    vacancy.campaign = None
    audit_by(
        AuditAction.UPDATE,
        vacancy,
        actor,
        reason="campaign",
        extra={"campaign": None, "removed_from": campaign.pk},
    )
    return vacancy


def _already_signed_up() -> ValidationError:
    return ValidationError(
        {
            "email": ValidationError(
                _("You have already signed up for this task with this e-mail address."),
                code="already_signed_up",
            )
        }
    )


def campaign_signup(
    *, campaign: Campaign, vacancy: Vacancy, name: str, email: str, phone: str, actor: Actor
) -> CampaignSignup:
    """A resident signs up for one task of a public campaign; a confirmation mail follows."""
    name, email, phone = name.strip(), email.strip().lower(), phone.strip()
    try:
        with transaction.atomic():
            signup = _signup(
                campaign=campaign, vacancy=vacancy, name=name, email=email, phone=phone, actor=actor
            )
    except IntegrityError as error:
        # Two sign-ups with the same e-mail address at the same moment: the constraint wins.
        raise _already_signed_up() from error
    return signup


def _signup(*, campaign, vacancy, name, email, phone, actor) -> CampaignSignup:
    if not campaign.is_public:
        raise Http404
    current = _lock_vacancy(vacancy.pk)
    if current.campaign_id != campaign.pk:
        raise ValidationError(_("This task is not part of this campaign."), code="campaign")
    if not public_vacancies().filter(pk=current.pk).exists():
        raise ValidationError(_("You can no longer sign up for this task."), code="unpublished")
    if current.starts_at is None or current.starts_at < timezone.now():
        raise ValidationError(_("This task has already taken place."), code="past")
    signups = CampaignSignup.objects.filter(vacancy=current)
    if signups.filter(email__iexact=email).exists():
        raise _already_signed_up()
    if signups.count() >= current.places:
        raise ValidationError(
            _("Sorry, this task is full. Perhaps another task of the campaign suits you."),
            code="full",
        )
    signup = CampaignSignup(campaign=campaign, vacancy=current, name=name, email=email, phone=phone)
    try:
        signup.full_clean(exclude=["campaign", "vacancy"], validate_unique=False)
    except ValidationError as error:
        raise ValidationError(error.error_dict) from error
    signup.save()
    audit_log(
        action=AuditAction.CREATE,
        actor=actor.user,
        obj=signup,
        municipality=campaign.municipality,
        request=actor.request,
        reason="campaign sign-up",
        extra={"campaign": campaign.pk, "vacancy": current.pk},
    )
    link = absolute_url(actor.request, reverse("volunteering:campaign_public", args=[campaign.pk]))
    starts_at = timezone.localtime(current.starts_at)
    context = {
        "name": name,
        "campaign": campaign.name,
        "title": current.title,
        "organisation": current.organisation.name,
        "date": starts_at.date(),
        "time": starts_at.time(),
        "address": ", ".join(
            part
            for part in (current.address, current.locality.name if current.locality else "")
            if part
        ),
        "contact": " / ".join(
            part
            for part in (current.organisation.contact_email, current.organisation.contact_phone)
            if part
        ),
        "link": link,
    }
    transaction.on_commit(
        lambda: send_templated_mail(
            template="volunteering/email/campaign_signup", context=context, to=[email]
        )
    )
    return signup
