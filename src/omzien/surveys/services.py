"""Needs surveys: the writes.

Staff who run surveys (``models.RUNNERS``) build a survey as a draft (``survey_create``, or
``survey_from_preset`` from one of the built-in templates), change it and its questions while
it is a draft (``survey_update``, ``question_save``, ``question_delete``, ``question_move``),
and open and close it (``survey_step``, along ``workflows.SURVEY``). Anyone with the open link,
or with a one-time invitation (``invitations_send``: only the SHA-256 of each token is stored,
with no recipient), answers once (``response_submit``): the response keeps the day and the
answers, never who sent it. The retention rule erases free-text answers some months after the
survey closed (``surveys_apply_retention``).
"""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.dates import months_ago
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor, check_version, versioned_update
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.surveys import constants
from omzien.surveys.models import (
    RUNNERS,
    Answer,
    Invitation,
    InvitedAddress,
    Question,
    Response,
    Survey,
)
from omzien.surveys.presets import PRESETS
from omzien.surveys.selectors import address_hash, group_addresses
from omzien.surveys.workflows import SURVEY

__all__ = ["Actor"]

Status = constants.Status
Kind = constants.QuestionKind
SURVEY_FIELDS = ("title", "introduction", "target_group")
QUESTION_FIELDS = (
    "kind",
    "text",
    "help_text",
    "required",
    "choices",
    "scale_max",
    "low_label",
    "high_label",
)
# At most this many invitations in one sending.
MAX_INVITATIONS = 500


class SurveyUnavailable(Exception):
    """The link leads to no survey that takes responses (unknown, not open, token used)."""

    status = 404


class SurveyClosed(SurveyUnavailable):
    status = 410


class InvitationUsed(SurveyUnavailable):
    status = 410


def _error(field: str | None, message: str, code: str) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: [error]}) if field else error


def _check_runner(actor: Actor, municipality_id: int) -> None:
    user = actor.authenticated_user
    if user is None or not user.has_role_in(municipality_id, *RUNNERS):
        raise PermissionDenied


def _lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().select_related("municipality").get(pk=survey.pk)


def _check_draft(survey: Survey) -> None:
    if survey.status != Status.DRAFT:
        raise _error(
            None,
            _(
                "Only a draft survey can be changed. Put it back to draft first (if nobody has "
                "answered yet) or make a new survey."
            ),
            "not_draft",
        )


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


# --- Building a survey ----------------------------------------------------------------------


def _clean_survey(survey: Survey) -> None:
    survey.title = " ".join((survey.title or "").split())
    survey.introduction = (survey.introduction or "").strip()
    errors = {}
    if not survey.title:
        errors["title"] = [ValidationError(_("Give the survey a title."), code="required")]
    if survey.target_group not in constants.TargetGroup.values:
        errors["target_group"] = [
            ValidationError(_("Choose the group the survey is for."), code="required")
        ]
    if errors:
        raise ValidationError(errors)
    survey.full_clean(exclude=["municipality", "created_by", "public_key"])


@transaction.atomic
def survey_create(*, municipality, data: dict, actor: Actor) -> Survey:
    """A new draft survey without questions."""
    _check_runner(actor, municipality.pk)
    survey = Survey(
        municipality=municipality,
        created_by=actor.authenticated_user,
        public_key=secrets.token_urlsafe(18),
        **{field: data.get(field) or "" for field in SURVEY_FIELDS},
    )
    _clean_survey(survey)
    survey.save()
    SURVEY.log_step(survey, source="", target=survey.status, actor=actor)
    audit_by(AuditAction.CREATE, survey, actor)
    return survey


