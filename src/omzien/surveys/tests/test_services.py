"""The survey services: building from a template, editing only drafts, anonymous answers
stored once, one-time invitations, and the retention of free-text answers."""

import datetime
import hashlib
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor, EditConflict
from omzien.surveys import constants, selectors, services
from omzien.surveys.models import Answer, Invitation, InvitedAddress, Question, Response, Survey
from omzien.surveys.presets import PRESETS
from omzien.surveys.tests.factories import QuestionFactory, ResponseFactory, SurveyFactory
from omzien.testing.dates import month_end_boundary

pytestmark = pytest.mark.django_db

Kind = constants.QuestionKind
Status = constants.Status


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


@pytest.mark.parametrize("code", list(PRESETS))
def test_a_template_becomes_a_draft_with_all_its_questions(code, actor, heerde):
    preset = PRESETS[code]
    survey = services.survey_from_preset(municipality=heerde, code=code, actor=actor)
    assert (survey.status, survey.preset, survey.target_group) == (
        Status.DRAFT,
        code,
        preset.target_group,
    )
    questions = list(survey.questions.order_by("position"))
    assert [q.text for q in questions] == [q.text for q in preset.questions]
    assert [q.position for q in questions] == list(range(1, len(questions) + 1))
    # Every question of a template passes the same checks as one built by hand.
    for question in questions:
        services._clean_question(question)
    # Each template asks what support is needed, what is known and how to reach people.
    kinds = {q.kind for q in questions}
    assert {Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.TEXT} <= kinds


def test_an_unknown_template_is_refused(actor, heerde):
    with pytest.raises(ValidationError) as error:
        services.survey_from_preset(municipality=heerde, code="nope", actor=actor)
    assert _codes(error.value) == {"unknown_preset"}


def test_only_staff_who_run_surveys_in_the_municipality_make_one(make_member, heerde, dalfsen):
    for user in (make_member(Role.RESIDENT, heerde), make_member(Role.POLICY_ADVISOR, dalfsen)):
        with pytest.raises(PermissionDenied):
            services.survey_create(
                municipality=heerde,
                data={"title": "X", "target_group": "other"},
                actor=Actor(user=user),
            )


def test_questions_are_checked_by_kind(actor, heerde):
    survey = services.survey_create(
        municipality=heerde, data={"title": "Peiling", "target_group": "other"}, actor=actor
    )
    cases = [
        ({"kind": Kind.SINGLE, "text": "Vraag", "choices": ["Ja"]}, "too_few"),
        ({"kind": Kind.MULTIPLE, "text": "Vraag", "choices": ["Ja", "Ja"]}, "duplicate"),
        ({"kind": Kind.SCALE, "text": "Vraag", "scale_max": 7}, "required"),
        ({"kind": Kind.TEXT, "text": "  "}, "required"),
    ]
    for data, code in cases:
        with pytest.raises(ValidationError) as error:
            services.question_save(survey=survey, data=data, actor=actor)
        assert code in _codes(error.value), data
    scale = services.question_save(
        survey=survey,
        data={
            "kind": Kind.SCALE,
            "text": "Hoe zwaar?",
            "scale_max": 10,
            "low_label": "Niet",
            "high_label": "Heel",
            "choices": ["weg"],
        },
        actor=actor,
    )
    assert (scale.scale_max, scale.choices, scale.position) == (10, [], 1)


