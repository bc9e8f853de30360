"""Signing up, the waiting list, cancelling by link and the move-up, with their mails."""

import datetime
import threading

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from omzien.activities.constants import SignUpStatus
from omzien.activities.models import SignUp, SignUpTransition
from omzien.activities.services import signups as services
from omzien.activities.services.occurrences import occurrence_cancel
from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory, SignUpFactory
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def date(heerde):
    return OccurrenceFactory(activity=ActivityFactory(municipality=heerde, capacity=2))


def sign_up(date, name, email="", phone=""):
    return services.signup_create(
        occurrence_id=date.pk, name=name, email=email, phone=phone, actor=Actor()
    )


def token_of(mail) -> str:
    line = next(line for line in mail.body.splitlines() if "/activiteiten/afmelden/" in line)
    return line.rstrip("/").rsplit("/", 1)[-1]


def test_places_then_the_waiting_list(date, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(date, "Anna de Vries", email="anna@example.org").signup
        second = sign_up(date, "Bert Smit", phone="06-12345678").signup
        third = sign_up(date, "Carla Jansen", email="carla@example.org").signup
    assert [first.status, second.status, third.status] == [
        SignUpStatus.CONFIRMED,
        SignUpStatus.CONFIRMED,
        SignUpStatus.WAITING,
    ]
    assert second.phone == "06 12345678"  # stored as dialled, normalised
    # Two mails (Bert has no e-mail address), each with the date as an .ics file.
    assert [m.to for m in mailoutbox] == [["anna@example.org"], ["carla@example.org"]]
    assert "wachtlijst" in mailoutbox[1].subject.lower()
    filename, content, mimetype = mailoutbox[0].attachments[0]
    assert (filename, mimetype) == ("activiteit.ics", "text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == date.activity.title
    assert event.decoded("dtstart") == date.starts_at
    assert SignUpTransition.objects.filter(
        signup=third, from_status="", to_status=SignUpStatus.WAITING
    ).exists()
    assert AuditEvent.objects.filter(object_type="activities.signup", action="create").count() == 3


def test_a_retried_post_signs_up_once(date):
    first = sign_up(date, "Anna", email="anna@example.org")
    again = sign_up(date, "Anna", email="ANNA@example.org")
    assert first.created and not again.created
    assert again.signup.pk == first.signup.pk
    assert SignUp.objects.count() == 1


def test_the_constraint_holds_one_active_sign_up_per_address(date):
    SignUpFactory(occurrence=date, email="anna@example.org")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        SignUpFactory(occurrence=date, email="Anna@Example.org")
    # A cancelled sign-up does not block signing up again.
    SignUp.objects.filter(occurrence=date).update(status=SignUpStatus.CANCELLED)
    assert sign_up(date, "Anna", email="anna@example.org").created


def test_without_an_address_or_phone_is_refused(date):
    with pytest.raises(ValidationError):
        sign_up(date, "Anna")


def test_cancel_by_link_moves_the_first_on_the_waiting_list_up(
    date, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        anna = sign_up(date, "Anna", email="anna@example.org").signup
        sign_up(date, "Bert", email="bert@example.org")
        carla = sign_up(date, "Carla", email="carla@example.org").signup
        dirk = sign_up(date, "Dirk", email="dirk@example.org").signup
    token = token_of(mailoutbox[0])
    assert services.signup_get_by_token(token).pk == anna.pk
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel_by_token(token=token, actor=Actor())
    anna.refresh_from_db()
    carla.refresh_from_db()
    dirk.refresh_from_db()
    assert (anna.status, carla.status, dirk.status) == (
        SignUpStatus.CANCELLED,
        SignUpStatus.CONFIRMED,
        SignUpStatus.WAITING,
    )
    assert [m.to for m in mailoutbox] == [["carla@example.org"]]
    assert "plaats" in mailoutbox[0].subject.lower()
    assert mailoutbox[0].attachments
    # The link again: nothing changes.
    services.signup_cancel_by_token(token=token, actor=Actor())
    assert SignUp.objects.filter(status=SignUpStatus.CONFIRMED).count() == 2


def test_a_wrong_token_finds_nothing(date):
    sign_up(date, "Anna", email="anna@example.org")
    assert services.signup_get_by_token("not-a-token") is None
    with pytest.raises(SignUp.DoesNotExist):
        services.signup_cancel_by_token(token="not-a-token", actor=Actor())


def test_the_token_is_stored_only_as_a_hash(date, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign_up(date, "Anna", email="anna@example.org").signup
    token = token_of(mailoutbox[0])
    assert token not in signup.cancel_token_hash
    assert signup.cancel_token_hash == services.hash_token(token)


def test_no_sign_up_for_a_cancelled_or_started_date(date, heerde):
    occurrence_cancel(occurrence_id=date.pk, message="De zaal is niet beschikbaar.", actor=Actor())
    with pytest.raises(ValidationError):
        sign_up(date, "Anna", email="anna@example.org")
    past = OccurrenceFactory(
        activity=date.activity,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError):
        sign_up(past, "Anna", email="anna@example.org")


def test_cancelling_a_date_tells_everyone(date, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(date, "Anna", email="anna@example.org")
        sign_up(date, "Bert", phone="0578-123456")
        sign_up(date, "Carla", email="carla@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        occurrence_cancel(
            occurrence_id=date.pk, message="De zaal is niet beschikbaar.", actor=Actor()
        )
    assert set(SignUp.objects.values_list("status", flat=True)) == {SignUpStatus.CANCELLED}
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.org", "carla@example.org"]
    assert all("De zaal is niet beschikbaar." in m.body for m in mailoutbox)
    with pytest.raises(ValidationError):
        occurrence_cancel(occurrence_id=date.pk, message="Nogmaals", actor=Actor())


@pytest.mark.parametrize(("message", "code"), [("  \n ", "required"), ("x" * 501, "max_length")])
def test_a_cancellation_without_a_usable_message_is_refused(date, message, code):
    with pytest.raises(ValidationError) as refused:
        occurrence_cancel(occurrence_id=date.pk, message=message, actor=Actor())
    assert [e.code for e in refused.value.error_dict["message"]] == [code]
    date.refresh_from_db()
    assert not date.is_cancelled


def test_attendance_once_the_date_has_begun(date, make_member, heerde):
    from omzien.accounts.constants import Role

    consultant = make_member(Role.CONSULTANT, heerde)
    signup = sign_up(date, "Anna", email="anna@example.org").signup
    with pytest.raises(ValidationError):
        services.signup_mark(
            signup_id=signup.pk, status=SignUpStatus.ATTENDED, actor=Actor(user=consultant)
        )
    type(date).objects.filter(pk=date.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    services.signup_mark(
        signup_id=signup.pk, status=SignUpStatus.ATTENDED, actor=Actor(user=consultant)
    )
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.ATTENDED
    # Someone else's resident may not mark it.
    stranger = make_member(Role.RESIDENT, heerde)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.signup_mark(
            signup_id=signup.pk, status=SignUpStatus.ABSENT, actor=Actor(user=stranger)
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time: two sign-ups at once need PostgreSQL's row locks",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once(heerde):
    """Eight people sign up at once for three places: exactly three get one, five wait; then
    three cancel at once and exactly three move up."""
    occurrence = OccurrenceFactory(activity=ActivityFactory(municipality=heerde, capacity=3))
    barrier = threading.Barrier(8)
    errors = []

    def person(n):
        try:
            barrier.wait()
            sign_up(occurrence, f"Persoon {n}", email=f"p{n}@example.org")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=person, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(SignUp.objects.filter(occurrence=occurrence).values_list("status", flat=True))
    assert statuses.count(SignUpStatus.CONFIRMED) == 3
    assert statuses.count(SignUpStatus.WAITING) == 5

    confirmed = list(SignUp.objects.filter(occurrence=occurrence, status=SignUpStatus.CONFIRMED))
    barrier = threading.Barrier(3)

    def leave(signup):
        try:
            barrier.wait()
            services.signup_cancel(signup_id=signup.pk, actor=Actor())
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=leave, args=(s,)) for s in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(SignUp.objects.filter(occurrence=occurrence).values_list("status", flat=True))
    assert statuses.count(SignUpStatus.CONFIRMED) == 3
    assert statuses.count(SignUpStatus.WAITING) == 2
    assert statuses.count(SignUpStatus.CANCELLED) == 3


def test_the_sign_up_form_says_it_asks_for_the_visitors_own_name_and_number():
    from omzien.activities.forms.signups import SignUpForm

    form = SignUpForm()
    purpose = {name: field.widget.attrs.get("autocomplete") for name, field in form.fields.items()}
    assert purpose == {"name": "name", "email": "email", "phone": "tel"}
    assert 'type="tel"' in str(form["phone"])
    # A number as people write it is stored in the one national form.
    form = SignUpForm(data={"name": "Anna", "phone": "06-12345678"})
    assert form.is_valid() and form.cleaned_data["phone"] == "06 12345678"


def test_a_cancellation_mail_is_in_the_language_of_who_signed_up_not_the_organisers(
    date, mailoutbox, django_capture_on_commit_callbacks
):
    """The organiser works in English; a visitor without an account reads Dutch, a resident
    whose account is in English reads English."""
    from django.utils import translation

    from omzien.accounts.tests.factories import UserFactory

    resident = UserFactory(preferred_language="en", email="eve@example.org")
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        sign_up(date, "Anna", email="anna@example.org")
        services.signup_create(
            occurrence_id=date.pk, name="Eve", email=resident.email, user=resident, actor=Actor()
        )
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        occurrence_cancel(occurrence_id=date.pk, message="The hall is closed.", actor=Actor())
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects["anna@example.org"].startswith("Gaat niet door")
    assert subjects["eve@example.org"].startswith("Cancelled")