@transaction.atomic
def survey_from_preset(*, municipality, code: str, actor: Actor) -> Survey:
    """A draft copy of a built-in template, with all its questions, to change at will."""
    preset = PRESETS.get(code)
    if preset is None:
        raise _error(None, _("There is no such template."), "unknown_preset")
    survey = survey_create(
        municipality=municipality,
        data={
            "title": preset.title,
            "introduction": preset.introduction,
            "target_group": preset.target_group,
        },
        actor=actor,
    )
    survey.preset = code
    survey.save(update_fields=["preset"])
    Question.objects.bulk_create(
        [
            Question(
                survey=survey,
                position=position,
                kind=question.kind,
                text=question.text,
                help_text=question.help_text,
                required=question.required,
                choices=list(question.choices),
                scale_max=question.scale_max,
                low_label=question.low_label,
                high_label=question.high_label,
            )
            for position, question in enumerate(preset.questions, start=1)
        ]
    )
    return survey


@transaction.atomic
def survey_update(
    *, survey: Survey, data: dict, actor: Actor, version: int | None = None
) -> Survey:
    """Change a draft survey's title, audience and introduction; refused (EditConflict) when
    it changed since ``version``, the version the form showed."""
    current = _lock(survey)
    _check_runner(actor, current.municipality_id)
    _check_draft(current)
    versioned_update(
        current,
        version=version,
        data={field: data.get(field) or "" for field in SURVEY_FIELDS},
        fields=SURVEY_FIELDS,
        clean=_clean_survey,
        required=False,
    )
    audit_by(AuditAction.UPDATE, current, actor)
    return current


def _clean_question(question: Question) -> None:
    question.text = " ".join((question.text or "").split())
    question.help_text = " ".join((question.help_text or "").split())
    errors = {}
    if question.kind not in Kind.values:
        errors["kind"] = [ValidationError(_("Choose the kind of question."), code="required")]
    if not question.text:
        errors["text"] = [ValidationError(_("Write the question."), code="required")]
    if question.kind in constants.CHOICE_KINDS:
        choices = [" ".join(str(c).split()) for c in (question.choices or [])]
        choices = [c for c in choices if c]
        if len(choices) < 2:
            errors["choices"] = [
                ValidationError(_("Give at least two choices, one per line."), code="too_few")
            ]
        elif len(choices) > constants.MAX_CHOICES:
            errors["choices"] = [
                ValidationError(
                    _("Give at most %(max)s choices.") % {"max": constants.MAX_CHOICES},
                    code="too_many",
                )
            ]
        elif len(set(choices)) != len(choices):
            errors["choices"] = [
                ValidationError(_("Each choice may appear only once."), code="duplicate")
            ]
        elif any(len(c) > constants.CHOICE_MAX for c in choices):
            errors["choices"] = [
                ValidationError(
                    _("A choice may be at most %(max)s characters long.")
                    % {"max": constants.CHOICE_MAX},
                    code="too_long",
                )
            ]
        question.choices = choices
    else:
        question.choices = []
    if question.kind == Kind.SCALE:
        if question.scale_max not in constants.SCALE_SIZES:
            errors["scale_max"] = [
                ValidationError(_("Choose a scale from 1 to 5 or from 1 to 10."), code="required")
            ]
        question.low_label = " ".join((question.low_label or "").split())
        question.high_label = " ".join((question.high_label or "").split())
        if not (question.low_label and question.high_label):
            errors["low_label"] = [
                ValidationError(
                    _("Say what both ends of the scale mean, e.g. “not at all” and “very much”."),
                    code="required",
                )
            ]
    else:
        question.scale_max = None
        question.low_label = question.high_label = ""
    if errors:
        raise ValidationError(errors)
    question.full_clean(exclude=["survey"])


@transaction.atomic
def question_save(
    *,
    survey: Survey,
    data: dict,
    actor: Actor,
    question: Question | None = None,
    version: int | None = None,
) -> Question:
    """Add a question at the end of a draft survey, or change one of its questions (refused,
    EditConflict, when it changed since ``version``, the version the form showed)."""
    current = _lock(survey)
    _check_runner(actor, current.municipality_id)
    _check_draft(current)
    if question is None:
        count = current.questions.count()
        if count >= constants.MAX_QUESTIONS:
            raise _error(
                None,
                _("A survey has at most %(max)s questions.") % {"max": constants.MAX_QUESTIONS},
                "too_many_questions",
            )
        top = current.questions.aggregate(top=Max("position"))["top"] or 0
        question = Question(survey=current, position=top + 1)
    elif question.survey_id != current.pk:
        raise PermissionDenied
    else:
        # The survey's lock keeps its questions still: this is the current row.
        question = Question.objects.get(pk=question.pk)
        check_version(question, version, required=False)
        question.version = question.version + 1
    for field in QUESTION_FIELDS:
        if field in data:
            setattr(question, field, data[field])
    question.required = bool(question.required)
    _clean_question(question)
    question.save()
    audit_by(AuditAction.UPDATE, current, actor, reason="question saved")
    return question


