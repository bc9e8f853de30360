"""The volunteer prize's provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py). A person is found as the nominator of a
nomination (``nominator:<pk>``: by e-mail address or phone number; erasure blanks their
details, the nomination stays) or as the nominee asked for consent (``nominee:<pk>``: by the
e-mail address the broker asked at; erasure deletes the nomination with the jury's reviews)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.common.services import Actor
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of
from omzien.recognition.models import Nomination, NominationTransition, Review, Score
from omzien.recognition.services.retention import nomination_erase, nomination_remove_contact

NAME = "recognition"
SKIP = ("submission_key", "consent_token_hash")


def _rows(municipality):
    return Nomination.objects.filter(round__municipality=municipality).select_related("round")


def _export_nominator(match: Match) -> list[Record]:
    nomination = match.obj
    return records_of([nomination], skip=SKIP) + records_of(
        NominationTransition.objects.filter(nomination=nomination).order_by("pk")
    )


def _export_nominee(match: Match) -> list[Record]:
    reviews = Review.objects.filter(nomination=match.obj).order_by("pk")
    return (
        _export_nominator(match)
        + records_of(reviews)
        + records_of(Score.objects.filter(review__in=reviews).order_by("pk"))
    )


def _by_nominator(rows, query):
    condition = Q(pk__in=[])
    if query.email.strip():
        condition |= Q(nominator_email__iexact=query.email.strip())
    if query.phone.strip():
        condition |= ~Q(nominator_phone="")
    return rows.filter(condition)


def _by_nominee(rows, query):
    if not query.email.strip():
        return rows.none()
    return rows.filter(consent_email__iexact=query.email.strip())


class RecognitionProvider(KindsProvider):
    name = NAME
    label = _("Volunteer prize")
    models = (Nomination, NominationTransition, Review, Score)
    kinds = (
        RecordKind(
            key="nominator",
            label=_("Nominator for the volunteer prize"),
            rows=_rows,
            findable=_by_nominator,
            name=lambda nomination: nomination.nominator_name,
            details=lambda nomination: {
                "email": nomination.nominator_email,
                "phone": nomination.nominator_phone,
            },
            export=_export_nominator,
            erase=lambda match, actor: nomination_remove_contact(
                nomination=match.obj,
                actor=actor or Actor(),
                reason="erasure request",
                nominator_only=True,
            ),
        ),
        RecordKind(
            key="nominee",
            label=_("Nominee for the volunteer prize"),
            rows=_rows,
            findable=_by_nominee,
            name=lambda nomination: nomination.nominee_name,
            details=lambda nomination: {"email": nomination.consent_email},
            export=_export_nominee,
            erase=lambda match, actor: nomination_erase(
                nomination=match.obj, actor=actor or Actor(), reason="erasure request"
            ),
        ),
    )
