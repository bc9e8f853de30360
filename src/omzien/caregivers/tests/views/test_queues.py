"""The consultants' work queues (issue 11): carers nobody has taken on yet, the Vroegsignalen
queue with its filters, closing a warning from the carer's page, and the incoming referrals.
Each row action goes back to the same filtered, paged list it was taken from."""

import datetime
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import BurdenWarning, Caregiver, CaregiverEvent, IncomingReferral
from omzien.caregivers.services.caregivers import Actor, caregiver_anonymise, caregiver_take_on
from omzien.caregivers.tests.factories import (
    BurdenWarningFactory,
    CaregiverFactory,
    IncomingReferralFactory,
)
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.errors import error_codes
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(make_member, heerde):
    return make_member(Role.CONSULTANT, heerde, totp=True, full_name="Greet Collega")


@pytest.fixture
def epe_consultant(make_member, epe):
    return make_member(Role.CONSULTANT, epe, totp=True)


@pytest.fixture
def epe_client(client, epe_consultant):
    return login_verified(client, epe_consultant)


def _age(model, obj, days: int) -> None:
    """Make ``obj`` look ``days`` old (``created_at`` is set by the database)."""
    model.objects.filter(pk=obj.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def _location(response) -> str:
    assert response.status_code == 302, response.status_code
    return response["Location"]


# --- The service: take on a carer ----------------------------------------------------------------


def test_take_on_assigns_the_consultant_with_event_audit_and_open_warnings(heerde, consultant):
    carer = CaregiverFactory(municipality=heerde)
    open_warning = BurdenWarningFactory(caregiver=carer)
    caregiver_take_on(caregiver=carer, actor=Actor(user=consultant))
    carer.refresh_from_db()
    assert carer.consultant == consultant
    open_warning.refresh_from_db()
    assert open_warning.assigned_to == consultant
    assert CaregiverEvent.objects.filter(
        caregiver=carer, kind=caregivers_constants.EventKind.CHANGED, actor=consultant
    ).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(carer.pk), reason="consultant"
    ).exists()


def test_take_on_is_refused_when_a_colleague_took_the_carer_meanwhile(
    heerde, consultant, colleague
):
    carer = CaregiverFactory(municipality=heerde)
    stale = Caregiver.objects.get(pk=carer.pk)
    caregiver_take_on(caregiver=carer, actor=Actor(user=colleague))
    with pytest.raises(ValidationError) as refused:
        caregiver_take_on(caregiver=stale, actor=Actor(user=consultant))
    assert error_codes(refused.value) == {"__all__": ["taken_by_other"]}
    carer.refresh_from_db()
    assert carer.consultant == colleague


def test_taking_on_ones_own_carer_again_changes_nothing(heerde, consultant):
    carer = CaregiverFactory(municipality=heerde)
    caregiver_take_on(caregiver=carer, actor=Actor(user=consultant))
    caregiver_take_on(caregiver=carer, actor=Actor(user=consultant))
    assert CaregiverEvent.objects.filter(caregiver=carer).count() == 1


def test_take_on_is_refused_to_a_consultant_of_another_municipality(heerde, epe_consultant):
    carer = CaregiverFactory(municipality=heerde)
    with pytest.raises(ValidationError) as refused:
        caregiver_take_on(caregiver=carer, actor=Actor(user=epe_consultant))
    assert error_codes(refused.value) == {"__all__": ["not_consultant"]}


def test_take_on_is_refused_for_a_removed_carer(heerde, consultant):
    carer = CaregiverFactory(municipality=heerde)
    caregiver_anonymise(caregiver=carer, actor=Actor(user=consultant), reason="test")
    with pytest.raises(ValidationError) as refused:
        caregiver_take_on(caregiver=carer, actor=Actor(user=consultant))
    assert error_codes(refused.value) == {"__all__": ["not_registered"]}


# --- The list of carers without a consultant -----------------------------------------------------