@transaction.atomic
def question_delete(*, question: Question, actor: Actor) -> None:
    current = _lock(question.survey)
    _check_runner(actor, current.municipality_id)
    _check_draft(current)
    Question.objects.filter(pk=question.pk, survey=current).delete()
    audit_by(AuditAction.UPDATE, current, actor, reason="question deleted")


@transaction.atomic
def question_move(*, question: Question, up: bool, actor: Actor) -> None:
    """Swap the question with the one before (``up``) or after it."""
    current = _lock(question.survey)
    _check_runner(actor, current.municipality_id)
    _check_draft(current)
    questions = list(current.questions.order_by("position", "pk"))
    index = next((i for i, q in enumerate(questions) if q.pk == question.pk), None)
    if index is None:
        raise PermissionDenied
    other = index - 1 if up else index + 1
    if not 0 <= other < len(questions):
        return
    questions[index], questions[other] = questions[other], questions[index]
    for position, row in enumerate(questions, start=1):
        row.position = position
    Question.objects.bulk_update(questions, ["position"])


# --- Opening and closing --------------------------------------------------------------------


@transaction.atomic
def survey_step(*, survey: Survey, target: str, actor: Actor, seen: str = "") -> Survey:
    """Open a draft (it needs a question), close an open survey, or put an open survey back
    to draft while nobody has answered."""
    current = _lock(survey)
    step, note = SURVEY.check(current, target=target, actor=actor, expected=seen)
    fields = ["updated_at"]
    if target == Status.OPEN:
        if not current.questions.exists():
            raise _error(None, _("Add at least one question first."), "no_questions")
        current.opened_on = timezone.localdate()
        current.closed_on = None
        fields += ["opened_on", "closed_on"]
    elif target == Status.DRAFT:
        if current.responses.exists():
            raise _error(
                None,
                _("People have answered already: the survey can only be closed now."),
                "has_responses",
            )
        current.opened_on = None
        fields.append("opened_on")
    elif target == Status.CLOSED:
        current.closed_on = timezone.localdate()
        fields.append("closed_on")
    SURVEY.record(current, step=step, actor=actor, note=note, fields=fields)
    return current


# --- Invitations by e-mail ------------------------------------------------------------------


def _addresses(text: str) -> list[str]:
    found = []
    for part in (text or "").replace(",", "\n").replace(";", "\n").split():
        address = part.strip().lower()
        if address and address not in found:
            found.append(address)
    return found


def _check_open(current: Survey) -> None:
    if current.status != Status.OPEN:
        raise _error(None, _("Invitations can be sent only while the survey is open."), "not_open")


