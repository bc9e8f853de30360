"""Referrals by consultants, referrals from outside (referrers), and who may see what."""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver, CaregiverEvent, IncomingReferral, Referral
from omzien.caregivers.services.caregivers import Actor, DuplicateCaregiver
from omzien.caregivers.services.referrals import (
    incoming_accept,
    incoming_decline,
    incoming_submit,
    referral_create,
    referral_update_outcome,
)
from omzien.caregivers.tests.factories import CaregiverFactory, ReferralFactory
from omzien.caregivers.workflows import REFERRAL_OUTCOME
from omzien.directory import constants as directory_constants
from omzien.directory.tests.factories import EntryFactory
from omzien.notifications.models import Notification
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.errors import error_codes
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db

Outcome = caregivers_constants.ReferralOutcome
TODAY = datetime.date.today


@pytest.fixture
def referrer(make_member, heerde):
    return make_member(
        Role.REFERRER, heerde, totp=True, full_name="Dokter Huisman", email="huisarts@example.org"
    )


@pytest.fixture
def referrer_client(client, referrer):
    return login_verified(client, referrer)


def make_incoming(municipality, submitted_by, **overrides) -> IncomingReferral:
    data = {
        "referrer_kind": caregivers_constants.Source.GP,
        "first_name": "Bea",
        "last_name": "Bakker",
        "date_of_birth": datetime.date(1958, 3, 14),
        "phone": "0578-111222",
        "postcode": "8181 AB",
        "suggested_target": caregivers_constants.ReferralTarget.RESPITE_CARE,
        "reason": "Zorgt alleen voor haar man en raakt uitgeput.",
        "consent_confirmed": True,
        **overrides,
    }
    return IncomingReferral.objects.create(
        municipality=municipality, submitted_by=submitted_by, **data
    )


def audited(action, obj) -> bool:
    return AuditEvent.objects.filter(
        action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).exists()


# --- referral_create -------------------------------------------------------------------------