def test_unassigned_lists_carers_without_consultant_newest_first(
    consultant_client, consultant, heerde, epe
):
    older = CaregiverFactory(municipality=heerde, first_name="Oudere", last_name="Aanmelding")
    _age(Caregiver, older, 10)
    newer = CaregiverFactory(municipality=heerde, first_name="Nieuwe", last_name="Aanmelding")
    CaregiverFactory(municipality=heerde, consultant=consultant, last_name="Opgepakt")
    CaregiverFactory(municipality=epe, last_name="Epenaar")
    body = consultant_client.get(reverse("caregivers:unassigned")).content.decode()
    assert body.index(newer.full_name) < body.index(older.full_name)
    assert "Opgepakt" not in body and "Epenaar" not in body
    assert "2 mantelzorgers zonder consulent" in body
    assert "Ik neem dit op" in body


def test_unassigned_of_a_consultant_of_two_municipalities_says_whose_each_carer_is(
    consultant_client, consultant, heerde, epe
):
    CaregiverFactory(municipality=epe, last_name="Epenaar")
    CaregiverFactory(municipality=heerde, last_name="Heerdenaar")
    body = consultant_client.get(reverse("caregivers:unassigned")).text
    assert ">Gemeente</th>" not in body  # one municipality: no column
    MembershipFactory(user=consultant, municipality=epe, role=Role.CONSULTANT)
    body = consultant_client.get(reverse("caregivers:unassigned")).text
    assert ">Gemeente</th>" in body
    row = body.split("Epenaar", 1)[1].split("</tr>", 1)[0]
    assert '<td class="utrecht-table__cell">Epe</td>' in row


def test_unassigned_filters_by_source_and_searches_the_name(consultant_client, heerde):
    CaregiverFactory(municipality=heerde, last_name="Zelfmelder")
    CaregiverFactory(
        municipality=heerde, last_name="Huisartsverwezen", source=caregivers_constants.Source.GP
    )
    CaregiverFactory(municipality=heerde, first_name="José", last_name="Sánchez")
    url = reverse("caregivers:unassigned")
    body = consultant_client.get(url, {"source": "gp"}).content.decode()
    assert "Huisartsverwezen" in body and "Zelfmelder" not in body
    body = consultant_client.get(url, {"q": "sanchez"}).content.decode()
    assert "Zelfmelder" not in body
    body = consultant_client.get(url, {"q": "Sánchez"}).content.decode()
    assert "Sánchez" in body and "Zelfmelder" not in body


def test_unassigned_empty_states(consultant_client, consultant, heerde):
    CaregiverFactory(municipality=heerde, consultant=consultant)
    url = reverse("caregivers:unassigned")
    assert "niemand wacht om opgepakt te worden" in consultant_client.get(url).content.decode()
    CaregiverFactory(municipality=heerde, last_name="Wachtend")
    body = consultant_client.get(url, {"q": "niemandheetzo"}).content.decode()
    assert "Er zijn geen mantelzorgers zonder consulent met deze filters." in body


def test_take_on_returns_to_the_same_filtered_page(consultant_client, consultant, heerde):
    carer = CaregiverFactory(municipality=heerde)
    back = reverse("caregivers:unassigned") + "?" + urlencode({"source": "self", "page": "2"})
    response = consultant_client.post(
        reverse("caregivers:take_on", args=[carer.pk]), {"next": back}
    )
    assert _location(response) == back
    carer.refresh_from_db()
    assert carer.consultant == consultant


@pytest.mark.parametrize(
    "next_url", ["https://kwaad.example/", "//kwaad.example/", "/\\kwaad.example", "javascript:x"]
)
def test_take_on_never_sends_the_consultant_off_the_site(consultant_client, heerde, next_url):
    carer = CaregiverFactory(municipality=heerde)
    response = consultant_client.post(
        reverse("caregivers:take_on", args=[carer.pk]), {"next": next_url}
    )
    assert _location(response) == reverse("caregivers:unassigned")


