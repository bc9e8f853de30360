"""The public calendar: filters, bounded queries, sign-up through the page, the cancel link,
the home page block and "Mijn aanmeldingen"."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone

from omzien.accounts.constants import Role
from omzien.activities import constants
from omzien.activities.models import SignUp
from omzien.activities.tests.factories import (
    ActivityFactory,
    OccurrenceFactory,
    SignUpFactory,
    TargetGroupFactory,
    next_week_at,
)
from omzien.tenants.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def make_dates(municipality, n, locality=None):
    for i in range(n):
        activity = ActivityFactory(municipality=municipality, locality=locality)
        TargetGroupFactory(activity=activity, group="carers")
        TargetGroupFactory(activity=activity, group="older_people")
        date = OccurrenceFactory(activity=activity, starts_at=next_week_at(10 + i % 8))
        SignUpFactory(occurrence=date)


@pytest.mark.parametrize(
    "url",
    [
        lambda: (
            reverse("activities_public:calendar")
            + "?periode=maand&datum="
            + (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
        ),
        lambda: (
            reverse("activities_public:calendar")
            + "?datum="
            + (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
        ),
        lambda: reverse("ui:home"),
        lambda: reverse("activities_public:feed_municipality", args=["heerde"]),
    ],
)
def test_pages_cost_the_same_at_one_and_five_times_the_dates(client, heerde, url):
    make_dates(heerde, 2)
    small = queries(client, url())
    make_dates(heerde, 8)
    assert queries(client, url()) == small


def test_the_calendar_filters_by_village_and_target_group(client, heerde):
    veessen = LocalityFactory(municipality=heerde, name="Veessen")
    wapenveld = LocalityFactory(municipality=heerde, name="Wapenveld")
    walk = ActivityFactory(municipality=heerde, title="Wandelgroep Veessen", locality=veessen)
    cafe = ActivityFactory(municipality=heerde, title="Alzheimer Café", locality=wapenveld)
    TargetGroupFactory(activity=cafe, group="dementia")
    OccurrenceFactory(activity=walk)
    OccurrenceFactory(activity=cafe)
    day = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    url = reverse("activities_public:calendar")
    page = client.get(url, {"datum": day}).content.decode()
    assert "Wandelgroep Veessen" in page and "Alzheimer Café" in page
    page = client.get(url, {"datum": day, "kern": veessen.pk}).content.decode()
    assert "Wandelgroep Veessen" in page and "Alzheimer Café" not in page
    page = client.get(url, {"datum": day, "doelgroep": "dementia"}).content.decode()
    assert "Wandelgroep Veessen" not in page and "Alzheimer Café" in page
    # A wrong filter value is shown as an error on the form, never a 500.
    response = client.get(url, {"datum": "gisteren", "kern": "x"})
    assert response.status_code == 200


def test_a_visitor_signs_up_without_an_account_and_cancels_by_link(
    client, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    date = OccurrenceFactory(activity=ActivityFactory(municipality=heerde, capacity=1))
    url = reverse("activities_public:occurrence", args=[date.pk])
    response = client.post(url, {"name": "", "email": ""})
    assert response.status_code == 200
    assert "Vul een e-mailadres of een telefoonnummer in." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Anna de Vries", "email": "anna@example.org"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "U bent aangemeld" in page
    assert len(mailoutbox) == 1
    # The next one goes on the waiting list.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Bert Smit", "phone": "06 12345678"})
    assert SignUp.objects.get(name="Bert Smit").status == constants.SignUpStatus.WAITING
    cancel = next(
        line for line in mailoutbox[0].body.splitlines() if "/activiteiten/afmelden/" in line
    )
    path = cancel[cancel.index("/activiteiten/") :]
    assert "Ja, meld mij af" in client.get(path).content.decode()
    response = client.post(path)
    assert "U bent afgemeld" in response.content.decode()
    assert SignUp.objects.get(name="Bert Smit").status == constants.SignUpStatus.CONFIRMED
    assert client.get("/activiteiten/afmelden/onzin/").status_code == 404


def test_the_public_sign_up_is_rate_limited(client, heerde, settings):
    settings.OMZIEN_RATE_LIMITS = {
        **settings.OMZIEN_RATE_LIMITS,
        "activity_signup": {"ip": 2, "address": 2},
    }
    date = OccurrenceFactory(activity=ActivityFactory(municipality=heerde, capacity=None))
    url = reverse("activities_public:occurrence", args=[date.pk])
    for n in range(2):
        assert client.post(url, {"name": f"P{n}", "email": f"p{n}@example.org"}).status_code == 302
    response = client.post(url, {"name": "P3", "email": "p3@example.org"})
    assert response.status_code == 429
    assert SignUp.objects.count() == 2


def test_the_home_page_shows_the_next_dates_near_the_chosen_village(client, heerde):
    veessen = LocalityFactory(municipality=heerde, name="Veessen")
    elsewhere = ActivityFactory(municipality=heerde, title="Informatieavond Heerde")
    near = ActivityFactory(municipality=heerde, title="Wandelgroep Veessen", locality=veessen)
    OccurrenceFactory(activity=elsewhere, starts_at=next_week_at(9))
    OccurrenceFactory(activity=near, starts_at=next_week_at(20))
    page = client.get(reverse("ui:home")).content.decode()
    assert page.index("Informatieavond Heerde") < page.index("Wandelgroep Veessen")
    page = client.get(reverse("ui:home"), {"kern": veessen.pk}).content.decode()
    assert "Activiteiten bij Veessen" in page
    assert page.index("Wandelgroep Veessen") < page.index("Informatieavond Heerde")
    # Remembered in the session.
    assert "Activiteiten bij Veessen" in client.get(reverse("ui:home")).content.decode()


def test_my_sign_ups_on_the_start_page_and_cancel(client, heerde, make_member):
    resident = make_member(Role.RESIDENT, heerde)
    date = OccurrenceFactory(activity=ActivityFactory(municipality=heerde, title="NL Doet"))
    mine = SignUpFactory(occurrence=date, user=resident, email=resident.email)
    other = SignUpFactory(occurrence=date)
    client.force_login(resident)
    assert "NL Doet" in client.get(reverse("ui:dashboard")).content.decode()
    page = client.get(reverse("activities_public:mine")).content.decode()
    assert "Afmelden: NL Doet" in page
    assert client.post(reverse("activities_public:mine_cancel", args=[other.pk])).status_code == 404
    response = client.post(reverse("activities_public:mine_cancel", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == constants.SignUpStatus.CANCELLED


def test_an_organisation_member_finds_the_organiser_pages_on_the_start_page(
    client, heerde, make_member
):
    from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    club = OrganisationFactory(municipality=heerde, name="Stip Heerde")
    OrganisationMemberFactory(organisation=club, user=user)
    client.force_login(user)
    page = client.get(reverse("ui:dashboard")).content.decode()
    assert "Activiteiten van Stip Heerde" in page
    assert reverse("activities:org_list", args=[club.pk]) in page


def test_each_date_shows_its_place_kind_groups_and_whether_it_is_full(client, heerde):
    """What a date shows is worked out once per activity (selectors.calendar._with_listing);
    each of its dates shows it, with its own full or cancelled state."""
    veessen = LocalityFactory(municipality=heerde, name="Veessen")
    walk = ActivityFactory(
        municipality=heerde,
        title="Wandelgroep",
        kind=constants.Kind.WALKING,
        locality=veessen,
        address="Kerkweg 2",
        capacity=2,
    )
    TargetGroupFactory(activity=walk, group="older_people")
    TargetGroupFactory(activity=walk, group="carers")
    full = OccurrenceFactory(activity=walk, starts_at=next_week_at(10))
    SignUpFactory.create_batch(2, occurrence=full)
    OccurrenceFactory(activity=walk, starts_at=next_week_at(14))
    OccurrenceFactory(
        activity=walk, starts_at=next_week_at(16), cancelled_at=timezone.now(), cancel_message="-"
    )
    online = ActivityFactory(municipality=heerde, title="Online cursus", address="")
    OccurrenceFactory(activity=online, starts_at=next_week_at(11))
    day = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    page = client.get(reverse("activities_public:calendar"), {"datum": day}).content.decode()
    assert page.count("Kerkweg 2, Veessen") == 3
    assert page.count("Voor: mantelzorgers, ouderen") == 3
    assert page.count("Vol: wachtlijst") == 1
    assert page.count("Gaat niet door") == 1
    assert "Online cursus" in page
    # The times as the date and time filters write them.
    starts, ends = timezone.localtime(full.starts_at), timezone.localtime(full.ends_at)
    assert (
        f'<time datetime="{dateformat.format(starts, "c")}">'
        f"{dateformat.time_format(starts, 'H:i')}</time>–{dateformat.time_format(ends, 'H:i')}"
    ) in page
