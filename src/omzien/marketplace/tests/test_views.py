"""The beursvloer's pages: the public form (once per form key, rate limited), the private
link, the organisation's page, and the broker's lists at a bounded number of queries."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.marketplace import constants
from omzien.marketplace.models import Deal, Entry, Participant
from omzien.marketplace.selectors.deals import follow_up_count
from omzien.marketplace.services.entries import token_hash
from omzien.marketplace.tests.conftest import BUSINESS
from omzien.marketplace.tests.factories import (
    DealFactory,
    EntryFactory,
    ParticipantFactory,
    PreMatchFactory,
)
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def test_a_double_click_on_the_public_form_registers_once(
    client, event, django_capture_on_commit_callbacks
):
    url = reverse("marketplace:register", args=[event.pk])
    form = {**BUSINESS, "submission_key": "abc123"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, form)
        second = client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert Participant.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_public_form_shows_its_errors(client, event):
    response = client.post(reverse("marketplace:register", args=[event.pk]), {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Participant.objects.count() == 0


@override_settings(
    OMZIEN_RATE_LIMITS={"marketplace_register": {"ip": 1, "address": 10}},
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
)
def test_the_public_form_is_rate_limited(client, event):
    url = reverse("marketplace:register", args=[event.pk])
    client.post(url, {**BUSINESS, "submission_key": "one"})
    response = client.post(
        url, {**BUSINESS, "contact_email": "ander@example.org", "submission_key": "two"}
    )
    assert response.status_code == 429
    assert Participant.objects.count() == 1


def test_the_private_link_edits_entries_until_the_event(client, event):
    participant = ParticipantFactory(event=event, edit_token_hash=token_hash("geheim"))
    entry = EntryFactory(participant=participant)
    EntryFactory(participant=participant, direction=constants.Direction.REQUEST)
    response = client.get(reverse("marketplace:manage", args=["geheim"]))
    assert response.status_code == 200
    assert entry.title in response.content.decode()
    assert client.get(reverse("marketplace:manage", args=["fout"])).status_code == 404
    edit = reverse("marketplace:manage_edit", args=["geheim", entry.pk])
    data = {
        "direction": "offer",
        "kind": "skills",
        "title": "Nieuw",
        "description": "x",
        "hours": 3,
        "version": 1,
    }
    assert client.post(edit, data).status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Nieuw"
    client.post(reverse("marketplace:manage_delete", args=["geheim", entry.pk]))
    assert not Entry.objects.filter(pk=entry.pk).exists()


def test_a_member_adds_a_request_for_the_organisation(client, event, organisation, member):
    client.force_login(member)
    url = reverse("marketplace:organisation_add", args=[organisation.pk, event.pk])
    data = {
        "direction": "request",
        "kind": "time",
        "title": "Klussers",
        "description": "x",
        "hours": 8,
    }
    assert client.post(url, data).status_code == 302
    participant = Participant.objects.get(organisation=organisation)
    assert participant.entries.get().title == "Klussers"
    page = client.get(reverse("marketplace:organisation", args=[organisation.pk]))
    assert "Klussers" in page.content.decode()


def _fill(event, n):
    for i in range(n):
        giver = ParticipantFactory(event=event)
        receiver = ParticipantFactory(event=event, kind=constants.PartyKind.ORGANISATION)
        offer = EntryFactory(participant=giver, title=f"Schilders {i}")
        asks = EntryFactory(
            participant=receiver,
            direction=constants.Direction.REQUEST,
            title=f"Schilderen van het clubhuis {i}",
        )
        prematch = PreMatchFactory(event=event, offer=offer, request=asks)
        DealFactory(
            event=event,
            giver=giver,
            receiver=receiver,
            prematch=prematch,
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )


@pytest.mark.parametrize("name", ["event", "participants", "prematches", "deals", "deal_new"])
def test_the_broker_pages_cost_the_same_with_more_rows(client, broker, event, name):
    client = login_verified(client, broker)
    url = reverse(f"marketplace:{name}", args=[event.pk])
    _fill(event, 1)
    client.get(url)  # warm up (session, caches)

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(event, 9)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_figures_and_the_start_page(client, broker, event):
    client = login_verified(client, broker)
    _fill(event, 2)
    Deal.objects.filter(pk=Deal.objects.first().pk).update(status=constants.DealStatus.DONE)
    figures = client.get(reverse("marketplace:figures"))
    assert figures.status_code == 200
    [row] = figures.context["rows"]
    assert (row["deals"], row["completed"], row["offers"], row["requests"]) == (2, 1, 2, 2)
    assert row["businesses"].suppressed  # 2 businesses: below the minimum group
    assert follow_up_count(user=broker) == 1