def test_take_on_of_a_carer_a_colleague_took_says_so(consultant_client, colleague, heerde):
    carer = CaregiverFactory(municipality=heerde, consultant=colleague)
    response = consultant_client.post(reverse("caregivers:take_on", args=[carer.pk]), follow=True)
    assert "Een andere consulent heeft deze mantelzorger net opgepakt." in (
        response.content.decode()
    )
    carer.refresh_from_db()
    assert carer.consultant == colleague


def test_take_on_of_another_municipalitys_carer_is_404(epe_client, heerde):
    carer = CaregiverFactory(municipality=heerde)
    assert epe_client.post(reverse("caregivers:take_on", args=[carer.pk])).status_code == 404
    carer.refresh_from_db()
    assert carer.consultant is None


def test_caseload_links_to_the_new_registrations(consultant_client, consultant, heerde):
    CaregiverFactory.create_batch(3, municipality=heerde)
    CaregiverFactory(municipality=heerde, consultant=consultant)
    body = consultant_client.get(reverse("caregivers:caseload")).content.decode()
    assert "3 nieuwe aanmeldingen zonder consulent" in body
    assert f'href="{reverse("caregivers:unassigned")}"' in body


def test_unassigned_runs_the_same_queries_at_1x_and_3x(
    consultant_client, heerde, django_assert_max_num_queries
):
    url = reverse("caregivers:unassigned")
    CaregiverFactory.create_batch(5, municipality=heerde)
    consultant_client.get(url)
    with django_assert_max_num_queries(99) as small:
        assert consultant_client.get(url).status_code == 200
    CaregiverFactory.create_batch(10, municipality=heerde)
    with django_assert_max_num_queries(len(small)):
        response = consultant_client.get(url)
    assert response.content.decode().count("Ik neem dit op") == 15


# --- Vroegsignalen -------------------------------------------------------------------------------


def test_alerts_show_the_newest_first_by_default_and_the_oldest_on_request(
    consultant_client, heerde
):
    old = BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde, last_name="Oud"))
    _age(BurdenWarning, old, 30)
    new = BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde, last_name="Nieuw"))
    url = reverse("caregivers:alerts")
    body = consultant_client.get(url).content.decode()
    assert body.index(f"alert-{new.pk}-heading") < body.index(f"alert-{old.pk}-heading")
    body = consultant_client.get(url, {"order": "oldest"}).content.decode()
    assert body.index(f"alert-{old.pk}-heading") < body.index(f"alert-{new.pk}-heading")


def test_alerts_filter_mine_unassigned_and_dealt_with(
    consultant_client, consultant, colleague, heerde
):
    mine = BurdenWarningFactory(
        caregiver=CaregiverFactory(municipality=heerde), assigned_to=consultant
    )
    # Raised before the carer had a consultant, now the viewer's carer: theirs too.
    via_carer = BurdenWarningFactory(
        caregiver=CaregiverFactory(municipality=heerde, consultant=consultant)
    )
    theirs = BurdenWarningFactory(
        caregiver=CaregiverFactory(municipality=heerde), assigned_to=colleague
    )
    nobodys = BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde))
    done = BurdenWarningFactory(
        caregiver=CaregiverFactory(municipality=heerde),
        resolved_at=timezone.now(),
        resolution="Gebeld",
        resolved_by=colleague,
    )

    def shown(**params) -> set[int]:
        body = consultant_client.get(reverse("caregivers:alerts"), params).content.decode()
        everything = (mine, via_carer, theirs, nobodys, done)
        return {w.pk for w in everything if f'id="alert-{w.pk}-heading"' in body}

    assert shown() == {mine.pk, via_carer.pk, theirs.pk, nobodys.pk}
    assert shown(assigned="mine") == {mine.pk, via_carer.pk}
    assert shown(assigned="unassigned") == {nobodys.pk}
    assert shown(status="resolved") == {done.pk}
    body = consultant_client.get(reverse("caregivers:alerts"), {"status": "resolved"})
    assert "Gebeld" in body.content.decode() and "Greet Collega" in body.content.decode()


