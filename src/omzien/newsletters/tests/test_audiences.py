"""Audiences from consent, one copy per address."""

from omzien.caregivers.constants import CaregiverStatus
from omzien.caregivers.constants import Newsletter as CarerChannel
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.newsletters import constants
from omzien.newsletters.addresses import email_hash
from omzien.newsletters.selectors.audiences import audience_build
from omzien.newsletters.tests.factories import SubscriberFactory, SuppressionFactory
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.tests.factories import OrganisationFactory, VolunteerProfileFactory

ALL = constants.Segment.values


def test_each_segment_takes_only_those_who_asked(heerde, dalfsen):
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.EMAIL, email="a@example.org")
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.NONE, email="b@example.org")
    CaregiverFactory(
        municipality=heerde,
        newsletter=CarerChannel.EMAIL,
        email="c@example.org",
        status=CaregiverStatus.AFTERCARE,
    )
    CaregiverFactory(municipality=dalfsen, newsletter=CarerChannel.EMAIL, email="d@example.org")
    VolunteerProfileFactory(municipality=heerde, wants_newsletter=True, email="v@example.org")
    VolunteerProfileFactory(municipality=heerde, wants_newsletter=False, email="w@example.org")
    OrganisationFactory(
        municipality=heerde, status=OrganisationStatus.APPROVED, contact_email="o@example.org"
    )
    OrganisationFactory(
        municipality=heerde, status=OrganisationStatus.PENDING, contact_email="p@example.org"
    )
    SubscriberFactory(municipality=heerde, email="s@example.org")
    SubscriberFactory(municipality=heerde, email="u@example.org", confirmed_at=None)
    audience = audience_build(municipality=heerde, segments=ALL)
    assert sorted(r.email for r in audience.recipients) == [
        "a@example.org",
        "o@example.org",
        "s@example.org",
        "v@example.org",
    ]
    only_carers = audience_build(municipality=heerde, segments=[constants.Segment.CARERS])
    assert [r.email for r in only_carers.recipients] == ["a@example.org"]


def test_a_person_in_two_segments_gets_one_copy(heerde):
    carer = CaregiverFactory(
        municipality=heerde, newsletter=CarerChannel.EMAIL, email="Jan@Example.org "
    )
    VolunteerProfileFactory(municipality=heerde, wants_newsletter=True, email="jan@example.org")
    SubscriberFactory(municipality=heerde, email="jan@example.org")
    audience = audience_build(municipality=heerde, segments=ALL)
    assert [(r.key, r.email) for r in audience.recipients] == [
        (f"carer:{carer.pk}", "jan@example.org")
    ]
    assert audience.duplicates == 2


def test_post_carers_need_an_address_and_email_carers_an_email(heerde):
    post = CaregiverFactory(municipality=heerde, newsletter=CarerChannel.POST, email="")
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.POST, postcode="")
    CaregiverFactory(municipality=heerde, newsletter=CarerChannel.EMAIL, email="")
    audience = audience_build(municipality=heerde, segments=[constants.Segment.CARERS])
    assert [(r.key, r.channel) for r in audience.recipients] == [
        (f"carer:{post.pk}", constants.Channel.POST)
    ]
    assert audience.recipients[0].street_address == post.street_address
    assert audience.unreachable == 2


def test_a_suppressed_address_is_left_out_of_organisations_and_subscribers(heerde):
    OrganisationFactory(
        municipality=heerde, status=OrganisationStatus.APPROVED, contact_email="info@club.nl"
    )
    SuppressionFactory(municipality=heerde, email_hash=email_hash("INFO@club.nl"))
    audience = audience_build(municipality=heerde, segments=[constants.Segment.ORGANISATIONS])
    assert audience.recipients == []


def test_a_volunteer_without_own_address_is_reached_at_the_account(heerde):
    profile = VolunteerProfileFactory(municipality=heerde, wants_newsletter=True, email="")
    audience = audience_build(municipality=heerde, segments=[constants.Segment.VOLUNTEERS])
    assert profile.user.email
    assert [r.email for r in audience.recipients] == [profile.user.email.lower()]
