"""Owning a registration is not being its consultant; a merge moves no account link.

Issue 10, points 1 and 2: a consultant of Heerde who fills in the public carer form for
Dalfsen owns that registration, but opens none of Dalfsen's consultant pages of it; a resident
who registers under another person's name gets no access to that person's file when a
consultant merges the two; only a consultant who confirmed it with the carer links an account.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver, CaregiverEvent, ContactMoment
from omzien.caregivers.services import caregivers as services
from omzien.caregivers.tests.factories import CaregiverFactory, CareRelationshipFactory
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
BORN = TODAY.replace(year=TODAY.year - 50)


def _self_register(client, municipality, **fields):
    data = {
        "municipality": municipality.pk,
        "first_name": "Anna",
        "last_name": "de Vries",
        "date_of_birth": BORN.isoformat(),
        "reach_by": "email",
        "email": "anna@example.org",
        "postcode": "7721 AB",
        "filled_in_by": "self",
        "recipient_name": "Moeder",
        "relationship": "parent",
        "need_kind": "dementia",
        "hours_band": "8-16",
        "consent": "on",
        "consent_by": "carer",
        **fields,
    }
    response = client.post(reverse("carer:self_register"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Caregiver.objects.latest("pk")


@pytest.fixture
def victim(dalfsen):
    """Dalfsen's carer on file, without an account, whose name the form is filled in with."""
    carer = CaregiverFactory(
        municipality=dalfsen,
        first_name="Anna",
        last_name="de Vries",
        date_of_birth=BORN,
        street_address="Kerkstraat 1",
        postcode="7721 AB",
    )
    CareRelationshipFactory(caregiver=carer, recipient_name="Geheime Naaste")
    return carer


@pytest.fixture
def dalfsen_consultant(make_member, dalfsen):
    return make_member(Role.CONSULTANT, dalfsen, totp=True)


def _merge(source, target, consultant):
    return services.caregiver_merge(source=source, target=target, actor=Actor(user=consultant))


def _consultant_pages(carer):
    relationship = carer.relationships.first()
    return [
        reverse("caregivers:detail", args=[carer.pk]),
        reverse("caregivers:timeline", args=[carer.pk]),
        reverse("caregivers:edit", args=[carer.pk]),
        reverse("caregivers:contact_new", args=[carer.pk]),
        reverse("caregivers:relationship_new", args=[carer.pk]),
        reverse("caregivers:relationship_edit", args=[carer.pk, relationship.pk]),
        reverse("caregivers:end_care", args=[carer.pk]),
        reverse("caregivers:merge", args=[carer.pk]),
        reverse("caregivers:remove", args=[carer.pk]),
        reverse("caregivers:screening_new", args=[carer.pk]),
        reverse("caregivers:referral_new", args=[carer.pk]),
    ]


# --- Point 1: a consultant's own registration elsewhere ---------------------------------------


def test_a_consultant_reaches_no_consultant_page_of_their_own_registration_elsewhere(
    client, consultant, dalfsen
):
    login_verified(client, consultant)  # a consultant of Heerde
    own = _self_register(client, dalfsen)
    assert own.user == consultant and own.municipality == dalfsen
    for url in _consultant_pages(own):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("caregivers:contact_new", args=[own.pk]),
        {"contact_on": TODAY.isoformat(), "channel": "phone", "topic": "Binnengekomen"},
    )
    assert response.status_code == 404
    assert client.post(reverse("caregivers:intensive", args=[own.pk])).status_code == 404
    assert not ContactMoment.objects.exists()
    assert "de Vries" not in client.get(reverse("caregivers:registry")).content.decode()


def test_a_merge_gives_a_foreign_consultant_no_access_to_the_kept_file(
    client, consultant, dalfsen, victim, dalfsen_consultant
):
    login_verified(client, consultant)
    own = _self_register(client, dalfsen)
    kept = _merge(own, victim, dalfsen_consultant)
    assert kept.user is None
    for url in _consultant_pages(kept):
        assert client.get(url).status_code == 404, url


# --- Point 2: a resident's registration under another person's name ---------------------------


