"""How the authorization walk (ui/tests/access.py) requests the volunteer prize's URLs: each
side has a round of its municipality (announced, so its public page exists) with a criterion,
an accepted nomination with a consent link out, and every staff user of the side's
municipality on the jury (the jury pages admit any staff role; a round's jury is who gets in)."""

import datetime
from dataclasses import replace

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.accounts.constants import STAFF_ROLES
from omzien.recognition import constants
from omzien.recognition.models import Round
from omzien.recognition.services._common import token_hash
from omzien.recognition.tests.factories import (
    CriterionFactory,
    JuryMemberFactory,
    NominationFactory,
    RoundFactory,
)
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    today = timezone.localdate()
    # Two sides share Heerde, which has one round a year.
    found = Round.objects.filter(municipality=side.municipality).first()
    if found is None:
        found = RoundFactory(
            municipality=side.municipality,
            nominations_open=today - datetime.timedelta(days=90),
            nominations_close=today - datetime.timedelta(days=30),
            announce_on=today,
        )
        CriterionFactory(round=found)
        staff = (
            get_user_model()
            .objects.filter(
                memberships__municipality=side.municipality, memberships__role__in=STAFF_ROLES
            )
            .distinct()
        )
        for user in staff:
            JuryMemberFactory(round=found, user=user)
    side.recognition_round = found
    side.recognition_criterion = found.criteria.first()
    side.recognition_juror = found.jury.first()
    side.recognition_token = f"walk-{side.name}-consent"
    side.recognition_nomination = NominationFactory(
        round=found,
        consent=constants.Consent.ASKED,
        consent_email="genomineerde@example.org",
        consent_token_hash=token_hash(side.recognition_token),
        consent_asked_at=timezone.now(),
    )


def _round(side) -> dict:
    return {"pk": side.recognition_round.pk}


PAGES = {
    # The public.
    "recognition:public_rounds": Page(),
    "recognition:results": Page(_round),
    "recognition:nominate": Page(_round),
    "recognition:nominated": Page(),
    "recognition:consent": Page(lambda s: {"token": s.recognition_token}),
    # The broker.
    "recognition:rounds": Page(),
    "recognition:round_new": Page(),
    "recognition:round": Page(_round),
    "recognition:round_edit": Page(_round),
    "recognition:criterion_add": action(_round),
    "recognition:criterion_remove": action(
        lambda s: {"pk": s.recognition_round.pk, "criterion": s.recognition_criterion.pk}
    ),
    "recognition:juror_add": action(_round),
    "recognition:juror_remove": action(
        lambda s: {"pk": s.recognition_round.pk, "juror": s.recognition_juror.pk}
    ),
    "recognition:nomination": Page(lambda s: {"pk": s.recognition_nomination.pk}),
    # The jury: staff users on the round's jury (the platform superuser is on none).
    "recognition:jury_rounds": Page(),
    "recognition:jury": Page(_round, superuser=404),
    "recognition:score": Page(
        lambda s: {"pk": s.recognition_round.pk, "nomination": s.recognition_nomination.pk},
        superuser=404,
    ),
    "recognition:submit": replace(action(_round), superuser=404),
    "recognition:tie": replace(action(_round), superuser=404),
}