def test_alerts_filter_by_age_group_and_search_the_name(consultant_client, heerde):
    today = timezone.localdate()
    young = BurdenWarningFactory(
        caregiver=CaregiverFactory(
            municipality=heerde,
            first_name="Jip",
            last_name="Jong",
            date_of_birth=today.replace(year=today.year - 15),
        )
    )
    accent = BurdenWarningFactory(
        caregiver=CaregiverFactory(municipality=heerde, first_name="Zoë", last_name="Ĳsselmuiden")
    )
    url = reverse("caregivers:alerts")
    body = consultant_client.get(url, {"age_group": "young"}).content.decode()
    assert f"alert-{young.pk}-heading" in body and f"alert-{accent.pk}-heading" not in body
    # Typed without the accent and the ligature: found by the folded name.
    body = consultant_client.get(url, {"q": "zoë ijssel"}).content.decode()
    assert f"alert-{accent.pk}-heading" in body and f"alert-{young.pk}-heading" not in body


def test_alerts_name_the_consultant_and_say_when_it_is_the_viewer(
    consultant_client, consultant, colleague, heerde
):
    BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde), assigned_to=consultant)
    BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde), assigned_to=colleague)
    body = consultant_client.get(reverse("caregivers:alerts")).content.decode()
    assert "Cor Consulent (dat bent u)" in body
    assert "Greet Collega" in body and "Greet Collega (dat bent u)" not in body
    assert ">U<" not in body


def test_alerts_of_a_consultant_of_two_municipalities_say_whose_each_carer_is(
    consultant_client, consultant, heerde, epe
):
    warning = BurdenWarningFactory(caregiver=CaregiverFactory(municipality=epe))
    BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde))
    MembershipFactory(user=consultant, municipality=epe, role=Role.CONSULTANT)
    body = consultant_client.get(reverse("caregivers:alerts")).text
    card = body.split(f'id="alert-{warning.pk}-heading"', 1)[1].split("</dl>", 1)[0]
    assert '<dt class="utrecht-data-list__item-key">Gemeente</dt>' in card and ">Epe</dd>" in card


def test_alerts_of_one_municipality_do_not_name_it(consultant_client, heerde):
    BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde))
    body = consultant_client.get(reverse("caregivers:alerts")).text
    assert ">Gemeente</dt>" not in body


def test_alerts_empty_state_says_the_work_is_done(consultant_client, heerde):
    url = reverse("caregivers:alerts")
    body = consultant_client.get(url).content.decode()
    assert "Alle vroegsignalen zijn afgehandeld: het werk is klaar." in body
    BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde))
    body = consultant_client.get(url, {"q": "niemandheetzo"}).content.decode()
    assert "Er zijn geen vroegsignalen met deze filters." in body
    assert "het werk is klaar" not in body


def test_resolve_returns_to_the_same_filtered_paged_list(consultant_client, heerde):
    for _ in range(27):
        BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde, last_name="Smit"))
    last = BurdenWarning.objects.order_by("created_at", "pk").first()  # on page 2
    query = urlencode({"q": "smit", "assigned": "", "page": "2"})
    page = consultant_client.get(reverse("caregivers:alerts") + "?" + query).content.decode()
    assert f"alert-{last.pk}-heading" in page
    # The form on the page carries the filtered, paged address back.
    back = reverse("caregivers:alerts") + "?" + query
    assert f'name="next" value="{back.replace("&", "&amp;")}"' in page
    response = consultant_client.post(
        reverse("caregivers:alert_resolve", args=[last.pk]) + "?" + query,
        {f"a{last.pk}-resolution": "Gebeld", "next": back},
    )
    assert _location(response) == back
    last.refresh_from_db()
    assert last.resolved_at is not None


def test_resolve_with_a_foreign_next_stays_on_the_site(consultant_client, heerde):
    warning = BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde))
    response = consultant_client.post(
        reverse("caregivers:alert_resolve", args=[warning.pk]) + "?assigned=mine",
        {f"a{warning.pk}-resolution": "Gebeld", "next": "https://kwaad.example/signals/"},
    )
    assert _location(response) == reverse("caregivers:alerts") + "?assigned=mine"