def test_a_merge_never_moves_the_account_link_to_the_record_that_stays(
    client, make_member, dalfsen, victim, dalfsen_consultant
):
    resident = make_member(Role.RESIDENT, dalfsen)
    client.force_login(resident)
    claim = _self_register(client, dalfsen)
    kept = _merge(claim, victim, dalfsen_consultant)
    assert kept.pk == victim.pk and kept.user is None
    # The resident's account reaches nothing of the kept file: a clear page, no one's data.
    response = client.get(reverse("carer:mine"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kerkstraat" not in html and "Geheime Naaste" not in html and "de Vries" not in html
    assert "nog niet gekoppeld" in html
    assert client.get(reverse("carer:edit", args=[kept.pk])).status_code == 404
    # Withdrawing consent anonymises nothing of the kept file.
    client.post(reverse("carer:withdraw"))
    kept.refresh_from_db()
    assert kept.anonymised_at is None and kept.street_address == "Kerkstraat 1"


def test_no_merge_brings_a_duplicate_under_an_account(dalfsen, make_member, dalfsen_consultant):
    """Kept the other way round, the claimant's record would take the file's history."""
    claimant = make_member(Role.RESIDENT, dalfsen)
    claim = CaregiverFactory(municipality=dalfsen, user=claimant)
    on_file = CaregiverFactory(municipality=dalfsen, street_address="Kerkstraat 1")
    with pytest.raises(ValidationError) as error:
        _merge(on_file, claim, dalfsen_consultant)
    assert error.value.code == "target_has_account"
    on_file.refresh_from_db()
    assert on_file.merged_into is None and on_file.street_address == "Kerkstraat 1"
    # Two registrations of one account may be merged; the account stays on the kept one.
    second = CaregiverFactory(municipality=dalfsen, user=claimant)
    kept = _merge(second, claim, dalfsen_consultant)
    second.refresh_from_db()
    assert kept.user == claimant and second.user is None


def test_the_account_is_linked_only_by_a_consultant_after_confirmation(
    client, make_member, dalfsen, victim, dalfsen_consultant
):
    resident = make_member(Role.RESIDENT, dalfsen)
    client.force_login(resident)
    claim = _self_register(client, dalfsen)
    kept = _merge(claim, victim, dalfsen_consultant)
    actor = Actor(user=dalfsen_consultant)
    with pytest.raises(ValidationError) as error:
        services.caregiver_link_account(
            caregiver=kept, registration=claim, channel="phone", note="  ", actor=actor
        )
    assert error.value.error_dict["note"][0].code == "note_required"
    kept.refresh_from_db()
    assert kept.user is None

    services.caregiver_link_account(
        caregiver=kept,
        registration=claim,
        channel="phone",
        note="Gebeld op het nummer in het dossier; zij bevestigt de aanmelding.",
        actor=actor,
    )
    kept.refresh_from_db()
    claim.refresh_from_db()
    assert kept.user == resident and claim.user is None
    assert CaregiverEvent.objects.filter(
        caregiver=kept, kind=caregivers_constants.EventKind.ACCOUNT_LINKED
    ).exists()
    moment = ContactMoment.objects.get(caregiver=kept)
    assert moment.consultant == dalfsen_consultant and "Gebeld" in moment.notes
    assert AuditEvent.objects.filter(
        actor=dalfsen_consultant, object_id=str(kept.pk), reason="account linked"
    ).exists()
    assert "Kerkstraat" in client.get(reverse("carer:mine")).content.decode()
    with pytest.raises(ValidationError) as error:  # once only
        services.caregiver_link_account(
            caregiver=kept, registration=claim, channel="phone", note="Nog eens", actor=actor
        )
    assert error.value.code == "nothing_to_link"


def test_the_consultant_links_the_account_on_the_carer_page(
    client, make_member, dalfsen, victim, dalfsen_consultant
):
    resident = make_member(Role.RESIDENT, dalfsen, email="claim@example.org")
    claim = CaregiverFactory(municipality=dalfsen, user=resident)
    kept = _merge(claim, victim, dalfsen_consultant)
    login_verified(client, dalfsen_consultant)
    html = client.get(reverse("caregivers:detail", args=[kept.pk])).content.decode()
    url = reverse("caregivers:link_account", args=[kept.pk, claim.pk])
    assert url in html and "claim@example.org" in html
    response = client.post(url, {"channel": "phone", "note": ""})
    assert response.status_code == 200
    assert "hoe de mantelzorger" in response.content.decode()
    response = client.post(url, {"channel": "visit", "note": "Huisbezoek, paspoort gezien."})
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.user == resident


def test_anonymising_the_kept_record_drops_an_account_waiting_to_be_linked(
    dalfsen, make_member, victim, dalfsen_consultant
):
    claim = CaregiverFactory(municipality=dalfsen, user=make_member(Role.RESIDENT, dalfsen))
    kept = _merge(claim, victim, dalfsen_consultant)
    services.caregiver_anonymise(
        caregiver=kept, actor=Actor(user=dalfsen_consultant), reason="removal on request"
    )
    claim.refresh_from_db()
    assert claim.user is None
