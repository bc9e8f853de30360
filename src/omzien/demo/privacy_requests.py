"""Demo privacy requests: what Heerde's privacy officer finds on *Privacyverzoeken*. An open
access request near its deadline, from a contact person of a demo organisation (found as an
account, as the organisation's contact and in the audit trail), and a closed rectification.

The privacy app is a platform app and imports no demo code, so the demo app loads these, after
every capability.
Recorded through the services, so the audit trail is what the application itself writes; then
dated: each request was recorded on the day it came in, and the rectification was closed well
within its month."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.privacy import services
from omzien.privacy.constants import RequestKind
from omzien.privacy.models import SubjectRequest
from omzien.tenants.models import Municipality

OFFICER = "privacy.heerde@omzien.test"
ACCESS_FROM = "org1.heerde@voorbeeld.test"  # a contact person of a demo organisation
RECTIFICATION_FROM = "inwoner.heerde@omzien.test"
RECTIFIED_AFTER_DAYS = 9


def load() -> dict[str, int]:
    """Idempotent: nothing happens when Heerde has requests already."""
    municipality = Municipality.objects.filter(slug="heerde").first()
    users = get_user_model().objects
    officer = users.filter(email=OFFICER).first()
    if municipality is None or officer is None:
        return {"privacy_requests": 0}
    if SubjectRequest.objects.filter(municipality=municipality).exists():
        return {"privacy_requests": 0}
    actor = Actor(user=officer)
    today = timezone.localdate()
    count = 0
    asker = users.filter(email=ACCESS_FROM).first()
    if asker is not None:
        access = services.subject_request_create(
            municipality=municipality,
            data={
                "kind": RequestKind.ACCESS,
                "received_on": today - datetime.timedelta(days=25),
                "name": asker.full_name,
                "email": asker.email,
            },
            actor=actor,
        )
        _recorded(access)
        count += 1
    resident = users.filter(email=RECTIFICATION_FROM).first()
    if resident is not None:
        rectification = services.subject_request_create(
            municipality=municipality,
            data={
                "kind": RequestKind.RECTIFICATION,
                "received_on": today - datetime.timedelta(days=60),
                "name": resident.full_name,
                "email": resident.email,
            },
            actor=actor,
        )
        services.subject_request_close(
            subject_request=rectification,
            correction="Telefoonnummer in het vrijwilligersprofiel verbeterd.",
            outcome="Per e-mail bevestigd dat het telefoonnummer is verbeterd.",
            actor=actor,
        )
        _recorded(
            rectification,
            closed=rectification.received_on + datetime.timedelta(days=RECTIFIED_AFTER_DAYS),
        )
        count += 1
    return {"privacy_requests": count}


def _recorded(subject_request: SubjectRequest, closed: datetime.date | None = None) -> None:
    """The request was recorded on the day it came in (and closed on ``closed``)."""
    dates = {"created_at": office_hours(subject_request.received_on)}
    if closed is not None:
        dates["closed_at"] = office_hours(closed)
    SubjectRequest.objects.filter(pk=subject_request.pk).update(**dates)