def test_refused_resolve_keeps_the_filters(consultant_client, heerde):
    warning = BurdenWarningFactory(
        caregiver=CaregiverFactory(municipality=heerde, last_name="Gefilterd")
    )
    BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde, last_name="Anders"))
    response = consultant_client.post(
        reverse("caregivers:alert_resolve", args=[warning.pk]) + "?q=gefilterd",
        {f"a{warning.pk}-resolution": " "},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Beschrijf wat er met dit vroegsignaal is gedaan." in body
    assert "Gefilterd" in body and "Anders" not in body
    # Closing it then still comes back to the filtered list, not to the close action.
    back = reverse("caregivers:alerts") + "?q=gefilterd"
    assert f'name="next" value="{back}"' in body


def test_alerts_run_the_same_queries_at_1x_and_3x(
    consultant_client, heerde, colleague, django_assert_max_num_queries
):
    def add(count: int) -> None:
        for _ in range(count):
            BurdenWarningFactory(
                caregiver=CaregiverFactory(municipality=heerde, consultant=colleague),
                assigned_to=colleague,
            )

    url = reverse("caregivers:alerts")
    add(5)
    consultant_client.get(url)
    with django_assert_max_num_queries(99) as small:
        assert consultant_client.get(url, {"status": ""}).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(small)):
        response = consultant_client.get(url, {"status": ""})
    assert response.content.decode().count("<article") == 15


def test_alerts_of_another_municipality_are_not_listed_nor_resolvable(epe_client, heerde):
    warning = BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde))
    body = epe_client.get(reverse("caregivers:alerts"), {"assigned": "unassigned"}).content
    assert f"alert-{warning.pk}-heading" not in body.decode()
    response = epe_client.post(
        reverse("caregivers:alert_resolve", args=[warning.pk]),
        {f"a{warning.pk}-resolution": "Weg", "next": "/", "origin": "carer"},
    )
    assert response.status_code == 404


# --- Closing a warning from the carer's page -----------------------------------------------------


def test_carer_page_banner_closes_the_warning_and_returns_to_the_carer(consultant_client, carer):
    warning = BurdenWarningFactory(caregiver=carer)
    detail = reverse("caregivers:detail", args=[carer.pk])
    body = consultant_client.get(detail).content.decode()
    assert reverse("caregivers:alert_resolve", args=[warning.pk]) in body
    assert f'name="a{warning.pk}-resolution"' in body
    response = consultant_client.post(
        reverse("caregivers:alert_resolve", args=[warning.pk]),
        {f"a{warning.pk}-resolution": "Respijtzorg geregeld", "next": detail, "origin": "carer"},
    )
    assert _location(response) == detail
    warning.refresh_from_db()
    assert warning.resolution == "Respijtzorg geregeld"
    assert "open vroegsignaal" not in consultant_client.get(detail).content.decode()


