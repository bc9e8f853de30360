"""The academy's provider for access, rectification and erasure requests (``privacy.rights``;
registered in apps.py). A person is found as a participant of an academy date
(``enrolment:<pk>``, by the e-mail address of the sign-up) and as the member who asked for
training (``request:<pk>``, by their account's e-mail address). Erasure deletes the
enrolment (the calendar's provider erases the sign-up itself), and removes the requester and
the free text from a request (the topic and number of people stay for the figures)."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.academy.models import Enrolment, TrainingRequest
from omzien.academy.services.retention import enrolment_erase
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of

NAME = "academy"


def _by_email(field: str):
    def findable(rows, query):
        email = query.email.strip()
        return rows.filter(**{f"{field}__iexact": email}) if email else rows.filter(pk__in=[])

    return findable


def _export(match: Match) -> list[Record]:
    return records_of([match.obj])


@transaction.atomic
def _erase_request(match: Match, actor) -> TrainingRequest:
    training_request = TrainingRequest.objects.select_for_update().get(pk=match.obj.pk)
    training_request.details = ""
    training_request.requested_by = None
    training_request.save(update_fields=["details", "requested_by"])
    audit_by(AuditAction.UPDATE, training_request, actor or Actor(), reason="erasure request")
    return training_request


class AcademyProvider(KindsProvider):
    name = NAME
    label = _("Training academy")
    models = (Enrolment, TrainingRequest)
    kinds = (
        RecordKind(
            key="enrolment",
            label=_("Participant of an academy date"),
            rows=lambda municipality: Enrolment.objects.filter(
                course__municipality=municipality
            ).select_related("signup", "course__activity"),
            findable=_by_email("signup__email"),
            name=lambda enrolment: enrolment.signup.name,
            details=lambda enrolment: {"email": enrolment.signup.email},
            export=_export,
            erase=lambda match, actor: enrolment_erase(
                enrolment=match.obj, actor=actor or Actor(), reason="erasure request"
            ),
        ),
        RecordKind(
            key="request",
            label=_("Member who asked for training"),
            rows=lambda municipality: TrainingRequest.objects.filter(
                Q(municipality=municipality) & Q(requested_by__isnull=False)
            ).select_related("requested_by", "organisation"),
            findable=_by_email("requested_by__email"),
            name=lambda training_request: (
                training_request.requested_by.full_name if training_request.requested_by_id else ""
            ),
            details=lambda training_request: {
                "email": training_request.requested_by.email
                if training_request.requested_by_id
                else ""
            },
            export=_export,
            erase=_erase_request,
        ),
    )
