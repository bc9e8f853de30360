"""The volunteer prize's rights provider (privacy.rights): the nominator is found by e-mail
or phone, exported and erased (the nomination stays); the nominee asked for consent is found by
that e-mail address, and erasing them deletes the nomination with the jury's reviews."""

import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery, providers
from omzien.recognition.models import (
    Criterion,
    JuryMember,
    Nomination,
    NominationTransition,
    Round,
)
from omzien.recognition.rights import RecognitionProvider
from omzien.recognition.tests.factories import NominationFactory, RoundFactory, ScoreFactory
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

pytestmark = pytest.mark.django_db

EXCLUDED = {
    Round: "the round itself: dates and an introduction, no person in it",
    Criterion: "what the jury weighs, no person in it",
    JuryMember: "which staff user was on the jury: staff work, found through their account",
}
NOMINATOR = "k.zwaluwstaart@example.org"
NOMINEE = "g.merel@example.org"


def plant(municipality):
    nomination = NominationFactory(
        round=RoundFactory(municipality=municipality),
        nominee_name="Gerda Merel",
        nominator_name="Kees Zwaluwstaart",
        nominator_email=NOMINATOR,
        nominator_phone="0578765432",
        consent_email=NOMINEE,
    )
    NominationTransition.objects.create(nomination=nomination, to_status="accepted")
    ScoreFactory(
        review__juror__round=nomination.round,
        review__nomination=nomination,
        review__motivation="Gerda Merel is een voorbeeld.",
    )
    return nomination


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["recognition"]
    assert isinstance(provider, RecognitionProvider)
    assert_covers_app(provider, "recognition", EXCLUDED)


def test_nominator_and_nominee_are_found_exported_and_erased(heerde, dalfsen, make_member):
    officer = Actor(user=make_member(Role.PRIVACY_OFFICER, heerde))
    nomination = plant(heerde)
    provider = RecognitionProvider()
    [nominator] = find_all(provider, heerde, PersonQuery(email=NOMINATOR.upper()))
    assert nominator.key == f"nominator:{nomination.pk}"
    assert [m.key for m in find_all(provider, heerde, PersonQuery(phone="0578-765 432"))] == [
        nominator.key
    ]
    assert find_all(provider, dalfsen, PersonQuery(email=NOMINATOR)) == []
    provider.erase(nominator, officer)
    assert leftovers(provider.models, ["Zwaluwstaart", NOMINATOR]) == []
    assert Nomination.objects.filter(pk=nomination.pk).exists()

    [nominee] = find_all(provider, heerde, PersonQuery(email=NOMINEE))
    assert nominee.key == f"nominee:{nomination.pk}"
    assert exported_models(provider, [nominee]) == {m._meta.label_lower for m in provider.models}
    provider.erase(nominee, officer)
    assert leftovers(provider.models, ["Merel", NOMINEE]) == []
