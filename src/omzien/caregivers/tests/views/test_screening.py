"""Burden screening pages: recording, invitations, the carer's own form, Vroegsignalen, settings."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import (
    BurdenWarning,
    CaregiverSettings,
    Screening,
    ScreeningInvitation,
)
from omzien.caregivers.services import screening
from omzien.caregivers.services.caregivers import Actor
from omzien.caregivers.tests.factories import CaregiverFactory, ScreeningFactory
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified


def ediz_post(scoring: int, **extra) -> dict:
    data = {f"item_{n}": "3" if n <= scoring else "0" for n in range(1, 10)}
    return {**data, **extra}


@pytest.fixture
def epe_client(client, make_member, epe):
    return login_verified(client, make_member(Role.CONSULTANT, epe, totp=True))


@pytest.fixture
def broker_client(client, make_member, heerde):
    return login_verified(client, make_member(Role.BROKER, heerde, totp=True))


@pytest.fixture
def invitation_token(carer, consultant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        screening.screening_invite(
            caregiver=carer,
            instrument=caregivers_constants.Instrument.EDIZ,
            actor=Actor(user=consultant),
        )
    return re.search(r"/mantelzorg/vragenlijst/([\w-]+)/", mail.outbox[-1].body).group(1)


def make_alerts(carer, count: int) -> list[BurdenWarning]:
    alerts = []
    for _ in range(count):
        result = ScreeningFactory(
            caregiver=carer,
            instrument=caregivers_constants.Instrument.GGD,
            answers=[3],
            score=3,
            heavily_burdened=True,
        )
        alerts.append(
            BurdenWarning.objects.create(caregiver=carer, screening=result, reasons=["heavy"])
        )
    return alerts


# --- The consultant records a screening ------------------------------------------------------


def test_record_page_asks_for_the_instrument_first(consultant_client, carer):
    response = consultant_client.get(reverse("caregivers:screening_new", args=[carer.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "?instrument=ediz" in body and "?instrument=ggd" in body


def test_record_page_shows_the_items_as_radio_groups(consultant_client, carer):
    url = reverse("caregivers:screening_new", args=[carer.pk]) + "?instrument=ediz"
    response = consultant_client.get(url)
    body = response.content.decode()
    assert body.count("<fieldset") == 9
    assert "Min of meer" in body and "Ja!" in body
    assert "Geef aan of de afgelopen paar weken" in body
    assert AuditEvent.objects.filter(
        action="view", object_type="caregivers.caregiver", object_id=str(carer.pk)
    ).exists()


def test_consultant_records_a_screening(consultant_client, consultant, carer):
    url = reverse("caregivers:screening_new", args=[carer.pk]) + "?instrument=ediz"
    today = timezone.localdate()
    response = consultant_client.post(url, ediz_post(7, taken_on=today.isoformat()))
    assert response.status_code == 302
    assert response["Location"] == reverse("caregivers:detail", args=[carer.pk])
    result = Screening.objects.get()
    assert (result.score, result.heavily_burdened, result.recorded_by) == (7, True, consultant)
    assert BurdenWarning.objects.get().screening == result


def test_missing_answers_are_explained_and_nothing_is_saved(consultant_client, carer):
    url = reverse("caregivers:screening_new", args=[carer.pk]) + "?instrument=ediz"
    data = ediz_post(3, taken_on=timezone.localdate().isoformat())
    del data["item_4"]
    data["item_5"] = "7"
    response = consultant_client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies een antwoord." in body
    assert "Selecteer een geldige keuze" in body
    assert not Screening.objects.exists()


def test_future_date_is_refused(consultant_client, carer):
    url = reverse("caregivers:screening_new", args=[carer.pk]) + "?instrument=ggd"
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = consultant_client.post(url, {"item_1": "2", "taken_on": tomorrow.isoformat()})
    assert "De datum van de screening ligt in de toekomst." in response.content.decode()
    assert not Screening.objects.exists()


@pytest.mark.parametrize("name", ["screening_new", "screening_invite"])
def test_consultant_of_another_municipality_gets_404(epe_client, carer, name):
    assert epe_client.get(reverse(f"caregivers:{name}", args=[carer.pk])).status_code == 404
    response = epe_client.post(
        reverse(f"caregivers:{name}", args=[carer.pk]) + "?instrument=ggd",
        {"item_1": "4", "taken_on": timezone.localdate().isoformat(), "instrument": "ggd"},
    )
    assert response.status_code == 404
    assert not Screening.objects.exists() and not ScreeningInvitation.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        lambda carer: reverse("caregivers:screening_new", args=[carer.pk]),
        lambda carer: reverse("caregivers:screening_invite", args=[carer.pk]),
        lambda carer: reverse("caregivers:alerts"),
        lambda carer: reverse("caregivers:settings"),
    ],
)
def test_broker_gets_403(broker_client, carer, url):
    assert broker_client.get(url(carer)).status_code == 403


def test_anonymous_is_sent_to_login(client, carer):
    response = client.get(reverse("caregivers:screening_new", args=[carer.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


# --- Invitations -----------------------------------------------------------------------------


def test_consultant_sends_an_invitation(
    consultant_client, carer, django_capture_on_commit_callbacks
):
    url = reverse("caregivers:screening_invite", args=[carer.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = consultant_client.post(url, {"instrument": "ggd"})
    assert response.status_code == 302
    invitation = ScreeningInvitation.objects.get()
    assert invitation.instrument == "ggd"
    assert mail.outbox[0].to == [carer.email]
    assert mail.outbox[0].subject == "Hoe gaat het met u als mantelzorger? Een korte vragenlijst"


def test_invitation_without_e_mail_address_is_explained(consultant_client, carer):
    carer.email = ""
    carer.save(update_fields=["email"])
    url = reverse("caregivers:screening_invite", args=[carer.pk])
    response = consultant_client.post(url, {"instrument": "ediz"})
    assert response.status_code == 200
    assert "heeft geen e-mailadres" in response.content.decode()
    assert not ScreeningInvitation.objects.exists()


def test_public_fill_in_page_shows_only_the_questions(client, carer, invitation_token):
    response = client.get(reverse("caregivers:screening_fill", args=[invitation_token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<fieldset") == 9
    for detail in (carer.first_name, carer.last_name, carer.email, carer.phone):
        assert detail not in body
    assert "no-store" in response["Cache-Control"]  # never_cache: not kept by any cache


def test_carer_fills_in_once_and_a_double_submit_records_once(client, carer, invitation_token):
    url = reverse("caregivers:screening_fill", args=[invitation_token])
    response = client.post(url, ediz_post(4))
    assert response.status_code == 302
    assert response["Location"] == reverse("caregivers:screening_thanks")
    thanks = client.get(response["Location"])
    assert "Bedankt voor uw antwoorden" in thanks.content.decode()
    again = client.post(url, ediz_post(9))
    assert again.status_code == 410
    assert "Deze vragenlijst is al ingevuld" in again.content.decode()
    assert client.get(url).status_code == 410
    result = Screening.objects.get()
    assert result.score == 4 and result.recorded_by is None


def test_carer_missing_an_answer_sees_the_question_again(client, invitation_token):
    url = reverse("caregivers:screening_fill", args=[invitation_token])
    data = ediz_post(4)
    del data["item_9"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kies een antwoord." in response.content.decode()
    assert not Screening.objects.exists()
    assert ScreeningInvitation.objects.get().used_at is None


def test_expired_link_gets_410_and_unknown_link_404(client, invitation_token):
    ScreeningInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client.get(reverse("caregivers:screening_fill", args=[invitation_token]))
    assert expired.status_code == 410
    assert "Deze link is verlopen" in expired.content.decode()
    posted = client.post(
        reverse("caregivers:screening_fill", args=[invitation_token]), ediz_post(1)
    )
    assert posted.status_code == 410 and not Screening.objects.exists()
    unknown = client.get(reverse("caregivers:screening_fill", args=["x" * 43]))
    assert unknown.status_code == 404
    assert "Deze link werkt niet" in unknown.content.decode()


# --- The Vroegsignalen work queue -----------------------------------------------------------------


def test_queue_lists_open_alerts_of_the_municipality(consultant_client, carer, heerde):
    open_alert, done = make_alerts(carer, 2)
    done.resolved_at = timezone.now()
    done.resolution = "Gebeld"
    done.save()
    other = CaregiverFactory(municipality=heerde, first_name="Bert", last_name="Bakker")
    make_alerts(other, 1)
    response = consultant_client.get(reverse("caregivers:alerts"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Anna de Vries" in body and "Bert Bakker" in body
    assert f'id="alert-{open_alert.pk}-heading"' in body
    assert f'id="alert-{done.pk}-heading"' not in body
    assert "2 open vroegsignalen" in body
    assert 'href="/carers/signals/"' in body  # the navigation entry


def test_queue_hides_alerts_of_another_municipality(epe_client, carer):
    make_alerts(carer, 1)
    response = epe_client.get(reverse("caregivers:alerts"))
    assert response.status_code == 200
    assert "Anna de Vries" not in response.content.decode()
    assert "Er zijn geen open vroegsignalen." in response.content.decode()


def test_queue_query_count_does_not_grow_with_the_alerts(
    consultant_client, heerde, django_assert_num_queries
):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert consultant_client.get(reverse("caregivers:alerts")).status_code == 200
        return len(captured)

    for _ in range(3):
        make_alerts(CaregiverFactory(municipality=heerde), 1)
    count_queries()  # warm up: the session and content types are cached afterwards
    baseline = count_queries()
    with django_assert_num_queries(baseline):
        consultant_client.get(reverse("caregivers:alerts"))
    for _ in range(27):
        make_alerts(CaregiverFactory(municipality=heerde), 1)
    assert BurdenWarning.objects.count() == 30
    with django_assert_num_queries(baseline):
        response = consultant_client.get(reverse("caregivers:alerts"))
    assert response.content.decode().count("<article") == 25


def test_resolve_needs_a_description(consultant_client, carer):
    (alert,) = make_alerts(carer, 1)
    url = reverse("caregivers:alert_resolve", args=[alert.pk])
    response = consultant_client.post(url, {f"a{alert.pk}-resolution": "  "})
    assert response.status_code == 400
    assert "Beschrijf wat er met dit vroegsignaal is gedaan." in response.content.decode()
    alert.refresh_from_db()
    assert alert.resolved_at is None
    response = consultant_client.post(url, {f"a{alert.pk}-resolution": "Gebeld en bezocht"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.resolved_at is not None and alert.resolution == "Gebeld en bezocht"
    assert consultant_client.post(url, {f"a{alert.pk}-resolution": "Nog eens"}).status_code == 404


def test_consultant_of_another_municipality_cannot_resolve(epe_client, carer):
    (alert,) = make_alerts(carer, 1)
    url = reverse("caregivers:alert_resolve", args=[alert.pk])
    assert epe_client.post(url, {f"a{alert.pk}-resolution": "Weg ermee"}).status_code == 404
    alert.refresh_from_db()
    assert alert.resolved_at is None


def test_a_consultant_reports_a_warning_to_the_central_contact_point(consultant_client, carer):
    # Another municipality's consultant gets 404: the URL x role walk (tests/access.py).
    from omzien.concerns.models import Concern

    (alert,) = make_alerts(carer, 1)
    page = consultant_client.get(reverse("caregivers:detail", args=[carer.pk])).content.decode()
    assert "Melden bij het centrale aanspreekpunt" in page
    url = reverse("caregivers:alert_report", args=[alert.pk])
    data = {"observation": "Zij redt het niet meer.", "urgency": "normal", "consent": "not_yet"}
    assert consultant_client.post(url, {**data, "consent": ""}).status_code == 200
    assert consultant_client.post(url, data).status_code == 302
    # A retried request goes back to the carer; still one concern.
    assert consultant_client.post(url, data).status_code == 302
    concern = Concern.objects.get()
    assert concern.caregiver == carer
    page = consultant_client.get(reverse("caregivers:detail", args=[carer.pk])).content.decode()
    assert reverse("concerns:detail", args=[concern.pk]) in page


# --- Settings --------------------------------------------------------------------------------


def test_admin_edits_the_carer_settings(admin_client, heerde, admin_heerde):
    url = reverse("caregivers:settings")
    assert admin_client.get(url).status_code == 200
    data = {
        "ediz_heavy_threshold": 5,
        "ediz_rise_alert": 3,
        "ggd_rise_alert": 1,
        "young_ediz_threshold": 3,
        "young_carer_age_limit": 18,
        "contact_due_days": 7,
        "no_contact_months": 12,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    current = CaregiverSettings.objects.get(municipality=heerde)
    assert (current.ediz_heavy_threshold, current.ediz_rise_alert, current.no_contact_months) == (
        5,
        3,
        12,
    )
    event = AuditEvent.objects.get(object_type="caregivers.caregiversettings")
    assert event.actor == admin_heerde and event.municipality == heerde


def test_admin_settings_refuse_out_of_range_values(admin_client, heerde):
    response = admin_client.post(
        reverse("caregivers:settings"),
        {
            "ediz_heavy_threshold": 10,
            "ediz_rise_alert": 2,
            "ggd_rise_alert": 1,
            "young_ediz_threshold": 3,
            "young_carer_age_limit": 18,
            "contact_due_days": 7,
            "no_contact_months": 6,
        },
    )
    assert response.status_code == 200
    assert "Verbeter het volgende" in response.content.decode()
    assert CaregiverSettings.for_municipality(heerde).ediz_heavy_threshold == 6


def test_consultant_cannot_edit_settings(consultant_client):
    assert consultant_client.get(reverse("caregivers:settings")).status_code == 403


# --- The trend on the carer's page -----------------------------------------------------------


def _section(carer):
    screenings = list(Screening.objects.filter(caregiver=carer).order_by("taken_on", "pk"))
    return render_to_string(
        "caregivers/screening/_detail_section.html", {"carer": carer, "screenings": screenings}
    )


def test_detail_section_draws_a_chart_per_instrument_with_a_table(carer, consultant):
    today = timezone.localdate()
    for days, score in ((60, 2), (30, 5), (0, 7)):
        ScreeningFactory(
            caregiver=carer,
            instrument=caregivers_constants.Instrument.EDIZ,
            score=score,
            answers=[],
            heavily_burdened=score >= 6,
            taken_on=today - timedelta(days=days),
            recorded_by=consultant,
        )
    ScreeningFactory(
        caregiver=carer, instrument=caregivers_constants.Instrument.GGD, score=1, taken_on=today
    )
    html = _section(carer)
    assert html.count("<svg") == 2 and html.count("<polyline") == 1
    assert html.count("<rect") == 1 and html.count("<circle") == 3
    assert "style=" not in html and "<script" not in html
    # Numbers in SVG attributes are never localised with a decimal comma.
    assert not re.search(r'(cx|cy|x|y|x1|y1)="[0-9]+,[0-9]', html)
    assert html.count('<tr class="utrecht-table__row">') == 5  # header and four results
    assert "Cor Consulent" in html and "De mantelzorger zelf, via de link" in html
    assert "Zwaar belast" in html and ">Ja<" in html and ">Nee<" in html
    assert reverse("caregivers:screening_invite", args=[carer.pk]) in html


def test_detail_section_without_screenings(carer):
    html = _section(carer)
    assert "<svg" not in html and "Nog geen screenings." in html
    assert reverse("caregivers:screening_new", args=[carer.pk]) in html


def test_detail_section_runs_a_fixed_number_of_queries(carer, consultant):
    def queries_for(n: int) -> int:
        Screening.objects.all().delete()
        for i in range(n):
            ScreeningFactory(
                caregiver=carer,
                instrument=caregivers_constants.Instrument.EDIZ,
                score=i % 10,
                answers=[],
                heavily_burdened=False,
                recorded_by=consultant,
            )
        screenings = list(Screening.objects.filter(caregiver=carer).order_by("taken_on", "pk"))
        with CaptureQueriesContext(connection) as captured:
            render_to_string(
                "caregivers/screening/_detail_section.html",
                {"carer": carer, "screenings": screenings},
            )
        return len(captured)

    assert queries_for(2) == queries_for(20) <= 2


@pytest.mark.parametrize(("limit", "saved"), [(24, True), (21, True), (25, False), (17, False)])
def test_admin_sets_the_young_carer_age_from_18_to_24(admin_client, heerde, limit, saved):
    """Some municipalities count young carers up to 24 (issue 10, point 14)."""
    url = reverse("caregivers:settings")
    assert "young_carer_age_limit" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {
            "ediz_heavy_threshold": 6,
            "ediz_rise_alert": 2,
            "ggd_rise_alert": 1,
            "young_ediz_threshold": 3,
            "young_carer_age_limit": limit,
            "contact_due_days": 7,
            "no_contact_months": 6,
        },
    )
    assert response.status_code == (302 if saved else 200)
    stored = CaregiverSettings.for_municipality(heerde).young_carer_age_limit
    assert stored == (limit if saved else 18)
