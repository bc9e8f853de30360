"""The home visits' provider for access, rectification and erasure requests (``privacy.rights``;
registered in apps.py). A person is found as the resident of a visit (``resident:<pk>``: by
name with date of birth, phone number, or postcode with house number)."""

from django.utils.translation import gettext_lazy as _

from omzien.common.services import Actor
from omzien.homevisits.models import Visit, VisitPlan, VisitTransition
from omzien.homevisits.services import visit_anonymise
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of

NAME = "homevisits"


def _records(match: Match) -> list[Record]:
    visit = match.obj
    return records_of([visit]) + records_of(
        VisitTransition.objects.filter(visit=visit).order_by("pk")
    )


class HomeVisitsProvider(KindsProvider):
    name = NAME
    label = _("Preventive home visits")
    models = (Visit, VisitTransition)
    kinds = (
        RecordKind(
            key="resident",
            label=_("Resident of a home visit"),
            rows=lambda municipality: Visit.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.exclude(name=ANONYMOUS_NAME),
            name=lambda visit: visit.name,
            details=lambda visit: {
                "name": visit.name,
                "date_of_birth": visit.date_of_birth,
                "phone": visit.phone,
                "postcode": visit.postcode,
                "street": visit.address,
            },
            export=_records,
            erase=lambda match, actor: visit_anonymise(
                visit=match.obj, actor=actor or Actor(), reason="erasure request"
            ),
        ),
    )


# A plan names a round and a target group, no person (tests/test_rights.py).
NOT_PERSONAL = (VisitPlan,)
