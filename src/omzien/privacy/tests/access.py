"""How the authorization walk (ui/tests/test_authorization.py) requests privacy's URLs."""

import datetime

from django.utils import timezone

from omzien.privacy.constants import RequestKind
from omzien.privacy.models import SubjectRequest
from omzien.ui.tests.access import Page


def build(side) -> None:
    side.subject_request = SubjectRequest.objects.create(
        municipality=side.municipality,
        kind=RequestKind.ERASURE,
        name=f"Walk Verzoeker {side.name}",
        email=f"verzoeker.{side.name}@example.test",
        received_on=timezone.localdate(),
        deadline_on=timezone.localdate() + datetime.timedelta(days=30),
        matches=[{"provider": "accounts", "key": "user:0", "kind": "Account", "name": "x"}],
    )


def _request(side) -> dict:
    return {"pk": side.subject_request.pk}


PAGES = {
    "privacy:audit_list": Page(),
    "privacy:request_list": Page(),
    "privacy:request_create": Page(),
    "privacy:request_detail": Page(_request),
    "privacy:request_find": Page(_request),
    "privacy:request_pdf": Page(_request),
    "privacy:request_json": Page(_request),
    "privacy:request_erase": Page(_request),
}
