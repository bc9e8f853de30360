"""How the authorization walk (ui/tests/test_authorization.py) requests the concern URLs.

Each side's concern is about carer overload, so the municipality's carer consultants reach it
as its welfare workers do; another municipality's concern answers 404."""

from omzien.concerns.constants import Kind, Source
from omzien.concerns.tests.factories import ConcernFactory
from omzien.ui.tests.access import Page


def build(side) -> None:
    side.concern = ConcernFactory(
        municipality=side.municipality,
        kind=Kind.CARER_OVERLOAD,
        source=Source.PROFESSIONAL,
        submitted_by=side.referrer,
    )


def _concern(side) -> dict:
    return {"pk": side.concern.pk}


PAGES = {
    "concerns:report": Page(),
    "concerns:report_done": Page(),
    "concerns:professional_report": Page(),
    "concerns:sent": Page(),
    "concerns:queue": Page(),
    "concerns:record": Page(),
    "concerns:detail": Page(_concern),
    "concerns:assign": Page(_concern),
    "concerns:contact": Page(_concern),
    "concerns:action_new": Page(_concern),
    "concerns:close": Page(_concern),
    "concerns:reopen": Page(_concern),
    "concerns:register_carer": Page(_concern),
    "concerns:propose_buddy": Page(_concern),
    "concerns:figures": Page(),
    "concerns:settings": Page(),
}
