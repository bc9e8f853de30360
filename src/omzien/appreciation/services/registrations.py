"""Finding carers: an applicant who is not in the carer registry and consented to be added is
offered to the consultants (``Application.registration_offered``); a consultant registers them
from the application in one step, or links the application to the carer who turns out to be
registered already. The round's figures count them as newly found."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.appreciation.models import Application
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver
from omzien.caregivers.services.caregivers import caregiver_register
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


def _consultant(application: Application, actor: Actor) -> None:
    user = actor.user
    if user is None or not user.has_role_in(application.municipality_id, Role.CONSULTANT):
        raise PermissionDenied


def _lock_offered(application: Application) -> Application:
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if locked.caregiver_id is not None:
        raise ValidationError(
            _("This applicant is linked to a registered carer already."), code="linked"
        )
    if not locked.consent_registry or locked.personal_data_removed_at is not None:
        raise ValidationError(
            _("This applicant did not consent to be added to the carer registry."),
            code="no_consent",
        )
    return locked


@transaction.atomic
def register_applicant(
    *, application: Application, actor: Actor, allow_duplicate: bool = False
) -> Caregiver:
    """Register the applicant as a carer, with their consent given on the application.

    Raises ``caregivers.services.caregivers.DuplicateCaregiver`` (with the carers found) when
    someone with the same name, date of birth and postcode is registered, unless
    ``allow_duplicate``: then link instead (``link_applicant``)."""
    _consultant(application, actor)
    locked = _lock_offered(application)
    carer = caregiver_register(
        municipality=locked.municipality,
        data={
            "first_name": locked.first_name,
            "last_name": locked.last_name,
            "date_of_birth": locked.date_of_birth,
            "email": locked.email,
            "phone": locked.phone,
            "street_address": f"{locked.street} {locked.house_number}".strip(),
            "postcode": locked.postcode,
            "town": locked.town,
            "reach_by": locked.reach_by,
            "source": caregivers_constants.Source.APPRECIATION,
            "legal_basis": caregivers_constants.LegalBasis.CONSENT,
            "consent_given_on": locked.received_on,
        },
        actor=actor,
        allow_duplicate=allow_duplicate,
    )
    locked.caregiver = carer
    locked.save(update_fields=["caregiver", "updated_at"])
    audit_by(AuditAction.UPDATE, locked, actor, extra={"registered_as": carer.pk})
    return carer


@transaction.atomic
def link_applicant(*, application: Application, caregiver: Caregiver, actor: Actor) -> None:
    """The applicant is this registered carer (of the same municipality)."""
    _consultant(application, actor)
    locked = _lock_offered(application)
    if caregiver.municipality_id != locked.municipality_id or caregiver.anonymised_at:
        raise ValidationError(_("Choose a carer of this municipality."), code="other_carer")
    locked.caregiver = caregiver
    locked.save(update_fields=["caregiver", "updated_at"])
    audit_by(AuditAction.UPDATE, locked, actor, extra={"linked_to": caregiver.pk})
