"""Pre-matching: the broker puts an offer and a request on the event's list before the event
(the suggestions come from ``selectors.prematches``)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from omzien.common.services import Actor
from omzien.marketplace import constants
from omzien.marketplace.models import Entry, Event, PreMatch
from omzien.marketplace.services._common import require_broker
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


def prematch_confirm(*, event: Event, offer_id: int, request_id: int, actor: Actor) -> PreMatch:
    """Put an offer and a request of ``event`` on its list; confirming it again is harmless."""
    require_broker(event.municipality_id, actor)
    entries = {
        entry.pk: entry
        for entry in Entry.objects.filter(
            pk__in=[offer_id, request_id], participant__event=event
        ).select_related("participant")
    }
    offer, request = entries.get(offer_id), entries.get(request_id)
    if (
        offer is None
        or request is None
        or offer.direction != constants.Direction.OFFER
        or request.direction != constants.Direction.REQUEST
    ):
        raise ValidationError(
            _("Choose an offer and a request of this beursvloer."), code="not_a_pair"
        )
    if offer.participant_id == request.participant_id:
        raise ValidationError(
            _("An offer and a request of the same participant are no match."), code="same_party"
        )
    found = PreMatch.objects.filter(offer=offer, request=request).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            prematch = PreMatch.objects.create(
                event=event, offer=offer, request=request, confirmed_by=actor.authenticated_user
            )
            audit_by(AuditAction.CREATE, prematch, actor, municipality=event.municipality)
    except IntegrityError:
        return PreMatch.objects.get(offer=offer, request=request)
    return prematch


@transaction.atomic
def prematch_remove(*, prematch: PreMatch, actor: Actor) -> None:
    require_broker(prematch.event.municipality_id, actor)
    audit_by(AuditAction.DELETE, prematch, actor, municipality=prematch.event.municipality)
    prematch.delete()