def test_referral_create_records_event_and_audit(carer, consultant):
    referral = referral_create(
        caregiver=carer,
        target=caregivers_constants.ReferralTarget.PEER_SUPPORT,
        target_detail="Alzheimercafé Heerde",
        reason="Wil andere mantelzorgers ontmoeten",
        referred_on=TODAY(),
        follow_up_on=TODAY() + datetime.timedelta(days=30),
        actor=Actor(user=consultant),
    )
    assert referral.outcome == Outcome.PENDING
    assert referral.created_by == consultant
    event = CaregiverEvent.objects.get(
        caregiver=carer, kind=caregivers_constants.EventKind.REFERRAL
    )
    assert event.object_id == referral.pk
    assert "Anna" not in event.summary and "ontmoeten" not in event.summary
    assert audited(AuditAction.CREATE, referral)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"target": "holiday"}, "target", "required"),
        ({"reason": "   "}, "reason", "required"),
        ({"referred_on": TODAY() + datetime.timedelta(days=1)}, "referred_on", "future"),
        ({"follow_up_on": TODAY() - datetime.timedelta(days=1)}, "follow_up_on", "before_referral"),
        (
            {"target": caregivers_constants.ReferralTarget.OTHER_ORGANISATION, "target_detail": ""},
            "target_detail",
            "required",
        ),
    ],
)
def test_referral_create_refuses_bad_input_and_writes_nothing(
    carer, consultant, changes, field, code
):
    data = {
        "target": caregivers_constants.ReferralTarget.RESPITE_CARE,
        "target_detail": "",
        "reason": "Even op adem komen",
        "referred_on": TODAY(),
        "follow_up_on": None,
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        referral_create(caregiver=carer, actor=Actor(user=consultant), **data)
    assert error_codes(error.value) == {field: [code]}
    assert not Referral.objects.exists()
    assert not CaregiverEvent.objects.filter(kind=caregivers_constants.EventKind.REFERRAL).exists()


def test_referral_create_refuses_an_anonymised_carer(carer, consultant):
    Caregiver.objects.filter(pk=carer.pk).update(anonymised_at=timezone.now())
    with pytest.raises(ValidationError) as error:
        referral_create(
            caregiver=carer,
            target=caregivers_constants.ReferralTarget.GP,
            reason="x",
            referred_on=TODAY(),
            actor=Actor(user=consultant),
        )
    assert error_codes(error.value) == {"__all__": ["not_found"]}


# --- referral_update_outcome -----------------------------------------------------------------

ALLOWED = sorted(REFERRAL_OUTCOME.steps)
REFUSED = [
    (old, new)
    for old, new in itertools.product(Outcome.values, Outcome.values)
    if (old, new) not in REFERRAL_OUTCOME.steps
    and not (old == new and REFERRAL_OUTCOME.targets(old))
]


def codes(error: ValidationError) -> set[str]:
    """The codes of every message in a ValidationError, field errors included."""
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def test_transition_table_matches_the_issue():
    assert set(ALLOWED) == {
        (Outcome.PENDING, Outcome.STARTED),
        (Outcome.PENDING, Outcome.DECLINED),
        (Outcome.PENDING, Outcome.WAITING_LIST),
        (Outcome.PENDING, Outcome.NOT_POSSIBLE),
        (Outcome.WAITING_LIST, Outcome.STARTED),
        (Outcome.WAITING_LIST, Outcome.DECLINED),
        (Outcome.WAITING_LIST, Outcome.NOT_POSSIBLE),
    }


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_allowed_outcome_change(carer, consultant, old, new):
    referral = ReferralFactory(caregiver=carer, outcome=old)
    follow_up = TODAY() + datetime.timedelta(days=14)
    updated = referral_update_outcome(
        referral=referral, outcome=new, follow_up_on=follow_up, actor=Actor(user=consultant)
    )
    updated.refresh_from_db()
    assert (updated.outcome, updated.follow_up_on) == (new, follow_up)
    event = CaregiverEvent.objects.get(
        caregiver=carer, kind=caregivers_constants.EventKind.REFERRAL_UPDATED
    )
    assert str(Outcome(new).label) in event.summary
    assert audited(AuditAction.UPDATE, referral)


@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_refused_outcome_change_writes_nothing(carer, consultant, old, new):
    referral = ReferralFactory(caregiver=carer, outcome=old)
    with pytest.raises(ValidationError) as error:
        referral_update_outcome(
            referral=referral,
            outcome=new,
            follow_up_on=TODAY() + datetime.timedelta(days=3),
            actor=Actor(user=consultant),
        )
    assert codes(error.value) == {"not_allowed"}, error.value.messages
    referral.refresh_from_db()
    assert referral.outcome == old and referral.follow_up_on is None
    assert not CaregiverEvent.objects.filter(
        kind=caregivers_constants.EventKind.REFERRAL_UPDATED
    ).exists()


def test_open_referral_may_get_a_new_follow_up_date_only(carer, consultant):
    referral = ReferralFactory(caregiver=carer, outcome=Outcome.WAITING_LIST)
    later = TODAY() + datetime.timedelta(days=60)
    referral_update_outcome(
        referral=referral,
        outcome=Outcome.WAITING_LIST,
        follow_up_on=later,
        actor=Actor(user=consultant),
    )
    referral.refresh_from_db()
    assert referral.follow_up_on == later
    with pytest.raises(ValidationError) as error:
        referral_update_outcome(
            referral=referral,
            outcome=Outcome.WAITING_LIST,
            follow_up_on=later,
            actor=Actor(user=consultant),
        )
    assert codes(error.value) == {"unchanged"}


def test_unknown_outcome_is_refused(carer, consultant):
    referral = ReferralFactory(caregiver=carer)
    with pytest.raises(ValidationError):
        referral_update_outcome(
            referral=referral, outcome="maybe", follow_up_on=None, actor=Actor(user=consultant)
        )


def test_follow_up_before_the_referral_is_refused(carer, consultant):
    referral = ReferralFactory(caregiver=carer, referred_on=TODAY())
    with pytest.raises(ValidationError) as error:
        referral_update_outcome(
            referral=referral,
            outcome=Outcome.STARTED,
            follow_up_on=TODAY() - datetime.timedelta(days=1),
            actor=Actor(user=consultant),
        )
    assert error_codes(error.value) == {"follow_up_on": ["before_referral"]}
    referral.refresh_from_db()
    assert referral.outcome == Outcome.PENDING


# --- incoming_submit -------------------------------------------------------------------------

GOOD_SUBMISSION = {
    "referrer_kind": caregivers_constants.Source.SCHOOL,
    "first_name": "Sem",
    "last_name": "de Boer",
    "date_of_birth": datetime.date(2011, 6, 1),
    "phone": "",
    "email": "ouders.deboer@example.org",
    "postcode": "8181ab",
    "suggested_target": "",
    "reason": "Zorgt na school voor zijn zieke moeder.",
    "consent_confirmed": True,
}


def test_incoming_submit_normalises_and_audits(referrer, heerde):
    incoming = incoming_submit(municipality=heerde, submitted_by=referrer, data=GOOD_SUBMISSION)
    assert incoming.postcode == "8181 AB"
    assert incoming.status == caregivers_constants.IncomingStatus.NEW
    assert incoming.submitted_by == referrer
    assert audited(AuditAction.CREATE, incoming)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"postcode": "12 AB"}, "postcode", "invalid_postcode"),
        ({"postcode": ""}, "postcode", "required"),
        ({"consent_confirmed": False}, "consent_confirmed", "consent_required"),
        ({"reason": "  "}, "reason", "required"),
        ({"email": "", "phone": ""}, "phone", "no_contact"),
        ({"referrer_kind": caregivers_constants.Source.SELF}, "referrer_kind", "required"),
        ({"date_of_birth": TODAY() + datetime.timedelta(days=2)}, "date_of_birth", "future"),
    ],
)
def test_incoming_submit_refuses_bad_input(referrer, heerde, changes, field, code):
    with pytest.raises(ValidationError) as error:
        incoming_submit(
            municipality=heerde, submitted_by=referrer, data={**GOOD_SUBMISSION, **changes}
        )
    assert error_codes(error.value) == {field: [code]}
    assert not IncomingReferral.objects.exists()