def _invite(current: Survey, addresses: list[str], actor: Actor, *, reason: str) -> int:
    """Mail each address not invited before a one-time link. Only the SHA-256 of each token
    is stored, with no address, and apart from it a keyed hash of each address invited (so no
    one is invited twice; it links to neither the invitation nor a response): nobody can tell
    later which invitation went to whom, so a response is not traced to a person. The
    addresses are kept nowhere but in the queued mails. Returns the number invited now."""
    hashes = {address: address_hash(current.pk, address) for address in addresses}
    invited_before = set(
        InvitedAddress.objects.filter(
            survey=current, address_hash__in=list(hashes.values())
        ).values_list("address_hash", flat=True)
    )
    new = [address for address in addresses if hashes[address] not in invited_before]
    secrets.SystemRandom().shuffle(new)  # the order of the rows says nothing of the list
    mails = []
    rows = []
    for address in new:
        token = secrets.token_urlsafe(32)
        rows.append(Invitation(survey=current, token_hash=token_hash(token)))
        link = absolute_url(actor.request, reverse("surveys:invitation_fill", args=[token]))
        mails.append((address, link))
    Invitation.objects.bulk_create(rows, batch_size=1000)
    # Shuffled apart from the invitations: the two tables' row orders do not pair up.
    marks = [InvitedAddress(survey=current, address_hash=hashes[address]) for address in new]
    secrets.SystemRandom().shuffle(marks)
    InvitedAddress.objects.bulk_create(marks, batch_size=1000)
    audit_by(
        AuditAction.UPDATE,
        current,
        actor,
        reason=reason,
        extra={"count": len(rows), "invited_before": len(addresses) - len(new)},
    )
    context = {"title": current.title, "municipality": current.municipality.name}

    def send() -> None:
        for address, link in mails:
            send_templated_mail(
                template="surveys/email/invitation",
                context={**context, "link": link},
                to=[address],
                language="nl",
            )

    transaction.on_commit(send)
    return len(rows)


@transaction.atomic
def invitations_send(*, survey: Survey, addresses: str, actor: Actor) -> int:
    """Invite the pasted addresses (at most ``MAX_INVITATIONS``) to the open survey, each
    once (:func:`_invite`). Returns the number of invitations sent now."""
    current = _lock(survey)
    _check_runner(actor, current.municipality_id)
    _check_open(current)
    addresses_found = _addresses(addresses)
    if not addresses_found:
        raise _error("addresses", _("Fill in at least one e-mail address."), "required")
    if len(addresses_found) > MAX_INVITATIONS:
        raise _error(
            "addresses",
            _("Send at most %(max)s invitations at a time.") % {"max": MAX_INVITATIONS},
            "too_many",
        )
    bad = []
    for address in addresses_found:
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
    if bad:
        raise _error(
            "addresses",
            _("These are not e-mail addresses: %(bad)s") % {"bad": ", ".join(bad[:5])},
            "bad_address",
        )
    sent = _invite(current, addresses_found, actor, reason="survey invitations sent")
    if not sent:
        raise _error(
            "addresses", _("These addresses have been invited already."), "already_invited"
        )
    return sent


@transaction.atomic
def invitations_send_group(*, survey: Survey, actor: Actor) -> int:
    """Invite the survey's target group from the registers (``selectors.group_addresses``:
    only people who agreed to be mailed by the municipality), each address once: sent again
    later, it reaches only those who joined since. Returns the number invited now."""
    current = _lock(survey)
    _check_runner(actor, current.municipality_id)
    _check_open(current)
    addresses = [a.lower() for a in group_addresses(survey=current)]
    if not addresses:
        raise _error(
            None,
            _("Nobody in this target group has agreed to be mailed by the municipality."),
            "nobody",
        )
    sent = _invite(current, addresses, actor, reason="survey invitations sent to the group")
    if not sent:
        raise _error(
            None, _("Everyone in the target group has been invited already."), "already_invited"
        )
    return sent


# --- Answering ------------------------------------------------------------------------------


def open_survey_get(*, key: str = "", token: str = "") -> Survey:
    """The survey behind an open link (``key``) or an invitation (``token``), if it takes
    responses; else SurveyUnavailable (unknown), SurveyClosed or InvitationUsed."""
    if token:
        invitation = (
            Invitation.objects.select_related("survey__municipality")
            .filter(token_hash=token_hash(token))
            .first()
        )
        if invitation is None:
            raise SurveyUnavailable
        if invitation.used:
            raise InvitationUsed
        survey = invitation.survey
    else:
        survey = Survey.objects.select_related("municipality").filter(public_key=key).first()
        if survey is None or not key:
            raise SurveyUnavailable
    if survey.status == Status.CLOSED:
        raise SurveyClosed
    if survey.status != Status.OPEN:
        raise SurveyUnavailable
    return survey


