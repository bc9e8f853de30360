"""The calendar's provider for access, rectification and erasure requests (``privacy.rights``;
registered in apps.py). A person is found as someone who signed up (``signup:<pk>``), by name,
e-mail address or phone number; the export holds the sign-up with its status log; the erasure
anonymises it as the retention does (the status stays for the figures)."""

from django.db import transaction
from django.utils.translation import gettext_lazy

from omzien.activities.models import SignUp, SignUpTransition
from omzien.activities.services.retention import anonymise
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of

NAME = "activities"


def _records(match: Match) -> list[Record]:
    signup = match.obj
    return records_of([signup], skip=("cancel_token_hash",)) + records_of(
        SignUpTransition.objects.filter(signup=signup).order_by("pk")
    )


def _erase(match: Match, actor):
    with transaction.atomic():
        signup = (
            SignUp.objects.select_for_update(of=("self",))
            .select_related("occurrence__activity")
            .get(pk=match.obj.pk)
        )
        if signup.anonymised_at is None:
            anonymise([signup], actor=actor, reason="removal on request")
    return signup


class ActivitiesProvider(KindsProvider):
    name = NAME
    label = gettext_lazy("Activity calendar")
    models = (SignUp, SignUpTransition)
    kinds = (
        RecordKind(
            key="signup",
            label=gettext_lazy("Sign-up for an activity"),
            rows=lambda municipality: SignUp.objects.filter(
                occurrence__activity__municipality=municipality
            ).select_related("occurrence__activity"),
            findable=lambda rows, query: rows.filter(anonymised_at__isnull=True),
            name=lambda signup: signup.name,
            details=lambda signup: {
                "name": signup.name,
                "email": signup.email,
                "phone": signup.phone,
            },
            export=_records,
            erase=_erase,
        ),
    )