def test_carer_page_banner_shows_a_refusal_on_the_carer_page(consultant_client, carer):
    warning = BurdenWarningFactory(caregiver=carer)
    detail = reverse("caregivers:detail", args=[carer.pk])
    response = consultant_client.post(
        reverse("caregivers:alert_resolve", args=[warning.pk]),
        {f"a{warning.pk}-resolution": "", "next": detail, "origin": "carer"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Beschrijf wat er met dit vroegsignaal is gedaan." in body
    assert f'<h1 class="utrecht-heading-1">{carer.full_name}</h1>' in body
    warning.refresh_from_db()
    assert warning.resolved_at is None


# --- Incoming referrals --------------------------------------------------------------------------


def test_incoming_filters_by_status_handler_and_name(
    consultant_client, consultant, colleague, heerde, carer
):
    new = IncomingReferralFactory(municipality=heerde, first_name="Nina", last_name="Nieuwenhuis")
    mine = IncomingReferralFactory(
        municipality=heerde,
        first_name="Mies",
        last_name="Pietersma",
        status=caregivers_constants.IncomingStatus.ACCEPTED,
        handled_by=consultant,
        caregiver=carer,
    )
    theirs = IncomingReferralFactory(
        municipality=heerde,
        first_name="Tom",
        last_name="Tolsma",
        status=caregivers_constants.IncomingStatus.DECLINED,
        handled_by=colleague,
    )
    url = reverse("caregivers:incoming_list")

    def names(**params) -> set[str]:
        body = consultant_client.get(url, params).content.decode()
        return {r.last_name for r in (new, mine, theirs) if r.last_name in body}

    assert names() == {"Nieuwenhuis", "Pietersma", "Tolsma"}
    assert names(status="new") == {"Nieuwenhuis"}
    assert names(status="declined") == {"Tolsma"}
    assert names(handler="mine") == {"Pietersma"}
    assert names(handler="unhandled") == {"Nieuwenhuis"}
    assert names(q="nina") == {"Nieuwenhuis"}


def test_incoming_empty_states(consultant_client, heerde):
    url = reverse("caregivers:incoming_list")
    body = consultant_client.get(url).content.decode()
    assert "Er zijn nog geen verwijzingen binnengekomen." in body
    IncomingReferralFactory(municipality=heerde)
    body = consultant_client.get(url, {"q": "niemandheetzo"}).content.decode()
    assert "Er zijn geen verwijzingen met deze filters." in body


def test_declining_from_a_filtered_list_returns_to_it(consultant_client, heerde):
    incoming = IncomingReferralFactory(municipality=heerde, last_name="Afwijzen")
    back = reverse("caregivers:incoming_list") + "?" + urlencode({"status": "new", "q": "afw"})
    listing = consultant_client.get(back).content.decode()
    detail = reverse("caregivers:incoming_detail", args=[incoming.pk])
    assert f"{detail}?next={urlencode({'': back})[1:]}" in listing.replace("&amp;", "&")
    page = consultant_client.get(detail, {"next": back}).content.decode()
    assert f'name="next" value="{back.replace("&", "&amp;")}"' in page
    response = consultant_client.post(
        reverse("caregivers:incoming_decline", args=[incoming.pk]),
        {"reason": "Woont buiten de gemeente", "next": back},
    )
    assert _location(response) == back
    incoming.refresh_from_db()
    assert incoming.status == caregivers_constants.IncomingStatus.DECLINED


def test_declining_with_a_foreign_next_goes_to_the_list(consultant_client, heerde):
    incoming = IncomingReferralFactory(municipality=heerde)
    response = consultant_client.post(
        reverse("caregivers:incoming_decline", args=[incoming.pk]),
        {"reason": "Dubbel", "next": "//kwaad.example/"},
    )
    assert _location(response) == reverse("caregivers:incoming_list")


def test_incoming_of_another_municipality_is_404(epe_client, heerde):
    incoming = IncomingReferralFactory(municipality=heerde, last_name="Heerdenaar")
    assert "Heerdenaar" not in epe_client.get(reverse("caregivers:incoming_list")).content.decode()
    response = epe_client.post(
        reverse("caregivers:incoming_decline", args=[incoming.pk]),
        {"reason": "Niet van ons", "next": "/"},
    )
    assert response.status_code == 404
    assert IncomingReferral.objects.get(pk=incoming.pk).status == "new"


def test_incoming_runs_the_same_queries_at_1x_and_3x(
    consultant_client, heerde, colleague, django_assert_max_num_queries
):
    url = reverse("caregivers:incoming_list")
    IncomingReferralFactory.create_batch(5, municipality=heerde, handled_by=colleague)
    consultant_client.get(url)
    with django_assert_max_num_queries(99) as small:
        assert consultant_client.get(url, {"q": ""}).status_code == 200
    IncomingReferralFactory.create_batch(10, municipality=heerde, handled_by=colleague)
    with django_assert_max_num_queries(len(small)):
        response = consultant_client.get(url, {"q": ""})
    assert response.content.decode().count("?next=") == 15