def test_questions_change_only_while_draft(actor, heerde):
    survey = services.survey_create(
        municipality=heerde, data={"title": "Peiling", "target_group": "other"}, actor=actor
    )
    with pytest.raises(ValidationError) as error:
        services.survey_step(survey=survey, target=Status.OPEN, actor=actor)
    assert _codes(error.value) == {"no_questions"}
    first = services.question_save(
        survey=survey, data={"kind": Kind.TEXT, "text": "Eerste"}, actor=actor
    )
    second = services.question_save(
        survey=survey, data={"kind": Kind.TEXT, "text": "Tweede"}, actor=actor
    )
    services.question_move(question=second, up=True, actor=actor)
    assert list(survey.questions.values_list("text", flat=True)) == ["Tweede", "Eerste"]
    services.survey_step(survey=survey, target=Status.OPEN, actor=actor)
    for attempt in (
        lambda: services.question_save(
            survey=survey, data={"kind": Kind.TEXT, "text": "Derde"}, actor=actor
        ),
        lambda: services.question_delete(question=first, actor=actor),
        lambda: services.question_move(question=first, up=True, actor=actor),
        lambda: services.survey_update(
            survey=survey, data={"title": "Anders", "target_group": "other"}, actor=actor
        ),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert _codes(error.value) == {"not_draft"}
    assert survey.questions.count() == 2
    # Back to draft while nobody answered; not once somebody has.
    services.survey_step(survey=survey, target=Status.DRAFT, actor=actor)
    services.survey_step(survey=survey, target=Status.OPEN, actor=actor)
    ResponseFactory(survey=survey)
    with pytest.raises(ValidationError) as error:
        services.survey_step(survey=survey, target=Status.DRAFT, actor=actor)
    assert _codes(error.value) == {"has_responses"}


@pytest.fixture
def open_survey(heerde):
    survey = SurveyFactory(municipality=heerde)
    single = QuestionFactory(survey=survey, required=True)
    multiple = QuestionFactory(
        survey=survey, kind=Kind.MULTIPLE, text="Wat helpt?", choices=["A", "B", "C"]
    )
    scale = QuestionFactory(
        survey=survey,
        kind=Kind.SCALE,
        text="Hoe gaat het?",
        choices=[],
        scale_max=5,
        low_label="Slecht",
        high_label="Goed",
    )
    text = QuestionFactory(survey=survey, kind=Kind.TEXT, text="Verder nog iets?", choices=[])
    return survey, single, multiple, scale, text


def test_a_response_stores_the_answers_and_nothing_about_who_sent_them(open_survey):
    survey, single, multiple, scale, text = open_survey
    response = services.response_submit(
        key=survey.public_key,
        form_key="abc",
        answers={single.pk: "2", multiple.pk: ["0", "2"], scale.pk: "4", text.pk: " Meer uitleg "},
    )
    assert response.received_on == timezone.localdate()
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {"id", "survey", "received_on", "form_key", "answers"}
    stored = {a.question_id: (a.chosen, a.scale, a.text) for a in response.answers.all()}
    assert stored == {
        single.pk: ([2], None, ""),
        multiple.pk: ([0, 2], None, ""),
        scale.pk: ([], 4, ""),
        text.pk: ([], None, "Meer uitleg"),
    }


def test_the_same_form_sent_twice_is_one_response(open_survey):
    survey, single, *_rest = open_survey
    first = services.response_submit(key=survey.public_key, form_key="k1", answers={single.pk: "0"})
    again = services.response_submit(key=survey.public_key, form_key="k1", answers={single.pk: "1"})
    assert first.pk == again.pk
    assert Response.objects.count() == 1
    assert Answer.objects.get().chosen == [0]


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({}, "required"),
        ({"single": "7"}, "bad_choice"),
        ({"single": "x"}, "bad_choice"),
        ({"single": ["0", "1"]}, "one_choice"),
        ({"single": "0", "scale": "6"}, "bad_scale"),
        ({"single": "0", "text": "x" * 2001}, "too_long"),
    ],
)
def test_wrong_answers_are_refused_and_nothing_is_stored(open_survey, answers, code):
    survey, single, multiple, scale, text = open_survey
    pks = {"single": single.pk, "multiple": multiple.pk, "scale": scale.pk, "text": text.pk}
    with pytest.raises(ValidationError) as error:
        services.response_submit(
            key=survey.public_key,
            form_key="k",
            answers={pks[name]: value for name, value in answers.items()},
        )
    assert code in _codes(error.value)
    assert not Response.objects.exists()


