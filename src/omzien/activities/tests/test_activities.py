"""Creating and editing an activity: its dates follow the rule; dates with sign-ups that the
new rule drops are cancelled with a message, the others move; the nightly run extends."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from omzien.activities import constants
from omzien.activities.models import Activity, Occurrence, SignUp
from omzien.activities.services import activities as services
from omzien.activities.services import signups as signup_services
from omzien.activities.services.occurrences import occurrences_extend
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db


def first_tuesday_after(day: datetime.date) -> datetime.date:
    month = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return month + datetime.timedelta(days=(1 - month.weekday()) % 7)


def data(**changes) -> dict:
    first = first_tuesday_after(timezone.localdate())
    starts_at = timezone.make_aware(datetime.datetime.combine(first, datetime.time(19, 30)))
    return {
        "title": "Lotgenotenbijeenkomst Heerde",
        "description": "Elke eerste dinsdag van de maand.",
        "kind": constants.Kind.PEER_SUPPORT,
        "address": "Dorpshuis, Dorpsstraat 1",
        "capacity": 12,
        "cost": "",
        "signup_required": True,
        "starts_at": starts_at,
        "duration_minutes": 120,
        "repeat": constants.Repeat.MONTHLY_NTH,
        "until": None,
        "count": 6,
        "target_groups": ["carers", "dementia"],
        **changes,
    }


def test_create_makes_the_dates(heerde):
    activity = services.activity_create(municipality=heerde, data=data(), actor=Actor())
    dates = list(activity.occurrences.order_by("starts_at"))
    assert len(dates) == 6
    assert all(timezone.localtime(d.starts_at).weekday() == 1 for d in dates)
    assert all(timezone.localtime(d.starts_at).day <= 7 for d in dates)
    assert all(d.ends_at - d.starts_at == datetime.timedelta(hours=2) for d in dates)
    assert activity.rrule == "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"
    assert sorted(activity.target_groups.values_list("group", flat=True)) == ["carers", "dementia"]
    assert AuditEvent.objects.filter(object_type="activities.activity", action="create").exists()


def test_a_one_off_event_beyond_the_horizon_has_its_date_at_once(heerde, settings):
    """Next year's event, entered well ahead: its date is in the calendar and open for sign-up
    from the start (the nightly run makes repetitions only, so it would never come)."""
    settings.OMZIEN_ACTIVITY_HORIZON_DAYS = 60
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=400)
    activity = services.activity_create(
        municipality=heerde,
        data=data(starts_at=starts_at, repeat=constants.Repeat.ONCE, count=None),
        actor=Actor(),
    )
    assert list(activity.occurrences.values_list("starts_at", flat=True)) == [starts_at]


def test_an_address_or_a_link_is_needed_and_the_village_must_be_local(heerde, dalfsen):
    with pytest.raises(ValidationError) as error:
        services.activity_create(municipality=heerde, data=data(address=""), actor=Actor())
    assert "address" in error.value.message_dict
    elsewhere = LocalityFactory(municipality=dalfsen)
    with pytest.raises(ValidationError) as error:
        services.activity_create(municipality=heerde, data=data(locality=elsewhere), actor=Actor())
    assert "locality" in error.value.message_dict
    assert not Activity.objects.exists()


def test_editing_the_rule_moves_free_dates_and_cancels_those_with_sign_ups(
    heerde, mailoutbox, django_capture_on_commit_callbacks
):
    activity = services.activity_create(municipality=heerde, data=data(), actor=Actor())
    dates = list(activity.occurrences.order_by("starts_at"))
    with django_capture_on_commit_callbacks(execute=True):
        signup_services.signup_create(
            occurrence_id=dates[1].pk, name="Anna", email="anna@example.org", actor=Actor()
        )
    mailoutbox.clear()
    # Now on the second Tuesday: every old date is dropped by the new rule.
    second = data()["starts_at"] + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.activity_update(
            activity_id=activity.pk,
            version=activity.version,
            data=data(starts_at=second),
            actor=Actor(),
        )
    assert report == {"added": 6, "deleted": 5, "cancelled": 1, "changed": 0}
    kept = Occurrence.objects.get(pk=dates[1].pk)
    assert kept.is_cancelled
    # The product's message, not the editor's words: read in each reader's language.
    with translation.override("nl"):
        assert str(kept.cancel_message).startswith("Deze datum gaat niet door")
    with translation.override("en"):
        assert str(kept.cancel_message).startswith("This date no longer takes place")
    assert SignUp.objects.get().status == constants.SignUpStatus.CANCELLED
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    live = activity.occurrences.filter(cancelled_at__isnull=True)
    assert live.count() == 6
    assert all(8 <= timezone.localtime(o.starts_at).day <= 14 for o in live)


def test_a_stale_edit_is_refused(heerde):
    from omzien.common.services import EditConflict

    activity = services.activity_create(municipality=heerde, data=data(), actor=Actor())
    services.activity_update(
        activity_id=activity.pk, version=1, data=data(title="Nieuw"), actor=Actor()
    )
    with pytest.raises(EditConflict):
        services.activity_update(
            activity_id=activity.pk, version=1, data=data(title="Ouder"), actor=Actor()
        )


def test_a_longer_meeting_changes_the_coming_dates(heerde):
    activity = services.activity_create(municipality=heerde, data=data(), actor=Actor())
    report = services.activity_update(
        activity_id=activity.pk,
        version=activity.version,
        data=data(duration_minutes=150),
        actor=Actor(),
    )
    assert report["changed"] == 6
    assert {o.ends_at - o.starts_at for o in activity.occurrences.all()} == {
        datetime.timedelta(minutes=150)
    }


def test_the_nightly_run_extends_an_endless_rule(heerde, settings):
    settings.OMZIEN_ACTIVITY_HORIZON_DAYS = 60
    activity = services.activity_create(
        municipality=heerde, data=data(repeat=constants.Repeat.WEEKLY, count=None), actor=Actor()
    )
    before = activity.occurrences.count()
    assert 3 <= before <= 9
    settings.OMZIEN_ACTIVITY_HORIZON_DAYS = 120
    assert occurrences_extend() in (8, 9)  # sixty days more: eight or nine Tuesdays
    assert activity.occurrences.count() in (before + 8, before + 9)
    assert occurrences_extend() == 0  # nothing twice
