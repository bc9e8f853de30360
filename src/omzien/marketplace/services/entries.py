"""Registering for a beursvloer: businesses through the public form (with a private link to
edit their entries until the event), community organisations through their members' accounts.

A business's registration carries a one-time form key (``submission_key``): a double click or a
retried request finds the participant the first one made and registers nothing twice; the
unique constraint holds it when both arrive at once."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.phone import normalise_phone
from omzien.common.services import Actor, versioned_update
from omzien.marketplace import constants
from omzien.marketplace.models import Entry, Event, Participant
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering.constants import OrganisationStatus

ENTRY_FIELDS = ("direction", "kind", "title", "description", "hours")
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def registration_open(event: Event, today=None) -> bool:
    today = today or timezone.localdate()
    return event.registration_opens <= today <= event.registration_closes


def editable(event: Event, today=None) -> bool:
    """Entries may change until the day of the beursvloer."""
    return (today or timezone.localdate()) < event.held_on


def _check_open(event: Event) -> None:
    if not registration_open(event):
        raise ValidationError(
            _("Registration for this beursvloer is closed."), code="registration_closed"
        )


def _check_editable(event: Event) -> None:
    if not editable(event):
        raise ValidationError(
            _("The beursvloer has taken place: the entries can no longer be changed."),
            code="event_held",
        )


def _clean_entry(entry: Entry) -> None:
    entry.title = " ".join((entry.title or "").split())
    entry.description = (entry.description or "").strip()
    errors = {}
    if entry.direction not in constants.Direction.values:
        errors["direction"] = [
            ValidationError(_("Choose whether you offer or ask something."), code="required")
        ]
    if entry.kind not in constants.EntryKind.values:
        errors["kind"] = [ValidationError(_("Choose what kind of thing it is."), code="required")]
    if not entry.title:
        errors["title"] = [ValidationError(_("Fill in a title."), code="required")]
    if not entry.description:
        errors["description"] = [
            ValidationError(_("Describe what you offer or ask."), code="required")
        ]
    if entry.hours is None or not 0 < entry.hours <= constants.MAX_HOURS:
        errors["hours"] = [
            ValidationError(
                _("Estimate the value in hours: a whole number from 1 to %(max)s.")
                % {"max": constants.MAX_HOURS},
                code="bad_hours",
            )
        ]
    if errors:
        raise ValidationError(errors)
    entry.full_clean(exclude=["participant"])


def _clean_contact(participant: Participant) -> None:
    participant.name = " ".join((participant.name or "").split())
    participant.contact_name = " ".join((participant.contact_name or "").split())
    participant.contact_email = (participant.contact_email or "").strip()
    errors = {}
    if not participant.name:
        errors["name"] = [ValidationError(_("Fill in the name of the business."), code="required")]
    if not participant.contact_name:
        errors["contact_name"] = [
            ValidationError(_("Fill in the name of the contact person."), code="required")
        ]
    if not participant.contact_email:
        errors["contact_email"] = [
            ValidationError(_("Fill in an e-mail address."), code="required")
        ]
    if participant.contact_phone:
        try:
            participant.contact_phone = normalise_phone(participant.contact_phone)
        except ValidationError as problem:
            errors["contact_phone"] = problem.error_list
    if errors:
        raise ValidationError(errors)


def _entry(participant: Participant, data: dict) -> Entry:
    entry = Entry(participant=participant)
    for field in ENTRY_FIELDS:
        if field in data:
            setattr(entry, field, data[field])
    return entry


def business_register(
    *, event: Event, data: dict, actor: Actor, submission_key: str = ""
) -> Participant:
    """A business registers through the public form with its first offer or request. Mails
    the contact person a private link to add and edit entries until the event. A retry with
    the same ``submission_key`` returns the participant the first attempt made (no second
    mail)."""
    if submission_key:
        existing = Participant.objects.filter(event=event, submission_key=submission_key).first()
        if existing is not None:
            return existing
    _check_open(event)
    participant = Participant(
        event=event,
        kind=constants.PartyKind.BUSINESS,
        submission_key=submission_key,
        **{field: data.get(field, "") for field in ("name", *CONTACT_FIELDS)},
    )
    _clean_contact(participant)
    entry = _entry(participant, data)
    _clean_entry(entry)
    token = secrets.token_urlsafe(32)
    participant.edit_token_hash = token_hash(token)
    participant.full_clean(exclude=["event", "organisation"], validate_constraints=False)
    try:
        with transaction.atomic():
            participant.save()
            entry.participant = participant
            entry.save()
            audit_by(AuditAction.CREATE, participant, actor, reason="beursvloer registration")
            _mail_link(participant, token, actor)
    except IntegrityError:
        if not submission_key:
            raise
        return Participant.objects.get(event=event, submission_key=submission_key)
    return participant


def _mail_link(participant: Participant, token: str, actor: Actor) -> None:
    event = participant.event
    context = {
        "name": participant.contact_name,
        "business": participant.name,
        "year": event.year,
        "municipality": event.municipality.name,
        "held_on": event.held_on,
        "place": event.place,
        "link": absolute_url(actor.request, reverse("marketplace:manage", args=[token])),
    }
    address = participant.contact_email
    transaction.on_commit(
        lambda: send_templated_mail(
            template="marketplace/mail/registered", context=context, to=[address], language="nl"
        )
    )


def participant_by_token(token: str) -> Participant | None:
    """The business a private link belongs to (None for an unknown or removed link)."""
    if not token:
        return None
    return (
        Participant.objects.select_related("event__municipality")
        .filter(edit_token_hash=token_hash(token), kind=constants.PartyKind.BUSINESS)
        .first()
    )


@transaction.atomic
def organisation_join(*, event: Event, organisation, actor: Actor) -> Participant:
    """The participant of a community organisation (made once, on its first entry); its
    contact person is the organisation's, as the volunteer platform holds it."""
    user = actor.authenticated_user
    if user is None or not organisation.members.filter(user=user).exists():
        raise PermissionDenied
    if organisation.municipality_id != event.municipality_id:
        raise PermissionDenied
    found = Participant.objects.filter(event=event, organisation=organisation).first()
    if found is not None:
        return found
    _check_open(event)
    if organisation.status != OrganisationStatus.APPROVED:
        raise ValidationError(
            _("Only an approved organisation can take part."), code="not_approved"
        )
    participant = Participant.objects.create(
        event=event,
        kind=constants.PartyKind.ORGANISATION,
        organisation=organisation,
        name=organisation.name,
        contact_name=organisation.contact_name,
        contact_email=organisation.contact_email,
        contact_phone=organisation.contact_phone,
    )
    audit_by(AuditAction.CREATE, participant, actor, reason="beursvloer registration")
    return participant