def test_only_an_open_survey_takes_responses(open_survey, actor):
    survey, single, *_rest = open_survey
    with pytest.raises(services.SurveyUnavailable):
        services.response_submit(key="unknown", form_key="k", answers={single.pk: "0"})
    services.survey_step(survey=survey, target=Status.CLOSED, actor=actor)
    with pytest.raises(services.SurveyClosed):
        services.response_submit(key=survey.public_key, form_key="k", answers={single.pk: "0"})
    draft = SurveyFactory(municipality=survey.municipality, status=Status.DRAFT)
    with pytest.raises(services.SurveyUnavailable):
        services.open_survey_get(key=draft.public_key)


def test_invitations_keep_only_a_hash_and_answer_once(
    open_survey, actor, mailoutbox, django_capture_on_commit_callbacks
):
    survey, single, *_rest = open_survey
    with django_capture_on_commit_callbacks(execute=True):
        count = services.invitations_send(
            survey=survey,
            addresses="a@example.org\nB@example.org, a@example.org",
            actor=actor,
        )
    assert count == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    fields = {f.name for f in Invitation._meta.get_fields()}
    assert fields == {"id", "survey", "token_hash", "used"}
    token = re.search(r"/enquete/uitnodiging/([^/]+)/", mailoutbox[0].body).group(1)
    assert Invitation.objects.filter(token_hash=services.token_hash(token)).exists()
    assert not Invitation.objects.filter(token_hash=token).exists()
    services.response_submit(token=token, form_key="k1", answers={single.pk: "0"})
    with pytest.raises(services.InvitationUsed):
        services.response_submit(token=token, form_key="k2", answers={single.pk: "0"})
    assert Response.objects.count() == 1


def test_invitations_need_an_open_survey_and_real_addresses(open_survey, actor):
    survey, *_rest = open_survey
    with pytest.raises(ValidationError) as error:
        services.invitations_send(survey=survey, addresses="geen-adres", actor=actor)
    assert _codes(error.value) == {"bad_address"}
    Survey.objects.filter(pk=survey.pk).update(status=Status.CLOSED)
    with pytest.raises(ValidationError) as error:
        services.invitations_send(survey=survey, addresses="a@example.org", actor=actor)
    assert _codes(error.value) == {"not_open"}
    assert not Invitation.objects.exists()


def test_an_address_is_invited_once_and_only_a_keyed_hash_says_so(
    open_survey, actor, mailoutbox, django_capture_on_commit_callbacks
):
    survey, *_rest = open_survey
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(survey=survey, addresses="a@example.org", actor=actor)
        sent = services.invitations_send(
            survey=survey, addresses="A@example.org\nc@example.org", actor=actor
        )
    assert sent == 1 and [m.to[0] for m in mailoutbox] == ["a@example.org", "c@example.org"]
    with pytest.raises(ValidationError) as error:
        services.invitations_send(survey=survey, addresses="c@example.org", actor=actor)
    assert _codes(error.value) == {"already_invited"}
    marks = list(InvitedAddress.objects.values_list("address_hash", flat=True))
    assert len(marks) == 2 and not any("example" in mark for mark in marks)
    assert hashlib.sha256(b"a@example.org").hexdigest() not in marks  # keyed, not a plain hash


