"""Wellbeing's provider for access, rectification and erasure requests (``privacy.rights``;
registered in apps.py). A person is found as a participant (``participant:<pk>``) by e-mail
address or phone number (a participant has a year of birth, no date), with their
trajectories, the status logs, contacts, measurements and questionnaire links. Erasure deletes
them all."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of
from omzien.wellbeing.models import (
    Contact,
    Measurement,
    MeasurementInvitation,
    Participant,
    Trajectory,
    TrajectoryTransition,
)
from omzien.wellbeing.services import participant_erase

NAME = "wellbeing"


def _records(match: Match) -> list[Record]:
    participant = match.obj
    trajectories = Trajectory.objects.filter(participant=participant).order_by("pk")
    return (
        records_of([participant])
        + records_of(trajectories)
        + records_of(
            TrajectoryTransition.objects.filter(trajectory__in=trajectories).order_by("pk")
        )
        + records_of(Contact.objects.filter(trajectory__in=trajectories).order_by("pk"))
        + records_of(Measurement.objects.filter(participant=participant).order_by("pk"))
        + records_of(
            MeasurementInvitation.objects.filter(trajectory__in=trajectories).order_by("pk")
        )
    )


def _findable(rows, query):
    wanted = Q(pk__in=[])
    if query.email:
        wanted |= Q(email__iexact=query.email.strip())
    if query.phone:
        wanted |= ~Q(phone="")
    return rows.filter(wanted)


class WellbeingProvider(KindsProvider):
    name = NAME
    label = _("Wellbeing")
    models = (
        Participant,
        Trajectory,
        TrajectoryTransition,
        Contact,
        Measurement,
        MeasurementInvitation,
    )
    kinds = (
        RecordKind(
            key="participant",
            label=_("Resident in welfare support"),
            rows=lambda municipality: Participant.objects.filter(municipality=municipality),
            findable=_findable,
            name=lambda participant: participant.name,
            details=lambda participant: {
                "name": participant.name,
                "email": participant.email,
                "phone": participant.phone,
            },
            export=_records,
            erase=lambda match, actor: participant_erase(participant=match.obj, actor=actor),
        ),
    )