@transaction.atomic
def entry_add(*, participant: Participant, data: dict, actor: Actor) -> Entry:
    """Another offer or request of a participant (until the day of the event)."""
    participant = Participant.objects.select_related("event").get(pk=participant.pk)
    _check_editable(participant.event)
    entry = _entry(participant, data)
    _clean_entry(entry)
    entry.save()
    audit_by(AuditAction.CREATE, entry, actor, municipality=participant.event.municipality)
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, data: dict, actor: Actor, version: int | None) -> Entry:
    """Change an offer or request; refused (EditConflict) when it changed since ``version``,
    the version the form showed (two members of an organisation at once)."""
    entry = Entry.objects.select_for_update().select_related("participant__event").get(pk=entry.pk)
    _check_editable(entry.participant.event)
    versioned_update(entry, version=version, data=data, fields=ENTRY_FIELDS, clean=_clean_entry)
    audit_by(AuditAction.UPDATE, entry, actor, municipality=entry.participant.event.municipality)
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry, actor: Actor) -> None:
    """Withdraw an offer or request; a participant keeps at least one (withdrawing the last
    is asking the broker to take the registration off)."""
    entry = Entry.objects.select_for_update().select_related("participant__event").get(pk=entry.pk)
    _check_editable(entry.participant.event)
    if not Entry.objects.filter(participant_id=entry.participant_id).exclude(pk=entry.pk).exists():
        raise ValidationError(
            _("This is your only entry: change it instead, or ask the broker to withdraw."),
            code="last_entry",
        )
    audit_by(AuditAction.DELETE, entry, actor, municipality=entry.participant.event.municipality)
    entry.delete()