def test_the_target_group_is_invited_from_the_registers_by_consent_and_age(
    open_survey, actor, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    """Young carers are 8 to 18: only carers who want the municipality's mail by e-mail, of
    that age, active; sent again, only those who joined since."""
    from omzien.caregivers.constants import Newsletter
    from omzien.caregivers.tests.factories import CaregiverFactory

    survey, *_rest = open_survey
    Survey.objects.filter(pk=survey.pk).update(target_group=constants.TargetGroup.YOUNG_CARERS)
    survey.refresh_from_db()
    today = timezone.localdate()

    def carer(email, age, newsletter=Newsletter.EMAIL):
        born = today.replace(year=today.year - age) - datetime.timedelta(days=1)
        return CaregiverFactory(
            municipality=heerde, email=email, date_of_birth=born, newsletter=newsletter
        )

    carer("jong@example.org", 14)
    carer("geen-post@example.org", 15, newsletter=Newsletter.NONE)
    carer("volwassen@example.org", 40)
    carer("te-jong@example.org", 7)
    assert selectors.group_invitations(survey=survey) == selectors.GroupInvitations(1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_send_group(survey=survey, actor=actor) == 1
    assert [m.to[0] for m in mailoutbox] == ["jong@example.org"]
    with pytest.raises(ValidationError) as error:
        services.invitations_send_group(survey=survey, actor=actor)
    assert _codes(error.value) == {"already_invited"}
    carer("nieuw@example.org", 12)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_send_group(survey=survey, actor=actor) == 1
    assert mailoutbox[-1].to == ["nieuw@example.org"]
    assert Invitation.objects.filter(survey=survey).count() == 2


def test_free_text_answers_are_erased_months_after_closing(open_survey, settings):
    settings.OMZIEN_SURVEY_TEXT_RETENTION_MONTHS = 12
    survey, single, multiple, scale, text = open_survey
    services.response_submit(
        key=survey.public_key, form_key="k", answers={single.pk: "0", text.pk: "Jan helpt mij"}
    )
    today = datetime.date(2027, 6, 1)
    Survey.objects.filter(pk=survey.pk).update(
        status=Status.CLOSED, closed_on=datetime.date(2026, 6, 2)
    )
    assert services.surveys_apply_retention(today=today) == {"surveys": 0, "texts": 0}
    assert Answer.objects.filter(question=text).exists()
    Survey.objects.filter(pk=survey.pk).update(closed_on=datetime.date(2026, 5, 31))
    assert services.surveys_apply_retention(today=today) == {"surveys": 1, "texts": 1}
    assert not Answer.objects.filter(question=text).exists()
    assert Answer.objects.filter(question=single).exists()  # the counted answers stay
    survey.refresh_from_db()
    assert survey.texts_erased_on == today
    assert services.surveys_apply_retention(today=today) == {"surveys": 0, "texts": 0}


def test_free_text_answers_are_erased_on_the_day_their_months_have_passed_also_at_a_month_end(
    heerde, settings
):
    settings.OMZIEN_SURVEY_TEXT_RETENTION_MONTHS = 12
    months = constants.text_retention_months()
    today, due, not_yet = month_end_boundary(months)
    old = SurveyFactory(municipality=heerde, status=Status.CLOSED, closed_on=due)
    young = SurveyFactory(municipality=heerde, status=Status.CLOSED, closed_on=not_yet)
    assert services.surveys_apply_retention(today=today)["surveys"] == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.texts_erased_on, young.texts_erased_on) == (today, None)


def test_the_retention_rule_is_registered():
    from omzien.privacy.retention import _rules

    assert _rules["surveys_apply_retention"] is services.surveys_apply_retention


def test_a_question_of_another_survey_cannot_be_saved_through_this_one(actor, heerde):
    survey = SurveyFactory(municipality=heerde, status=Status.DRAFT)
    other = QuestionFactory(survey=SurveyFactory(municipality=heerde, status=Status.DRAFT))
    with pytest.raises(PermissionDenied):
        services.question_save(
            survey=survey, question=other, data={"kind": Kind.TEXT, "text": "X"}, actor=actor
        )
    assert Question.objects.get(pk=other.pk).kind == Kind.SINGLE


def test_a_stale_edit_of_a_draft_or_its_question_saves_nothing(actor, heerde):
    survey = services.survey_create(
        municipality=heerde, data={"title": "Peiling", "target_group": "other"}, actor=actor
    )
    data = {"title": "Eerste", "target_group": "other"}
    services.survey_update(survey=survey, data=data, actor=actor, version=1)
    with pytest.raises(EditConflict):
        services.survey_update(
            survey=survey, data={**data, "title": "Tweede"}, actor=actor, version=1
        )
    survey.refresh_from_db()
    assert (survey.title, survey.version) == ("Eerste", 2)
    question = services.question_save(
        survey=survey, data={"kind": Kind.TEXT, "text": "Vraag"}, actor=actor
    )
    services.question_save(
        survey=survey, question=question, data={"text": "Nieuw"}, actor=actor, version=1
    )
    with pytest.raises(EditConflict):
        services.question_save(
            survey=survey, question=question, data={"text": "Oud"}, actor=actor, version=1
        )
    question.refresh_from_db()
    assert (question.text, question.version) == ("Nieuw", 2)
