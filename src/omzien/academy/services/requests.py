"""Training requests: an organisation's member asks the broker for training on a topic."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from omzien.academy.models import TrainingRequest
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation, OrganisationMember


@transaction.atomic
def request_create(*, organisation: Organisation, data: dict, actor: Actor) -> TrainingRequest:
    """A member of an approved organisation asks for training for ``people`` of its people."""
    user = actor.authenticated_user
    if (
        user is None
        or organisation.status != OrganisationStatus.APPROVED
        or not OrganisationMember.objects.filter(organisation=organisation, user=user).exists()
    ):
        raise PermissionDenied
    training_request = TrainingRequest(
        municipality_id=organisation.municipality_id,
        organisation=organisation,
        topic=data.get("topic") or "",
        details=(data.get("details") or "").strip(),
        people=data.get("people"),
        requested_by=user,
    )
    training_request.full_clean()
    training_request.save()
    audit_by(AuditAction.CREATE, training_request, actor)
    return training_request