def _clean_answer(question: Question, value) -> Answer | None:
    """The answer to one question, or None when it was left open."""
    field = f"q{question.pk}"
    if question.kind in constants.CHOICE_KINDS:
        values = (
            value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
        )
        try:
            chosen = sorted({int(v) for v in values})
        except (TypeError, ValueError):
            raise _error(field, _("Choose one of the answers."), "bad_choice") from None
        if any(not 0 <= c < len(question.choices) for c in chosen):
            raise _error(field, _("Choose one of the answers."), "bad_choice")
        if question.kind == Kind.SINGLE and len(chosen) > 1:
            raise _error(field, _("Choose one answer."), "one_choice")
        return Answer(question=question, chosen=chosen) if chosen else None
    if question.kind == Kind.SCALE:
        if value in (None, ""):
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= (question.scale_max or 5):
            raise _error(field, _("Choose a number on the scale."), "bad_scale")
        return Answer(question=question, scale=number)
    text = (value or "").strip() if isinstance(value, str) else ""
    if len(text) > constants.TEXT_MAX:
        raise _error(
            field,
            _("Write at most %(max)s characters.") % {"max": constants.TEXT_MAX},
            "too_long",
        )
    return Answer(question=question, text=text) if text else None


def response_submit(*, answers: dict, form_key: str, key: str = "", token: str = "") -> Response:
    """An anonymous response through the open link (``key``) or an invitation (``token``).

    ``answers`` maps a question's pk to its value (a list of choice positions, a scale number,
    a text). Stored: the day and the answers; no account, address or invitation. A submission
    sent twice with the same ``form_key`` is stored once (the unique constraint decides when
    both arrive at once); an invitation answers once (claimed by a conditional update, so a
    second request finds nothing left to claim).
    """
    form_key = (form_key or "").strip()[:64]
    if not form_key:
        raise _error(None, _("The form has expired. Open the link again."), "no_form_key")
    survey = open_survey_get(key=key, token=token)
    existing = Response.objects.filter(survey=survey, form_key=form_key).first()
    if existing is not None:
        return existing
    questions = list(survey.questions.order_by("position", "pk"))
    rows = []
    errors = {}
    for question in questions:
        value = answers.get(question.pk, answers.get(str(question.pk)))
        try:
            answer = _clean_answer(question, value)
        except ValidationError as error:
            errors.update(error.error_dict)
            continue
        if answer is None and question.required:
            errors[f"q{question.pk}"] = [
                ValidationError(_("This question needs an answer."), code="required")
            ]
        elif answer is not None:
            rows.append(answer)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise _error(None, _("Answer at least one question."), "empty")
    try:
        with transaction.atomic():
            if token:
                claimed = Invitation.objects.filter(
                    token_hash=token_hash(token), used=False
                ).update(used=True)
                if not claimed:
                    raise InvitationUsed
            response = Response.objects.create(
                survey=survey, received_on=timezone.localdate(), form_key=form_key
            )
            for answer in rows:
                answer.response = response
            Answer.objects.bulk_create(rows)
    except IntegrityError:
        # The same form was sent twice at once: the other request's response stands.
        return Response.objects.get(survey=survey, form_key=form_key)
    return response


# --- Retention ------------------------------------------------------------------------------


def surveys_apply_retention(*, today=None) -> dict:
    """Erase the free-text answers of surveys closed the set months ago or longer (they may
    name people); the counted answers stay. Answers left without anything are deleted."""
    today = today or timezone.localdate()
    before = months_ago(today, constants.text_retention_months())
    with transaction.atomic():
        due = list(
            Survey.objects.filter(
                status=Status.CLOSED, closed_on__lte=before, texts_erased_on__isnull=True
            ).values_list("pk", flat=True)
        )
        texts = Answer.objects.filter(response__survey__in=due, question__kind=Kind.TEXT)
        erased, _detail = texts.delete()
        Survey.objects.filter(pk__in=due).update(texts_erased_on=today)
    return {"surveys": len(due), "texts": erased}