def test_only_a_referrer_of_the_municipality_may_submit(make_member, heerde, dalfsen, consultant):
    dalfsen_referrer = make_member(Role.REFERRER, dalfsen)
    for user in (dalfsen_referrer, consultant):
        with pytest.raises(PermissionDenied):
            incoming_submit(municipality=heerde, submitted_by=user, data=GOOD_SUBMISSION)
    assert not IncomingReferral.objects.exists()


# --- incoming_accept and incoming_decline ----------------------------------------------------


def test_accept_links_to_a_carer_creates_the_referral_and_mails_the_referrer(
    carer, consultant, referrer, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    incoming = make_incoming(heerde, referrer)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = incoming_accept(incoming=incoming, caregiver=carer, actor=Actor(user=consultant))
    accepted.refresh_from_db()
    assert accepted.status == caregivers_constants.IncomingStatus.ACCEPTED
    assert (accepted.caregiver, accepted.handled_by) == (carer, consultant)
    assert accepted.handled_at is not None
    referral = Referral.objects.get(caregiver=carer)
    assert referral.incoming == accepted
    assert referral.target == caregivers_constants.ReferralTarget.RESPITE_CARE
    assert referral.outcome == Outcome.PENDING
    assert audited(AuditAction.UPDATE, accepted)
    assert audited(AuditAction.CREATE, referral)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [referrer.email]
    text = mail.subject + mail.body
    for secret in ("Bea", "Bakker", "Anna", "de Vries", "0578", "8181", "uitgeput"):
        assert secret not in text
    assert "in behandeling genomen" in mail.subject and "niet" not in mail.subject
    assert reverse("caregivers:my_referrals") in mail.body


def test_accept_without_suggested_target_records_only_a_timeline_event(
    carer, consultant, referrer, heerde
):
    incoming = make_incoming(heerde, referrer, suggested_target="")
    incoming_accept(incoming=incoming, caregiver=carer, actor=Actor(user=consultant))
    assert not Referral.objects.exists()
    event = CaregiverEvent.objects.get(
        caregiver=carer, kind=caregivers_constants.EventKind.REFERRAL
    )
    assert "Bea" not in event.summary


def test_accept_registers_a_new_carer(consultant, referrer, heerde):
    incoming = make_incoming(heerde, referrer)
    accepted = incoming_accept(
        incoming=incoming,
        register_data={"reach_by": "phone", "first_name": "Beatrix"},
        actor=Actor(user=consultant),
    )
    carer = accepted.caregiver
    assert carer.first_name == "Beatrix" and carer.last_name == "Bakker"
    assert carer.source == caregivers_constants.Source.GP
    assert carer.legal_basis == caregivers_constants.LegalBasis.CONSENT
    assert carer.consent_given_on == timezone.localdate()
    assert carer.consultant == consultant
    assert carer.municipality == heerde
    assert Referral.objects.get().caregiver == carer


def test_accept_surfaces_a_duplicate_and_writes_nothing(consultant, referrer, heerde):
    existing = CaregiverFactory(
        municipality=heerde,
        first_name="Bea",
        last_name="Bakker",
        date_of_birth=datetime.date(1958, 3, 14),
        postcode="8181 AB",
    )
    incoming = make_incoming(heerde, referrer)
    with pytest.raises(DuplicateCaregiver) as duplicate:
        incoming_accept(
            incoming=incoming, register_data={"reach_by": "phone"}, actor=Actor(user=consultant)
        )
    assert duplicate.value.existing == [existing]
    incoming.refresh_from_db()
    assert incoming.status == caregivers_constants.IncomingStatus.NEW and incoming.caregiver is None
    assert Caregiver.objects.count() == 1
    assert not Referral.objects.exists()


def test_accept_refuses_a_carer_of_another_municipality(consultant, referrer, heerde, epe):
    other = CaregiverFactory(municipality=epe)
    incoming = make_incoming(heerde, referrer)
    with pytest.raises(ValidationError) as error:
        incoming_accept(incoming=incoming, caregiver=other, actor=Actor(user=consultant))
    assert error_codes(error.value) == {"caregiver": ["other_municipality"]}
    incoming.refresh_from_db()
    assert incoming.status == caregivers_constants.IncomingStatus.NEW


def test_a_consultant_of_another_municipality_cannot_accept(make_member, epe, referrer, heerde):
    epe_consultant = make_member(Role.CONSULTANT, epe)
    carer = CaregiverFactory(municipality=epe)
    incoming = make_incoming(heerde, referrer)
    with pytest.raises(PermissionDenied):
        incoming_accept(incoming=incoming, caregiver=carer, actor=Actor(user=epe_consultant))
    with pytest.raises(PermissionDenied):
        incoming_decline(incoming=incoming, reason="Niet van ons", actor=Actor(user=epe_consultant))


def test_second_accept_of_the_same_referral_is_refused(
    make_member, carer, consultant, referrer, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    """Two consultants open the same new referral; both press accept."""
    colleague = make_member(Role.CONSULTANT, heerde)
    incoming = make_incoming(heerde, referrer)
    seen_by_colleague = IncomingReferral.objects.get(pk=incoming.pk)  # loaded while still new
    with django_capture_on_commit_callbacks(execute=True):
        incoming_accept(incoming=incoming, caregiver=carer, actor=Actor(user=consultant))
    with (
        pytest.raises(ValidationError) as error,
        django_capture_on_commit_callbacks(execute=True),
    ):
        incoming_accept(
            incoming=seen_by_colleague,
            register_data={"reach_by": "phone"},
            actor=Actor(user=colleague),
        )
    assert codes(error.value) == {"stale"}
    incoming.refresh_from_db()
    assert incoming.handled_by == consultant
    assert Referral.objects.count() == 1
    assert Caregiver.objects.count() == 1
    assert len(mailoutbox) == 1


def test_handled_referral_cannot_be_declined(carer, consultant, referrer, heerde):
    incoming = make_incoming(heerde, referrer)
    incoming_accept(incoming=incoming, caregiver=carer, actor=Actor(user=consultant))
    with pytest.raises(ValidationError) as error:
        incoming_decline(incoming=incoming, reason="Toch niet", actor=Actor(user=consultant))
    assert codes(error.value) == {"stale"}
    incoming.refresh_from_db()
    assert incoming.status == caregivers_constants.IncomingStatus.ACCEPTED


def test_decline_keeps_the_reason_and_mails_only_the_status(
    consultant, referrer, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    incoming = make_incoming(heerde, referrer)
    with django_capture_on_commit_callbacks(execute=True):
        declined = incoming_decline(
            incoming=incoming,
            reason="Al in beeld bij het wijkteam",
            actor=Actor(user=consultant),
        )
    declined.refresh_from_db()
    assert declined.status == caregivers_constants.IncomingStatus.DECLINED
    assert declined.decline_reason == "Al in beeld bij het wijkteam"
    assert declined.handled_by == consultant
    assert audited(AuditAction.UPDATE, declined)
    [mail] = mailoutbox
    assert "niet in behandeling genomen" in mail.subject
    for secret in ("Bea", "Bakker", "wijkteam", "0578"):
        assert secret not in mail.subject + mail.body


@pytest.mark.parametrize("handle", ["accept", "decline"])
def test_a_handled_referral_is_read_in_every_consultants_notifications(
    handle, consultant, make_member, referrer, heerde, carer
):
    colleague = make_member(Role.CONSULTANT, heerde)
    incoming = incoming_submit(municipality=heerde, submitted_by=referrer, data=GOOD_SUBMISSION)
    key = f"incoming_referral:{incoming.pk}"
    unread = Notification.objects.filter(key=key, read_at__isnull=True)
    assert set(unread.values_list("recipient", flat=True)) == {consultant.pk, colleague.pk}
    if handle == "accept":
        incoming_accept(incoming=incoming, caregiver=carer, actor=Actor(user=consultant))
    else:
        incoming_decline(incoming=incoming, reason="Al in beeld", actor=Actor(user=consultant))
    # Nobody starts on it again.
    assert not unread.exists()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 256])
def test_decline_needs_a_short_reason(consultant, referrer, heerde, reason):
    incoming = make_incoming(heerde, referrer)
    with pytest.raises(ValidationError) as error:
        incoming_decline(incoming=incoming, reason=reason, actor=Actor(user=consultant))
    assert "reason" in error.value.message_dict
    assert codes(error.value) == {"note_too_long" if reason.strip() else "note_required"}
    incoming.refresh_from_db()
    assert incoming.status == caregivers_constants.IncomingStatus.NEW


# --- Consultant views ------------------------------------------------------------------------


def test_consultant_adds_a_referral_in_the_browser_form(consultant_client, carer):
    url = reverse("caregivers:referral_new", args=[carer.pk])
    assert consultant_client.get(url).status_code == 200
    response = consultant_client.post(
        url,
        {
            "target": caregivers_constants.ReferralTarget.CARE_BROKER,
            "reason": "Hulp bij regelwerk",
            "referred_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("caregivers:detail", args=[carer.pk])
    assert Referral.objects.get().target == caregivers_constants.ReferralTarget.CARE_BROKER


def test_a_referral_picks_its_target_from_the_social_map(consultant_client, carer, dalfsen):
    """The form offers the published entries of the carer's municipality and region, grouped by
    category; the kind and the name follow from the chosen entry, which the carer's page links."""
    stay = EntryFactory(
        municipality=carer.municipality,
        title="Logeerhuis De Linde",
        categories=[directory_constants.Category.RESPITE_STAY],
    )
    elsewhere = EntryFactory(municipality=dalfsen, title="Logeren in Dalfsen")
    draft = EntryFactory(
        municipality=carer.municipality,
        title="Nog niet gepubliceerd",
        status=directory_constants.EntryStatus.DRAFT,
    )
    url = reverse("caregivers:referral_new", args=[carer.pk])
    with translation.override("nl"):
        form = consultant_client.get(url).content.decode()
    assert "Logeerhuis De Linde (Stip Heerde)" in form
    assert '<optgroup label="Logeerzorg">' in form
    assert elsewhere.title not in form and draft.title not in form

    response = consultant_client.post(
        url, {"entry_id": stay.pk, "reason": "Even op adem", "referred_on": TODAY().isoformat()}
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.entry == stay
    assert referral.target == caregivers_constants.ReferralTarget.RESPITE_CARE
    assert referral.target_detail == "Logeerhuis De Linde"
    detail = consultant_client.get(reverse("caregivers:detail", args=[carer.pk])).content.decode()
    assert reverse("directory_public:detail", args=[stay.pk]) in detail


def test_a_referral_refuses_a_social_map_entry_outside_the_municipality(carer, consultant, dalfsen):
    elsewhere = EntryFactory(municipality=dalfsen, categories=["peer_support"])
    with pytest.raises(ValidationError) as error:
        referral_create(
            caregiver=carer,
            entry_id=elsewhere.pk,
            reason="Lotgenoten",
            referred_on=TODAY(),
            actor=Actor(user=consultant),
        )
    assert error_codes(error.value) == {"entry_id": ["invalid_entry"], "target": ["required"]}
    assert not Referral.objects.exists()


def test_referral_form_shows_a_dutch_error_and_saves_nothing(consultant_client, carer):
    url = reverse("caregivers:referral_new", args=[carer.pk])
    response = consultant_client.post(
        url,
        {
            "target": caregivers_constants.ReferralTarget.OTHER_ORGANISATION,
            "reason": "Schuldhulp",
            "referred_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Vul de organisatie in" in response.content.decode()
    assert not Referral.objects.exists()


def test_consultant_updates_the_outcome(consultant_client, carer):
    referral = ReferralFactory(caregiver=carer)
    url = reverse("caregivers:referral_outcome", args=[carer.pk, referral.pk])
    page = consultant_client.get(url).content.decode()
    assert 'value="started"' in page and 'value="pending"' in page
    response = consultant_client.post(url, {"outcome": Outcome.WAITING_LIST})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == Outcome.WAITING_LIST


def test_final_outcome_page_has_no_form(consultant_client, carer):
    referral = ReferralFactory(caregiver=carer, outcome=Outcome.STARTED)
    url = reverse("caregivers:referral_outcome", args=[carer.pk, referral.pk])
    page = consultant_client.get(url).content.decode()
    assert 'name="outcome"' not in page
    response = consultant_client.post(url, {"outcome": Outcome.DECLINED})
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.outcome == Outcome.STARTED


def test_referral_section_lists_referrals_with_update_link(carer):
    from django.template.loader import render_to_string

    open_one = ReferralFactory(caregiver=carer, follow_up_on=TODAY())
    ReferralFactory(caregiver=carer, outcome=Outcome.STARTED)
    html = render_to_string(
        "caregivers/referrals/_detail_section.html",
        {"carer": carer, "referrals": list(Referral.objects.filter(caregiver=carer))},
    )
    assert html.count(reverse("caregivers:referral_outcome", args=[carer.pk, open_one.pk])) == 1
    assert html.count("/outcome/") == 1  # a final outcome gets no update link
    assert reverse("caregivers:referral_new", args=[carer.pk]) in html
    assert "<table" in html


def test_epe_consultant_gets_404_on_a_heerde_carers_referral_pages(client, make_member, epe, carer):
    login_verified(client, make_member(Role.CONSULTANT, epe, totp=True))
    referral = ReferralFactory(caregiver=carer)
    for url in (
        reverse("caregivers:referral_new", args=[carer.pk]),
        reverse("caregivers:referral_outcome", args=[carer.pk, referral.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("caregivers:referral_outcome", args=[carer.pk, referral.pk]),
            {"outcome": Outcome.STARTED},
        ).status_code
        == 404
    )
    referral.refresh_from_db()
    assert referral.outcome == Outcome.PENDING


def test_referral_of_another_carer_is_404(consultant_client, carer, heerde):
    other = ReferralFactory(caregiver=CaregiverFactory(municipality=heerde))
    url = reverse("caregivers:referral_outcome", args=[carer.pk, other.pk])
    assert consultant_client.get(url).status_code == 404


def test_incoming_queue_lists_new_first(consultant_client, referrer, heerde, consultant, carer):
    handled = make_incoming(heerde, referrer, first_name="Oud")
    incoming_accept(incoming=handled, caregiver=carer, actor=Actor(user=consultant))
    make_incoming(heerde, referrer, first_name="Nieuw")
    page = consultant_client.get(reverse("caregivers:incoming_list")).content.decode()
    assert page.index("Nieuw") < page.index("Oud")


def test_incoming_queue_does_not_show_other_municipalities(
    consultant_client, make_member, dalfsen, heerde, referrer
):
    make_incoming(dalfsen, make_member(Role.REFERRER, dalfsen), first_name="Dalfser")
    make_incoming(heerde, referrer, first_name="Heerdenaar")
    page = consultant_client.get(reverse("caregivers:incoming_list")).content.decode()
    assert "Heerdenaar" in page and "Dalfser" not in page


def test_incoming_queue_runs_the_same_queries_at_3_and_30(
    consultant_client, referrer, heerde, django_assert_num_queries
):
    url = reverse("caregivers:incoming_list")
    consultant_client.get(url)  # warm up: per-process caches, session
    for n in range(3):
        make_incoming(heerde, referrer, first_name=f"Eerste{n}")
    with CaptureQueriesContext(connection) as small:
        assert consultant_client.get(url).status_code == 200
    for n in range(27):
        make_incoming(heerde, referrer, first_name=f"Later{n}")
    with django_assert_num_queries(len(small.captured_queries)):
        assert consultant_client.get(url).status_code == 200


def test_incoming_detail_offers_the_likely_carer_and_audits_the_view(
    consultant_client, referrer, heerde
):
    twin = CaregiverFactory(
        municipality=heerde,
        first_name="Bea",
        last_name="Bakker",
        date_of_birth=datetime.date(1958, 3, 14),
        postcode="8181 AB",
    )
    CaregiverFactory(municipality=heerde, first_name="Piet", last_name="Jansen")
    incoming = make_incoming(heerde, referrer)
    page = consultant_client.get(reverse("caregivers:incoming_detail", args=[incoming.pk]))
    html = page.content.decode()
    assert f'name="caregiver" value="{twin.pk}"' in html
    assert "Jansen" not in html
    assert audited(AuditAction.VIEW, incoming)
    searched = consultant_client.get(
        reverse("caregivers:incoming_detail", args=[incoming.pk]), {"q": "Jansen"}
    ).content.decode()
    assert "Piet Jansen" in searched


def test_consultant_links_an_incoming_referral_through_the_view(
    consultant_client, referrer, heerde, carer
):
    incoming = make_incoming(heerde, referrer)
    response = consultant_client.post(
        reverse("caregivers:incoming_link", args=[incoming.pk]), {"caregiver": carer.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("caregivers:detail", args=[carer.pk])
    incoming.refresh_from_db()
    assert incoming.caregiver == carer
    # Linking again (another tab) is refused with a Dutch message.
    again = consultant_client.post(
        reverse("caregivers:incoming_link", args=[incoming.pk]),
        {"caregiver": carer.pk},
        follow=True,
    )
    assert "al afgehandeld" in again.content.decode()
    assert Referral.objects.count() == 1


def test_consultant_registers_the_carer_of_an_incoming_referral(
    consultant_client, referrer, heerde
):
    incoming = make_incoming(heerde, referrer)
    url = reverse("caregivers:incoming_register", args=[incoming.pk])
    form = consultant_client.get(url).content.decode()
    assert 'value="Bea"' in form and 'value="8181 AB"' in form
    response = consultant_client.post(
        url,
        {
            "first_name": "Bea",
            "last_name": "Bakker",
            "date_of_birth": "1958-03-14",
            "reach_by": "phone",
            "consent_by": "carer",
            "phone": "0578-111222",
            "postcode": "8181 AB",
        },
    )
    assert response.status_code == 302
    carer = Caregiver.objects.get()
    assert response["Location"] == reverse("caregivers:detail", args=[carer.pk])
    assert carer.source == caregivers_constants.Source.GP


def test_register_view_shows_the_duplicate_to_link(consultant_client, referrer, heerde):
    existing = CaregiverFactory(
        municipality=heerde,
        first_name="Bea",
        last_name="Bakker",
        date_of_birth=datetime.date(1958, 3, 14),
        postcode="8181 AB",
    )
    incoming = make_incoming(heerde, referrer)
    response = consultant_client.post(
        reverse("caregivers:incoming_register", args=[incoming.pk]),
        {
            "first_name": "Bea",
            "last_name": "Bakker",
            "date_of_birth": "1958-03-14",
            "reach_by": "phone",
            "consent_by": "carer",
            "phone": "0578-111222",
            "postcode": "8181AB",
        },
    )
    assert response.status_code == 200
    assert f'name="caregiver" value="{existing.pk}"' in response.content.decode()
    assert Caregiver.objects.count() == 1


def test_consultant_declines_through_the_view(consultant_client, referrer, heerde):
    incoming = make_incoming(heerde, referrer)
    url = reverse("caregivers:incoming_decline", args=[incoming.pk])
    empty = consultant_client.post(url, {"reason": ""})
    assert empty.status_code == 200
    incoming.refresh_from_db()
    assert incoming.status == caregivers_constants.IncomingStatus.NEW
    response = consultant_client.post(url, {"reason": "Woont buiten de gemeente"})
    assert response.status_code == 302
    incoming.refresh_from_db()
    assert incoming.status == caregivers_constants.IncomingStatus.DECLINED


# --- Referrer views --------------------------------------------------------------------------


def test_referrer_refers_a_carer(referrer_client, referrer, heerde):
    url = reverse("caregivers:refer")
    form = referrer_client.get(url)
    assert form.status_code == 200
    response = referrer_client.post(
        url,
        {
            "municipality": heerde.pk,
            "referrer_kind": caregivers_constants.Source.GP,
            "first_name": "Bea",
            "last_name": "Bakker",
            "postcode": "8181 ab",
            "phone": "0578-111222",
            "reason": "Overbelast",
            "consent_confirmed": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("caregivers:my_referrals")
    incoming = IncomingReferral.objects.get()
    assert (incoming.municipality, incoming.submitted_by) == (heerde, referrer)


def test_referrer_form_without_consent_saves_nothing(referrer_client, heerde):
    response = referrer_client.post(
        reverse("caregivers:refer"),
        {
            "municipality": heerde.pk,
            "referrer_kind": caregivers_constants.Source.GP,
            "first_name": "Bea",
            "last_name": "Bakker",
            "postcode": "8181 AB",
            "phone": "0578-111222",
            "reason": "Overbelast",
        },
    )
    assert response.status_code == 200
    assert "instemt" in response.content.decode()
    assert not IncomingReferral.objects.exists()


def test_referrer_with_two_municipalities_chooses(client, referrer, dalfsen):
    from omzien.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=referrer, municipality=dalfsen, role=Role.REFERRER)
    login_verified(client, referrer)
    html = client.get(reverse("caregivers:refer")).content.decode()
    assert "<select" in html and "Dalfsen" in html and "Heerde" in html


def test_referrer_cannot_refer_to_a_municipality_they_do_not_belong_to(referrer_client, dalfsen):
    response = referrer_client.post(
        reverse("caregivers:refer"),
        {
            "municipality": dalfsen.pk,
            "referrer_kind": caregivers_constants.Source.GP,
            "first_name": "Bea",
            "last_name": "Bakker",
            "postcode": "8181 AB",
            "phone": "0578-111222",
            "reason": "Overbelast",
            "consent_confirmed": "on",
        },
    )
    assert response.status_code == 200  # the choice is not offered
    assert not IncomingReferral.objects.exists()


def test_referrer_sees_only_own_submissions_and_only_the_status(
    referrer_client, referrer, make_member, heerde, consultant
):
    colleague = make_member(Role.REFERRER, heerde)
    make_incoming(heerde, colleague, first_name="Collega")
    mine = make_incoming(heerde, referrer, first_name="Bea")
    # Taken on and linked to a carer whose record holds far more than the referrer sent.
    registered = CaregiverFactory(
        municipality=heerde,
        first_name="Beatrix",
        last_name="Bakker-Smit",
        phone="06-99887766",
        street_address="Geheimstraat 7",
    )
    incoming_accept(incoming=mine, caregiver=registered, actor=Actor(user=consultant))
    html = referrer_client.get(reverse("caregivers:my_referrals")).content.decode()
    assert "Bea Bakker" in html
    with translation.override("nl"):
        assert str(caregivers_constants.IncomingStatus.ACCEPTED.label) in html
    assert "Collega" not in html
    for secret in ("Beatrix", "Bakker-Smit", "06-99887766", "Geheimstraat", "uitgeput"):
        assert secret not in html
    assert reverse("caregivers:detail", args=[registered.pk]) not in html


def test_referrer_does_not_see_the_decline_reason(referrer_client, referrer, heerde, consultant):
    incoming = make_incoming(heerde, referrer)
    incoming_decline(
        incoming=incoming, reason="Bekend bij het wijkteam", actor=Actor(user=consultant)
    )
    html = referrer_client.get(reverse("caregivers:my_referrals")).content.decode()
    assert "wijkteam" not in html


def test_referrer_gets_403_on_carer_pages(referrer_client, carer):
    for url in (
        reverse("caregivers:registry"),
        reverse("caregivers:detail", args=[carer.pk]),
        reverse("caregivers:referral_new", args=[carer.pk]),
        reverse("caregivers:incoming_list"),
        reverse("caregivers:figures"),
    ):
        assert referrer_client.get(url).status_code == 403, url


def test_referrer_cannot_open_an_incoming_referral_as_consultant(referrer_client, referrer, heerde):
    incoming = make_incoming(heerde, referrer)
    for name in ("incoming_detail", "incoming_register", "incoming_decline"):
        url = reverse(f"caregivers:{name}", args=[incoming.pk])
        assert referrer_client.get(url).status_code == 403, name


def test_policy_advisor_sees_figures_but_no_carer(client, make_member, heerde, carer):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    login_verified(client, advisor)
    assert client.get(reverse("caregivers:figures")).status_code == 200
    for url in (
        reverse("caregivers:registry"),
        reverse("caregivers:detail", args=[carer.pk]),
        reverse("caregivers:referral_new", args=[carer.pk]),
        reverse("caregivers:incoming_list"),
        reverse("caregivers:refer"),
        reverse("caregivers:my_referrals"),
    ):
        assert client.get(url).status_code == 403, url


def test_broker_gets_403_on_everything_here(client, make_member, heerde, carer, referrer):
    login_verified(client, make_member(Role.BROKER, heerde, totp=True))
    referral = ReferralFactory(caregiver=carer)
    incoming = make_incoming(heerde, referrer)
    urls = [
        reverse("caregivers:registry"),
        reverse("caregivers:detail", args=[carer.pk]),
        reverse("caregivers:referral_new", args=[carer.pk]),
        reverse("caregivers:referral_outcome", args=[carer.pk, referral.pk]),
        reverse("caregivers:incoming_list"),
        reverse("caregivers:incoming_detail", args=[incoming.pk]),
        reverse("caregivers:incoming_register", args=[incoming.pk]),
        reverse("caregivers:incoming_decline", args=[incoming.pk]),
        reverse("caregivers:refer"),
        reverse("caregivers:my_referrals"),
        reverse("caregivers:figures"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            reverse("caregivers:incoming_link", args=[incoming.pk]), {"caregiver": carer.pk}
        ).status_code
        == 403
    )
    incoming.refresh_from_db()
    assert incoming.status == caregivers_constants.IncomingStatus.NEW


def test_navigation_per_role(client, make_member, heerde):
    referrer = make_member(Role.REFERRER, heerde, totp=True)
    login_verified(client, referrer)
    html = client.get(reverse("caregivers:my_referrals")).content.decode()
    assert reverse("caregivers:refer") in html
    assert reverse("caregivers:incoming_list") not in html
    assert reverse("caregivers:figures") not in html


def test_carer_page_shows_the_referral_section(consultant_client, carer):
    referral = ReferralFactory(
        caregiver=carer, target=caregivers_constants.ReferralTarget.NETWORK_COACH
    )
    html = consultant_client.get(reverse("caregivers:detail", args=[carer.pk])).content.decode()
    assert reverse("caregivers:referral_new", args=[carer.pk]) in html
    assert reverse("caregivers:referral_outcome", args=[carer.pk, referral.pk]) in html


def test_declined_referrals_lose_their_personal_data_after_half_a_year(heerde, make_member):
    import datetime as _dt

    from django.utils import timezone as _tz

    from omzien.caregivers.models import IncomingReferral as _Incoming
    from omzien.caregivers.services.referrals import incoming_referrals_apply_retention

    referrer = make_member(Role.REFERRER, heerde)
    old = _Incoming.objects.create(
        municipality=heerde,
        submitted_by=referrer,
        referrer_kind="gp",
        first_name="Gerda",
        last_name="Oud",
        phone="06-1",
        reason="Overbelast",
        consent_confirmed=True,
        status="declined",
        handled_at=_tz.now() - _dt.timedelta(days=200),
        decline_reason="Woont buiten de gemeente",
    )
    recent = _Incoming.objects.create(
        municipality=heerde,
        submitted_by=referrer,
        referrer_kind="gp",
        first_name="Rian",
        last_name="Recent",
        phone="06-2",
        reason="Overbelast",
        consent_confirmed=True,
        status="declined",
        handled_at=_tz.now() - _dt.timedelta(days=10),
    )
    assert incoming_referrals_apply_retention() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert "Gerda" not in str(vars(old)) and "Woont" not in old.decline_reason
    assert old.status == "declined" and old.referrer_kind == "gp"  # counts survive
    assert recent.first_name == "Rian"
    assert incoming_referrals_apply_retention() == 0


def test_declined_referrals_lose_the_reason_from_their_status_log(consultant, referrer, heerde):
    from omzien.caregivers.models import IncomingReferralTransition
    from omzien.caregivers.services.referrals import incoming_referrals_apply_retention

    old = make_incoming(heerde, referrer)
    recent = make_incoming(heerde, referrer)
    for incoming in (old, recent):
        incoming_decline(incoming=incoming, reason="Bea woont in Epe", actor=Actor(user=consultant))
    IncomingReferral.objects.filter(pk=old.pk).update(
        handled_at=timezone.now() - datetime.timedelta(days=200)
    )
    assert incoming_referrals_apply_retention() == 1
    notes = dict(
        IncomingReferralTransition.objects.filter(
            to_status=caregivers_constants.IncomingStatus.DECLINED
        ).values_list("incoming", "note")
    )
    assert notes == {old.pk: "", recent.pk: "Bea woont in Epe"}


def test_district_nursing_or_home_care_can_refer(referrer_client, referrer, heerde):
    """docs/privacy.md names wijkverpleging/thuiszorg among the referrers (issue 10, point 23)."""
    url = reverse("caregivers:refer")
    assert caregivers_constants.Source.HOME_CARE.value in referrer_client.get(url).content.decode()
    response = referrer_client.post(
        url,
        {
            "municipality": heerde.pk,
            "referrer_kind": caregivers_constants.Source.HOME_CARE,
            "first_name": "Bea",
            "last_name": "Bakker",
            "postcode": "8181 ab",
            "phone": "0578-111222",
            "reason": "Overbelast",
            "consent_confirmed": "on",
        },
    )
    assert response.status_code == 302
    assert IncomingReferral.objects.get().referrer_kind == "home_care"
    with translation.override("nl"):
        label = str(caregivers_constants.Source.HOME_CARE.label)
    assert "wijkverpleging" in label.lower() and "thuiszorg" in label.lower()


def test_incoming_referral_finds_the_carer_whatever_the_accents(consultant, referrer, heerde):
    """Issue 10, point 12: the referrer types "José Sánchez", the registry holds the name as a
    macOS export wrote it (decomposed accents)."""
    from omzien.caregivers.selectors.referrals import incoming_candidates

    registered = CaregiverFactory(
        municipality=heerde,
        first_name="Jose\u0301",
        last_name="Sa\u0301nchez",
        date_of_birth=datetime.date(1958, 3, 14),
        postcode="8181 AB",
    )
    incoming = make_incoming(heerde, referrer, first_name="José", last_name="Sánchez")
    assert incoming_candidates(incoming=incoming, user=consultant) == [registered]
    assert incoming_candidates(incoming=incoming, user=consultant, q="sánchez") == [registered]
    with pytest.raises(DuplicateCaregiver):
        incoming_accept(
            incoming=incoming,
            register_data={"reach_by": "phone"},
            actor=Actor(user=consultant),
        )
