"""The concerns' services and selectors: reporting, handling, links, retention, visibility,
the queue's filters and query counts, the start page, figures and indicators."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.buddies.models import BuddyParticipant
from omzien.buddies.tests.factories import ParticipantFactory, ProgrammeFactory
from omzien.caregivers.models import Caregiver
from omzien.common.dates import add_working_days, start_of_day
from omzien.common.services import Actor, EditConflict
from omzien.concerns import constants, selectors, services
from omzien.concerns.constants import Kind, Outcome, Source, Status
from omzien.concerns.models import Concern, ConcernAction, ConcernSettings
from omzien.concerns.tests.factories import ConcernFactory
from omzien.directory.tests.factories import EntryFactory
from omzien.notifications.models import Notification
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.models import AuditEvent
from omzien.privacy.statistics import Period
from omzien.testing.dates import month_end_boundary
from omzien.testing.errors import error_codes

pytestmark = pytest.mark.django_db


def report(municipality, data, source=Source.PUBLIC, actor=None):
    return services.concern_report(
        municipality=municipality, data=data, source=source, actor=actor or Actor()
    )


# --- Reporting --------------------------------------------------------------------------------


def test_a_public_report_lands_new_with_its_first_contact_due(
    heerde, worker, consultant, report_data
):
    ConcernSettings.objects.create(municipality=heerde, first_contact_days=5)
    concern = report(heerde, report_data)
    assert concern.status == Status.NEW
    assert concern.resident_postcode == "8181 AA"
    assert concern.first_contact_due == add_working_days(timezone.localdate(), 5)
    assert concern.submitted_by is None
    # The welfare workers hear of it; a loneliness concern is none of the consultants'.
    assert list(Notification.objects.values_list("recipient", flat=True)) == [worker.pk]


def test_a_carer_overload_report_notifies_the_consultants_too(
    heerde, worker, consultant, report_data
):
    report(heerde, {**report_data, "kind": Kind.CARER_OVERLOAD})
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        worker.pk,
        consultant.pk,
    }


def test_the_default_first_contact_is_three_working_days(heerde, report_data):
    concern = report(heerde, report_data)
    assert concern.first_contact_due == add_working_days(timezone.localdate(), 3)


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"resident_name": "  "}, "resident_name", "required"),
        (
            {"resident_address": "", "resident_postcode": "", "resident_phone": ""},
            "resident_address",
            "no_way_to_reach",
        ),
        ({"life_event": ""}, "life_event", "required"),
        ({"observation": ""}, "observation", "required"),
        ({"consent": ""}, "consent", "required"),
        ({"resident_birth_year": 1850}, "resident_birth_year", "bad_year"),
    ],
)
def test_a_report_without_what_is_needed_is_refused(heerde, report_data, change, field, code):
    with pytest.raises(ValidationError) as caught:
        report(heerde, {**report_data, **change})
    assert code in error_codes(caught.value)[field]
    assert not Concern.objects.exists()


def test_a_life_event_is_kept_only_for_a_life_event(heerde, report_data):
    concern = report(heerde, {**report_data, "kind": Kind.LONELINESS})
    assert concern.life_event == ""


def test_only_a_referrer_reports_as_a_professional(heerde, referrer, worker, report_data):
    data = {**report_data, "profession": "gp", "organisation": "Huisartsenpraktijk Heerde"}
    with pytest.raises(PermissionDenied):
        report(heerde, data, Source.PROFESSIONAL, Actor(user=worker))
    concern = report(heerde, data, Source.PROFESSIONAL, Actor(user=referrer))
    assert concern.submitted_by == referrer
    assert concern.organisation == "Huisartsenpraktijk Heerde"
    assert concern.reporter_email == referrer.email


def test_a_professional_names_profession_and_organisation(heerde, referrer, report_data):
    with pytest.raises(ValidationError) as caught:
        report(heerde, report_data, Source.PROFESSIONAL, Actor(user=referrer))
    assert set(error_codes(caught.value)) == {"profession", "organisation"}


# --- Handling ---------------------------------------------------------------------------------


def test_assigning_notifies_the_worker_and_mails_the_public_reporter_once(
    heerde, worker, colleague, report_data, django_capture_on_commit_callbacks
):
    concern = report(heerde, {**report_data, "reporter_email": "buur@example.test"})
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_assign(concern=concern, assignee=colleague, actor=Actor(user=worker))
    reporter_mails = [m for m in mail.outbox if m.to == ["buur@example.test"]]
    assert len(reporter_mails) == 1
    assert "Greet" not in reporter_mails[0].body  # nothing about the resident
    assert Notification.objects.filter(recipient=colleague, kind="concern_assigned").exists()
    # The new-concern notification is resolved for everyone.
    assert not Notification.objects.filter(kind="concern_new", read_at__isnull=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_reassign(concern=concern, assignee=worker, actor=Actor(user=colleague))
    assert len([m for m in mail.outbox if m.to == ["buur@example.test"]]) == 1
    concern.refresh_from_db()
    assert concern.assigned_to == worker and concern.status == Status.ASSIGNED


def test_a_concern_is_assigned_only_to_someone_who_may_handle_it(
    heerde, worker, consultant, report_data
):
    concern = report(heerde, report_data)  # loneliness: not the consultants'
    with pytest.raises(ValidationError) as caught:
        services.concern_assign(concern=concern, assignee=consultant, actor=Actor(user=worker))
    assert error_codes(caught.value) == {"assignee": ["not_a_worker"]}


def test_contact_action_close_and_reopen(heerde, worker, report_data):
    actor = Actor(user=worker)
    concern = report(heerde, report_data)
    services.concern_assign(concern=concern, assignee=worker, actor=actor)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        services.concern_contact(
            concern=concern, done_on=today + datetime.timedelta(days=1), kind="phone", actor=actor
        )
    assert error_codes(caught.value) == {"done_on": ["future"]}
    services.concern_contact(
        concern=concern, done_on=today, kind="visit", note="Koffie gedronken.", actor=actor
    )
    services.concern_action_add(
        concern=concern, done_on=today, kind="note", note="Bel", actor=actor
    )
    services.concern_close(concern=concern, outcome=Outcome.SUPPORT_STARTED, actor=actor)
    concern.refresh_from_db()
    assert (concern.status, concern.first_contact_on, concern.outcome, concern.closed_on) == (
        Status.CLOSED,
        today,
        Outcome.SUPPORT_STARTED,
        today,
    )
    assert list(ConcernAction.objects.values_list("kind", flat=True)) == ["visit", "note"]
    with pytest.raises(ValidationError) as caught:
        services.concern_action_add(concern=concern, done_on=today, kind="note", actor=actor)
    assert caught.value.code == "closed"
    services.concern_reopen(concern=concern, note="Dochter belde opnieuw", actor=actor)
    concern.refresh_from_db()
    assert (concern.status, concern.outcome, concern.closed_on) == (Status.ASSIGNED, "", None)


def test_closing_records_the_offer_from_the_social_map(heerde, dalfsen, worker, report_data):
    actor = Actor(user=worker)
    concern = report(heerde, report_data)
    elsewhere = EntryFactory(municipality=dalfsen)
    with pytest.raises(ValidationError) as caught:
        services.concern_close(
            concern=concern, outcome=Outcome.REFERRED, entry_id=elsewhere.pk, actor=actor
        )
    assert error_codes(caught.value) == {"entry_id": ["invalid_entry"]}
    concern.refresh_from_db()
    assert (concern.status, concern.entry) == (Status.NEW, None)
    debts = EntryFactory(municipality=heerde, title="Schuldhulp Heerde")
    services.concern_close(
        concern=concern, outcome=Outcome.REFERRED, entry_id=debts.pk, actor=actor
    )
    concern.refresh_from_db()
    assert (concern.status, concern.entry) == (Status.CLOSED, debts)
    services.concern_reopen(concern=concern, note="Toch niet gestart", actor=actor)
    concern.refresh_from_db()
    assert concern.entry is None


def test_an_anonymised_concern_is_not_reopened(heerde, worker, report_data):
    actor = Actor(user=worker)
    concern = report(heerde, report_data)
    services.concern_close(concern=concern, outcome=Outcome.NOT_NEEDED, actor=actor)
    services.concern_anonymise(concern=concern, reason="test")
    with pytest.raises(ValidationError) as caught:
        services.concern_reopen(concern=concern, note="toch", actor=actor)
    assert caught.value.code == "anonymised"


# --- Registering the resident as a carer --------------------------------------------------------

CARER = {
    "first_name": "Greet",
    "last_name": "Jansen",
    "date_of_birth": datetime.date(1951, 3, 2),
    "reach_by": "phone",
    "phone": "0578123456",
    "postcode": "8181 AA",
}


def test_the_resident_of_an_overload_concern_is_registered_as_a_carer(heerde, worker, report_data):
    actor = Actor(user=worker)
    concern = report(heerde, {**report_data, "kind": Kind.CARER_OVERLOAD})
    services.concern_register_carer(concern=concern, data=dict(CARER), actor=actor)
    concern.refresh_from_db()
    carer = Caregiver.objects.get()
    assert concern.caregiver == carer
    assert carer.municipality == heerde and carer.first_name == "Greet"
    assert ConcernAction.objects.filter(concern=concern, kind="carer_registered").exists()
    with pytest.raises(ValidationError) as caught:
        services.concern_register_carer(concern=concern, data=dict(CARER), actor=actor)
    assert caught.value.code == "already_linked"


def test_a_duplicate_carer_is_found_and_linked_when_asked(heerde, worker, report_data):
    actor = Actor(user=worker)
    first = report(heerde, {**report_data, "kind": Kind.CARER_OVERLOAD})
    services.concern_register_carer(concern=first, data=dict(CARER), actor=actor)
    second = report(heerde, {**report_data, "kind": Kind.CARER_OVERLOAD})
    with pytest.raises(services.DuplicateCaregiver):
        services.concern_register_carer(concern=second, data=dict(CARER), actor=actor)
    assert not Concern.objects.get(pk=second.pk).caregiver_id
    services.concern_register_carer(
        concern=second, data=dict(CARER), actor=actor, on_duplicate="link"
    )
    assert Caregiver.objects.count() == 1
    assert Concern.objects.get(pk=second.pk).caregiver_id == first.caregiver_id or (
        Concern.objects.get(pk=second.pk).caregiver_id == Caregiver.objects.get().pk
    )


def test_only_overload_concerns_register_a_carer(heerde, worker, report_data):
    concern = report(heerde, report_data)
    with pytest.raises(ValidationError) as caught:
        services.concern_register_carer(concern=concern, data=dict(CARER), actor=Actor(user=worker))
    assert caught.value.code == "not_overload"


BUDDY = {
    "name": "Greet Jansen",
    "phone": "0578 123 456",
    "date_of_birth": datetime.date(1941, 3, 2),
}


def test_the_resident_is_proposed_for_a_buddy_programme_in_one_step(
    heerde, worker, report_data, make_member
):
    broker = make_member(Role.BROKER, heerde)
    programme = ProgrammeFactory(municipality=heerde)
    concern = report(heerde, report_data)
    action = services.concern_propose_buddy(
        concern=concern, programme_id=programme.pk, data=dict(BUDDY), actor=Actor(user=worker)
    )
    participant = BuddyParticipant.objects.get()
    assert participant.programme == programme and participant.side == "a"
    assert participant.name == "Greet Jansen" and participant.created_by == worker
    assert action.participant == participant and action.kind == "buddy_proposed"
    assert action.note == programme.name
    # The resident's timeline shows it.
    history = selectors.concern_history(concern=concern)
    assert [a.kind for a in history["actions"]] == ["buddy_proposed"]
    assert Notification.objects.filter(recipient=broker, kind="buddy_proposed").count() == 1
    with pytest.raises(ValidationError) as caught:
        services.concern_propose_buddy(
            concern=concern,
            programme_id=programme.pk,
            data=dict(BUDDY),
            actor=Actor(user=worker),
            on_duplicate="link",
        )
    assert caught.value.code == "already_linked"


def test_a_participant_already_in_the_programme_is_found_and_linked_when_asked(
    heerde, worker, report_data
):
    programme = ProgrammeFactory(municipality=heerde)
    there = ParticipantFactory(
        programme=programme,
        name="greet  JANSEN",
        phone="",
        email="g@example.org",
        date_of_birth=BUDDY["date_of_birth"],
    )
    concern = report(heerde, report_data)
    actor = Actor(user=worker)
    with pytest.raises(services.DuplicateParticipant):
        services.concern_propose_buddy(
            concern=concern, programme_id=programme.pk, data=dict(BUDDY), actor=actor
        )
    assert not ConcernAction.objects.filter(concern=concern).exists()
    action = services.concern_propose_buddy(
        concern=concern,
        programme_id=programme.pk,
        data=dict(BUDDY),
        actor=actor,
        on_duplicate="link",
    )
    assert action.participant == there and BuddyParticipant.objects.count() == 1
    # Someone who left does not count, nor someone of the same name born on another day.
    there.left_on = timezone.localdate()
    there.save()
    other = report(heerde, report_data)
    services.concern_propose_buddy(
        concern=other, programme_id=programme.pk, data=dict(BUDDY), actor=actor
    )
    assert BuddyParticipant.objects.count() == 2


def test_another_municipalitys_programme_cannot_be_chosen(heerde, dalfsen, worker, report_data):
    elsewhere = ProgrammeFactory(municipality=dalfsen)
    inactive = ProgrammeFactory(municipality=heerde, active=False)
    concern = report(heerde, report_data)
    for programme in (elsewhere, inactive):
        with pytest.raises(ValidationError) as caught:
            services.concern_propose_buddy(
                concern=concern,
                programme_id=programme.pk,
                data=dict(BUDDY),
                actor=Actor(user=worker),
            )
        assert error_codes(caught.value) == {"programme": ["invalid_programme"]}
    assert not BuddyParticipant.objects.exists()


def test_only_a_worker_of_the_concern_proposes_and_not_when_closed(
    heerde, dalfsen, worker, report_data, make_member
):
    programme = ProgrammeFactory(municipality=heerde)
    concern = report(heerde, report_data)
    stranger = make_member(Role.WELFARE_WORKER, dalfsen)
    with pytest.raises(PermissionDenied):
        services.concern_propose_buddy(
            concern=concern, programme_id=programme.pk, data=dict(BUDDY), actor=Actor(user=stranger)
        )
    services.concern_close(concern=concern, outcome=Outcome.NOT_NEEDED, actor=Actor(user=worker))
    with pytest.raises(ValidationError) as caught:
        services.concern_propose_buddy(
            concern=concern, programme_id=programme.pk, data=dict(BUDDY), actor=Actor(user=worker)
        )
    assert caught.value.code == "closed"


# --- Retention --------------------------------------------------------------------------------


def test_retention_removes_the_public_reporter_once_closed(heerde, worker, report_data):
    data = {**report_data, "reporter_name": "Buurvrouw", "reporter_email": "buur@example.test"}
    open_one = report(heerde, data)
    closed = report(heerde, data)
    services.concern_close(concern=closed, outcome=Outcome.REFERRED, actor=Actor(user=worker))
    assert services.concerns_apply_retention() == 1
    closed.refresh_from_db()
    open_one.refresh_from_db()
    assert (closed.reporter_name, closed.reporter_email) == ("", "")
    assert closed.resident_name == "Greet Jansen"  # support came of it: kept
    assert open_one.reporter_email == "buur@example.test"


def test_retention_anonymises_a_concern_that_led_to_nothing_after_the_period(
    heerde, worker, report_data
):
    actor = Actor(user=worker)
    nothing = report(heerde, report_data)
    services.concern_action_add(
        concern=nothing, done_on=timezone.localdate(), kind="note", note="Greet belde", actor=actor
    )
    services.concern_close(concern=nothing, outcome=Outcome.DECLINED, actor=actor)
    support = report(heerde, report_data)
    services.concern_close(concern=support, outcome=Outcome.SUPPORT_STARTED, actor=actor)
    today = timezone.localdate()
    Concern.objects.update(closed_on=today - datetime.timedelta(days=360))
    services.concerns_apply_retention(today=today)
    nothing.refresh_from_db()
    assert nothing.anonymised_at is None  # 12 months have not passed
    Concern.objects.update(closed_on=today - datetime.timedelta(days=370))
    services.concerns_apply_retention(today=today)
    nothing.refresh_from_db()
    support.refresh_from_db()
    assert nothing.resident_name == ANONYMOUS_NAME and nothing.observation == ""
    assert ConcernAction.objects.get(concern=nothing).note == ""
    assert support.resident_name == "Greet Jansen"


def test_the_anonymisation_period_is_a_setting(heerde, worker, report_data):
    ConcernSettings.objects.create(municipality=heerde, anonymise_after_months=3)
    concern = report(heerde, report_data)
    services.concern_close(concern=concern, outcome=Outcome.UNREACHABLE, actor=Actor(user=worker))
    today = timezone.localdate()
    Concern.objects.update(closed_on=today - datetime.timedelta(days=100))
    services.concerns_apply_retention(today=today)
    concern.refresh_from_db()
    assert concern.anonymised_at is not None


def test_a_closed_concern_is_anonymised_on_the_day_its_months_have_passed_also_at_a_month_end(
    heerde,
):
    months = constants.DEFAULT_ANONYMISE_AFTER_MONTHS
    today, due, not_yet = month_end_boundary(months)
    closed = {"municipality": heerde, "status": Status.CLOSED, "outcome": Outcome.DECLINED}
    old = ConcernFactory(**closed, closed_on=due)
    young = ConcernFactory(**closed, closed_on=not_yet)
    services.concerns_apply_retention(today=today)
    old.refresh_from_db()
    young.refresh_from_db()
    assert old.anonymised_at is not None
    assert young.anonymised_at is None


# --- Visibility, the queue, the start page ------------------------------------------------------


def test_consultants_see_only_concerns_about_carer_overload(
    heerde, dalfsen, worker, consultant, make_member
):
    lonely = ConcernFactory(municipality=heerde, kind=Kind.LONELINESS)
    overload = ConcernFactory(municipality=heerde, kind=Kind.CARER_OVERLOAD)
    elsewhere = ConcernFactory(municipality=dalfsen, kind=Kind.CARER_OVERLOAD)
    assert set(Concern.objects.visible_to(worker)) == {lonely, overload}
    assert set(Concern.objects.visible_to(consultant)) == {overload}
    assert set(Concern.objects.visible_to(make_member(Role.POLICY_ADVISOR, heerde))) == set()
    assert set(Concern.objects.visible_to(make_member(Role.WELFARE_WORKER, dalfsen))) == {elsewhere}


def test_the_queue_filters(heerde, worker, colleague):
    today = timezone.localdate()
    new = ConcernFactory(municipality=heerde)
    overdue = ConcernFactory(
        municipality=heerde,
        status=Status.ASSIGNED,
        assigned_to=colleague,
        first_contact_due=today - datetime.timedelta(days=1),
    )
    mine = ConcernFactory(municipality=heerde, status=Status.IN_CONTACT, assigned_to=worker)
    closed = ConcernFactory(municipality=heerde, status=Status.CLOSED, outcome="referred")

    def shown(show):
        return set(selectors.queue_list(user=worker, show=show))

    assert shown("open") == {new, overdue, mine}
    assert shown("new") == {new}
    assert shown("unassigned") == {new}
    assert shown("overdue") == {overdue}
    assert shown("mine") == {mine}
    assert shown("closed") == {closed}
    assert selectors.todo_counts(user=worker) == {"new": 1, "overdue": 1, "mine": 1}


def _queue_queries(actor) -> int:
    with CaptureQueriesContext(connection) as queries:
        page = selectors.queue_page(actor=actor, page_number=1, per_page=25)
        assert page.object_list
    return len(queries)


@pytest.mark.parametrize("show", ["open", "overdue", "mine"])
def test_the_queue_costs_the_same_queries_at_two_sizes(heerde, worker, colleague, show):
    actor = Actor(user=worker)
    for n in range(3):
        ConcernFactory(municipality=heerde, assigned_to=worker if n % 2 else colleague)
    small = _queue_queries(actor)
    for n in range(40):
        ConcernFactory(municipality=heerde, assigned_to=worker if n % 2 else colleague)
    assert _queue_queries(actor) == small


@pytest.mark.parametrize("show", ["open", "all"])
def test_a_queue_page_shows_the_queues_rows_in_its_order(heerde, worker, show):
    today = timezone.localdate()
    for n in range(5):
        ConcernFactory(
            municipality=heerde, first_contact_due=today + datetime.timedelta(days=(n * 3) % 5)
        )
    ConcernFactory(municipality=heerde, status=Status.CLOSED, outcome="referred")
    everything = list(selectors.queue_list(user=worker, show=show))
    pages = [
        selectors.queue_page(actor=Actor(user=worker), page_number=n, per_page=2, show=show)
        for n in (1, 2, 3)
    ]
    assert [c for page in pages for c in page.object_list] == everything
    assert pages[0].object_list[0].municipality.name == heerde.name


def test_a_queue_page_audits_which_concerns_it_showed(heerde, worker):
    shown = ConcernFactory(municipality=heerde)
    selectors.queue_page(actor=Actor(user=worker), page_number=1, per_page=25)
    event = AuditEvent.objects.get(reason="concern queue")
    assert event.extra["shown"] == [f"concerns.concern:{shown.pk}"]
    assert event.municipality == heerde


def test_the_start_page_shows_welfare_workers_their_work(heerde, worker, consultant):
    ConcernFactory(municipality=heerde)
    [section] = selectors.todos(worker)
    assert [todo.count for todo in section.todos] == [1, 0, 0]
    assert selectors.todos(consultant) == []


# --- Figures and indicators -------------------------------------------------------------------


def test_figures_are_suppressed_below_five_and_give_the_median(heerde, worker):
    year = timezone.localdate().year - 1
    when = start_of_day(datetime.date(year, 3, 2)) + datetime.timedelta(hours=10)  # a Monday
    for n in range(11):
        concern = ConcernFactory(
            municipality=heerde,
            kind=Kind.LONELINESS if n < 6 else Kind.DEMENTIA,
            source=Source.PROFESSIONAL if n < 3 else Source.PUBLIC,
            # Reached after 1, 2 or 3 working days.
            first_contact_on=datetime.date(year, 3, 2 + n % 3 + 1),
        )
        Concern.objects.filter(pk=concern.pk).update(created_at=when)
    stats = selectors.concern_stats(municipality=heerde, period=Period.parse(str(year)))
    kinds = dict(stats["kind"].rows)
    assert kinds[str(Kind.LONELINESS.label)].value == 6
    assert kinds[str(Kind.DEMENTIA.label)].value == 5
    assert stats["total"].value == 11
    sources = dict(stats["source"].rows)
    assert sources[str(Source.PROFESSIONAL.label)].suppressed  # 3
    assert sources[str(Source.PUBLIC.label)].suppressed  # else 11 - 8 gives the 3 away
    assert stats["median_days"].value == 2


def test_a_month_and_its_quarter_never_give_a_small_group_away(heerde):
    """March 7 concerns, January 3: March and the first quarter both shown would give the
    3 of January away (10 - 7)."""
    year = timezone.localdate().year - 1
    for month, count in ((1, 3), (3, 7)):
        for _n in range(count):
            concern = ConcernFactory(municipality=heerde)
            Concern.objects.filter(pk=concern.pk).update(
                created_at=start_of_day(datetime.date(year, month, 10))
                + datetime.timedelta(hours=9)
            )
    shown = {}
    for code in (f"{year}-03", f"{year}-Q1", f"{year}-01", f"{year}-02", str(year)):
        period = Period.parse(code)
        shown[code] = selectors.concern_stats(municipality=heerde, period=period)["total"].value
    assert shown[f"{year}-01"] is None
    month, quarter = shown[f"{year}-03"], shown[f"{year}-Q1"]
    assert month is None or quarter is None or not 1 <= quarter - month <= 4
    year_total = shown[str(year)]
    assert quarter is None or year_total is None or not 1 <= year_total - quarter <= 4
    # The tables by kind, source and outcome are for a whole year only.
    march = selectors.concern_stats(municipality=heerde, period=Period.parse(f"{year}-03"))
    assert march["kind"] is None and march["source"] is None and march["outcome"] is None


def test_the_median_is_hidden_for_fewer_than_five_contacts(heerde):
    year = timezone.localdate().year - 1
    for _n in range(4):
        concern = ConcernFactory(municipality=heerde, first_contact_on=datetime.date(year, 3, 4))
        Concern.objects.filter(pk=concern.pk).update(
            created_at=start_of_day(datetime.date(year, 3, 2)) + datetime.timedelta(hours=10)
        )
    stats = selectors.concern_stats(municipality=heerde, period=Period.parse(str(year)))
    assert stats["median_days"].suppressed
    assert stats["total"].suppressed


def test_indicators(heerde):
    year = timezone.localdate().year - 1
    when = start_of_day(datetime.date(year, 6, 1)) + datetime.timedelta(hours=10)
    for n in range(4):
        concern = ConcernFactory(
            municipality=heerde,
            source=Source.PROFESSIONAL if n else Source.PUBLIC,
            first_contact_on=datetime.date(year, 6, 2),
            first_contact_due=datetime.date(year, 6, 1 + 2 * n),
            status=Status.CLOSED,
            outcome=Outcome.SUPPORT_STARTED if n < 2 else Outcome.DECLINED,
        )
        Concern.objects.filter(pk=concern.pk).update(created_at=when)
    result = selectors.concern_indicators(municipality=heerde, period=Period.parse(str(year)))
    assert result["concerns.reported"].value == 4
    assert result["concerns.reported_by_professionals"].value == 3
    assert result["concerns.closed_support_started"].value == 2
    assert (
        result["concerns.first_contact_on_time"].numerator,
        result["concerns.first_contact_on_time"].denominator,
    ) == (3, 4)


def test_constants_that_lead_to_nothing_are_the_three_outcomes():
    assert set(constants.NOTHING_CAME_OF_IT) == {"not_needed", "unreachable", "declined"}


def test_the_settings_refuse_a_stale_edit(heerde, make_member):
    admin = Actor(make_member(Role.MUNICIPALITY_ADMIN, heerde))
    services.concern_settings_update(
        municipality=heerde, data={"first_contact_days": 3}, actor=admin, version=1
    )
    with pytest.raises(EditConflict):
        services.concern_settings_update(
            municipality=heerde, data={"anonymise_after_months": 24}, actor=admin, version=1
        )
    found = ConcernSettings.for_municipality(heerde)
    assert (found.first_contact_days, found.version) == (3, 2)
    assert found.anonymise_after_months != 24
