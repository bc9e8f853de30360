"""The calendar's rights provider: find a person who signed up, export, erase."""

import pytest

from omzien.activities import constants
from omzien.activities.models import Activity, ActivityTargetGroup, Occurrence, SignUp
from omzien.activities.rights import ActivitiesProvider
from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory, SignUpFactory
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

pytestmark = pytest.mark.django_db

EXCLUDED = {
    Activity: "an activity as the organiser published it: no person who signed up",
    ActivityTargetGroup: "an activity's target group",
    Occurrence: "a date of an activity",
}
MARKERS = ["Zwaluwstaart", "marja.zwaluwstaart@example.test", "06 12345678"]


def test_the_provider_covers_every_model_of_the_app():
    assert_covers_app(ActivitiesProvider(), "activities", EXCLUDED)


def test_find_export_and_erase(heerde, dalfsen):
    occurrence = OccurrenceFactory(activity=ActivityFactory(municipality=heerde))
    SignUpFactory(
        occurrence=occurrence,
        name="Marja Zwaluwstaart",
        email="marja.zwaluwstaart@example.test",
        phone="06 12345678",
        status=constants.SignUpStatus.ATTENDED,
    )
    SignUpFactory(occurrence=occurrence, name="Iemand anders")
    provider = ActivitiesProvider()
    assert find_all(provider, dalfsen, PersonQuery(email="marja.zwaluwstaart@example.test")) == []
    matches = find_all(provider, heerde, PersonQuery(phone="0612345678"))
    assert len(matches) == 1
    assert exported_models(provider, matches) == {"activities.signup"}
    provider.erase(matches[0], Actor())
    assert leftovers([SignUp], MARKERS) == []
    assert SignUp.objects.get(anonymised_at__isnull=False).status == constants.SignUpStatus.ATTENDED
    assert find_all(provider, heerde, PersonQuery(phone="0612345678")) == []
