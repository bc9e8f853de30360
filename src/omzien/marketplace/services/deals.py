"""Deals: recorded at the event (on a phone), followed up by the broker afterwards, and the
reminder to both parties before a deal's date.

Every status change goes through ``workflows.DEAL`` (``check`` then ``record``)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor
from omzien.marketplace import constants
from omzien.marketplace.models import Deal, Event, Participant, PreMatch
from omzien.marketplace.services._common import error, require_broker
from omzien.marketplace.workflows import DEAL
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


@transaction.atomic
def deal_record(
    *,
    event: Event,
    giver_id: int,
    receiver_id: int,
    what: str,
    due_on: datetime.date,
    hours: int,
    actor: Actor,
    prematch_id: int | None = None,
) -> Deal:
    """Who gives what to whom, by when, worth how many hours: agreed at the event."""
    require_broker(event.municipality_id, actor)
    parties = {
        p.pk: p for p in Participant.objects.filter(event=event, pk__in=[giver_id, receiver_id])
    }
    errors = {}
    if giver_id not in parties:
        errors["giver_id"] = [ValidationError(_("Choose who gives."), code="required")]
    if receiver_id not in parties:
        errors["receiver_id"] = [ValidationError(_("Choose who receives."), code="required")]
    elif giver_id == receiver_id:
        errors["receiver_id"] = [
            ValidationError(_("A deal is between two different parties."), code="same_party")
        ]
    what = " ".join((what or "").split())
    if not what:
        errors["what"] = [ValidationError(_("Say what is given."), code="required")]
    if due_on is None:
        errors["due_on"] = [ValidationError(_("Fill in by when."), code="required")]
    elif due_on < event.held_on:
        errors["due_on"] = [
            ValidationError(_("The date lies before the beursvloer."), code="before_event")
        ]
    if hours is None or not 0 < hours <= constants.MAX_HOURS:
        errors["hours"] = [
            ValidationError(
                _("Estimate the value in hours: a whole number from 1 to %(max)s.")
                % {"max": constants.MAX_HOURS},
                code="bad_hours",
            )
        ]
    prematch = None
    if prematch_id is not None:
        prematch = PreMatch.objects.filter(event=event, pk=prematch_id).first()
        if prematch is None:
            errors["prematch_id"] = [
                ValidationError(_("That pre-match is not on this list."), code="unknown_prematch")
            ]
    if errors:
        raise ValidationError(errors)
    deal = Deal(
        event=event,
        giver=parties[giver_id],
        receiver=parties[receiver_id],
        what=what,
        due_on=due_on,
        hours=hours,
        prematch=prematch,
        recorded_by=actor.authenticated_user,
    )
    deal.full_clean(exclude=["event", "giver", "receiver", "prematch", "version"])
    deal.save()
    DEAL.log_step(deal, source="", target=deal.status, actor=actor)
    audit_by(AuditAction.CREATE, deal, actor, municipality=event.municipality)
    return deal


@transaction.atomic
def deal_follow_up(
    *, deal: Deal, target: str, note: str = "", actor: Actor, seen: str = ""
) -> Deal:
    """The broker asked both parties how it went: done, partly done or not done."""
    deal = Deal.objects.select_for_update().select_related("event").get(pk=deal.pk)
    if target not in (
        constants.DealStatus.DONE,
        constants.DealStatus.PARTLY,
        constants.DealStatus.NOT_DONE,
    ):
        raise error("target", _("Choose how the deal went."), "target_required")
    step, note = DEAL.check(deal, target=target, actor=actor, expected=seen, note=note)
    deal.followed_up_on = timezone.localdate()
    deal.version += 1
    DEAL.record(
        deal,
        step=step,
        actor=actor,
        note=note,
        fields=["followed_up_on", "version", "updated_at"],
    )
    return deal


def deals_remind(*, today: datetime.date | None = None) -> int:
    """The periodic reminder: both parties of an agreed deal hear once, ``REMINDER_DAYS``
    before its date. Each deal is claimed first (a conditional UPDATE only one run wins), so a
    rerun, a retried task or two workers at once never mail twice. Returns the deals reminded."""
    today = today or timezone.localdate()
    due = (
        Deal.objects.filter(
            status=constants.DealStatus.AGREED,
            reminder_sent_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + datetime.timedelta(days=constants.REMINDER_DAYS),
            event__held_on__lte=today,
        )
        .select_related("event__municipality", "giver", "receiver")
        .order_by("pk")
    )
    reminded = 0
    for deal in due.iterator():
        with transaction.atomic():
            claimed = Deal.objects.filter(pk=deal.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if not claimed:
                continue
            for party, other in ((deal.giver, deal.receiver), (deal.receiver, deal.giver)):
                if not party.contact_email:
                    continue
                context = {
                    "name": party.contact_name,
                    "party": party.name,
                    "other": other.name,
                    "gives": party.pk == deal.giver_id,
                    "what": deal.what,
                    "due_on": deal.due_on,
                    "year": deal.event.year,
                    "municipality": deal.event.municipality.name,
                }
                address = party.contact_email
                transaction.on_commit(
                    lambda context=context, address=address: send_templated_mail(
                        template="marketplace/mail/reminder",
                        context=context,
                        to=[address],
                        language="nl",
                    )
                )
            reminded += 1
    return reminded
