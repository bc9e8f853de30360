"""The concerns' provider for access, rectification and erasure requests (``privacy.rights``;
registered in apps.py). A person is found as the resident a concern is about
(``resident:<pk>``: by phone number, or postcode with house number) or as the public reporter
of one (``reporter:<pk>``: by e-mail address or phone number). A reporter gets their own details
only, never what they reported about the resident."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.common.services import Actor
from omzien.concerns.models import Concern, ConcernAction, ConcernTransition
from omzien.concerns.services import concern_anonymise, concern_remove_reporter
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of

NAME = "concerns"


def _resident_records(match: Match) -> list[Record]:
    concern = match.obj
    return (
        records_of([concern], skip=("reporter_name", "reporter_email", "reporter_phone"))
        + records_of(ConcernAction.objects.filter(concern=concern).order_by("pk"))
        + records_of(ConcernTransition.objects.filter(concern=concern).order_by("pk"))
    )


def _reporter_records(match: Match) -> list[Record]:
    concern = match.obj
    fields = {}
    for name in ("reporter_name", "reporter_email", "reporter_phone", "created_at"):
        field = Concern._meta.get_field(name)
        value = getattr(concern, name)
        fields[str(field.verbose_name)] = (
            value.isoformat() if hasattr(value, "isoformat") else (value or "")
        )
    return [
        Record(
            model=Concern._meta.label_lower,
            kind=str(_("Concern you reported")),
            pk=concern.pk,
            fields=fields,
        )
    ]


def _reporter_findable(rows, query):
    condition = Q(pk__in=[])
    if query.email.strip():
        condition |= Q(reporter_email__iexact=query.email.strip())
    if query.phone.strip():
        condition |= ~Q(reporter_phone="")
    return rows.filter(condition)


class ConcernsProvider(KindsProvider):
    name = NAME
    label = _("Concerns")
    models = (Concern, ConcernTransition, ConcernAction)
    kinds = (
        RecordKind(
            key="resident",
            label=_("Resident a concern is about"),
            rows=lambda municipality: Concern.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.exclude(resident_name=ANONYMOUS_NAME),
            name=lambda concern: concern.resident_name,
            details=lambda concern: {
                "name": concern.resident_name,
                "phone": concern.resident_phone,
                "postcode": concern.resident_postcode,
                "street": concern.resident_address,
            },
            export=_resident_records,
            erase=lambda match, actor: concern_anonymise(
                concern=match.obj, actor=actor or Actor(), reason="erasure request"
            ),
        ),
        RecordKind(
            key="reporter",
            label=_("Reporter of a concern"),
            rows=lambda municipality: Concern.objects.filter(municipality=municipality),
            findable=_reporter_findable,
            name=lambda concern: concern.reporter_name or concern.reporter_email,
            details=lambda concern: {
                "email": concern.reporter_email,
                "phone": concern.reporter_phone,
            },
            export=_reporter_records,
            erase=lambda match, actor: concern_remove_reporter(
                concern=match.obj, actor=actor or Actor(), reason="erasure request"
            ),
        ),
    )
