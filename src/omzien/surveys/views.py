"""Survey pages: the staff's list, editor, status steps, invitations and results; the
resident's anonymous form through the open link or a one-time invitation."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omzien.accounts.permissions import public
from omzien.common.links import absolute_url
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.common.services import Actor
from omzien.surveys import constants, selectors, services
from omzien.surveys.forms import InviteForm, QuestionForm, ResponseForm, SurveyForm
from omzien.surveys.models import RUNNERS
from omzien.surveys.permissions import runner_required
from omzien.surveys.workflows import SURVEY
from omzien.ui.actions import form_page, perform, posted_version
from omzien.ui.municipality import working_municipality

RATE_LIMIT_SCOPE = "survey_response"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _municipality(request):
    """The municipality a new survey is for (``?municipality=``), and the choice."""
    municipalities = request.user.municipalities(RUNNERS)
    return working_municipality(request, municipalities), municipalities


def _detail(survey) -> str:
    return reverse("surveys:survey_detail", args=[survey.pk])


# --- Staff ----------------------------------------------------------------------------------


@runner_required
def survey_list(request):
    municipality, choice = _municipality(request)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "surveys": selectors.survey_list(user=request.user),
            "presets": selectors.presets(),
            "municipality": municipality,
            "municipality_choice": choice,
            "Status": constants.Status,
        },
    )


@runner_required
def survey_create(request):
    municipality, choice = _municipality(request)
    return form_page(
        request,
        SurveyForm(request.POST or None),
        lambda data: services.survey_create(
            municipality=municipality, data=data, actor=Actor.from_request(request)
        ),
        success=_("The survey has been made as a draft. Add its questions."),
        done=_detail,
        template="surveys/survey_form.html",
        context={"municipality": municipality, "municipality_choice": choice},
    )


@runner_required
@require_POST
def survey_from_preset(request):
    municipality, _choice = _municipality(request)
    result = perform(
        request,
        lambda: services.survey_from_preset(
            municipality=municipality,
            code=request.POST.get("preset", ""),
            actor=Actor.from_request(request),
        ),
        success=_("A draft has been made from the template. Change what you like, then open it."),
    )
    if result:
        return redirect(_detail(result.value))
    return redirect("surveys:survey_list")


@runner_required
def survey_detail(request, pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    steps = SURVEY.allowed(survey, request.user)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "questions": selectors.questions_of(survey),
            "response_count": survey.responses.count(),
            "steps": steps,
            "link": absolute_url(request, reverse("surveys:survey_fill", args=[survey.public_key])),
            "Status": constants.Status,
            "Kind": constants.QuestionKind,
        },
    )


@runner_required
def survey_edit(request, pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    return form_page(
        request,
        SurveyForm(request.POST or None, instance=survey),
        lambda data: services.survey_update(
            survey=survey,
            data=data,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The survey has been saved."),
        done=_detail(survey),
        template="surveys/survey_form.html",
        context={"survey": survey},
        conflict_to=request.get_full_path(),
    )


@runner_required
def question_create(request, pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    return form_page(
        request,
        QuestionForm(request.POST or None),
        lambda data: services.question_save(
            survey=survey, data=data, actor=Actor.from_request(request)
        ),
        success=_("The question has been added."),
        done=_detail(survey) + "#questions",
        template="surveys/question_form.html",
        context={"survey": survey},
    )


@runner_required
def question_edit(request, pk, question_pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    question = selectors.question_get(user=request.user, survey=survey, pk=question_pk)
    return form_page(
        request,
        QuestionForm(request.POST or None, instance=question),
        lambda data: services.question_save(
            survey=survey,
            question=question,
            data=data,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The question has been saved."),
        done=_detail(survey) + "#questions",
        template="surveys/question_form.html",
        context={"survey": survey, "question": question},
        conflict_to=request.get_full_path(),
    )


@runner_required
@require_POST
def question_delete(request, pk, question_pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    question = selectors.question_get(user=request.user, survey=survey, pk=question_pk)
    perform(
        request,
        lambda: services.question_delete(question=question, actor=Actor.from_request(request)),
        success=_("The question has been removed."),
    )
    return redirect(_detail(survey) + "#questions")


@runner_required
@require_POST
def question_move(request, pk, question_pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    question = selectors.question_get(user=request.user, survey=survey, pk=question_pk)
    perform(
        request,
        lambda: services.question_move(
            question=question,
            up=request.POST.get("direction") != "down",
            actor=Actor.from_request(request),
        ),
    )
    return redirect(_detail(survey) + "#questions")


STEP_MESSAGES = {
    constants.Status.OPEN: gettext_lazy("The survey is open: the link takes responses."),
    constants.Status.DRAFT: gettext_lazy("The survey is a draft again: you can change it."),
    constants.Status.CLOSED: gettext_lazy(
        "The survey is closed: the link takes no more responses."
    ),
}


@runner_required
@require_POST
def survey_step(request, pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    target = request.POST.get("target", "")
    if target not in constants.Status.values:
        raise Http404
    perform(
        request,
        lambda: services.survey_step(
            survey=survey,
            target=target,
            actor=Actor.from_request(request),
            seen=request.POST.get("seen", ""),
        ),
        success=str(STEP_MESSAGES[target]),
    )
    return redirect(_detail(survey))


@runner_required
def survey_invite(request, pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    form = InviteForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.invitations_send(
            survey=survey, addresses=data["addresses"], actor=Actor.from_request(request)
        ),
        success=_("The invitations are being sent."),
        done=_detail(survey),
        template="surveys/invite_form.html",
        context={"survey": survey, "group": selectors.group_invitations(survey=survey)},
    )


@runner_required
@require_POST
def survey_invite_group(request, pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    result = perform(
        request,
        lambda: services.invitations_send_group(survey=survey, actor=Actor.from_request(request)),
        success=_("The invitations to the target group are being sent."),
    )
    if not result:
        return redirect("surveys:survey_invite", pk=survey.pk)
    return redirect(_detail(survey))


@runner_required
def survey_results(request, pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "results": selectors.survey_results(survey=survey),
            "Kind": constants.QuestionKind,
        },
    )


@runner_required
def survey_results_xlsx(request, pk):
    survey = selectors.survey_get(user=request.user, pk=pk)
    response = HttpResponse(
        selectors.results_xlsx(selectors.survey_results(survey=survey)), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="enquete-{survey.pk}-resultaten.xlsx"'
    return response


# --- The resident's anonymous form ----------------------------------------------------------


def _unavailable(request, problem: services.SurveyUnavailable):
    return render(
        request,
        "surveys/fill_unavailable.html",
        {
            "closed": isinstance(problem, services.SurveyClosed),
            "used": isinstance(problem, services.InvitationUsed),
        },
        status=problem.status,
    )


def _fill(request, *, key: str = "", token: str = ""):
    try:
        survey = services.open_survey_get(key=key, token=token)
    except services.SurveyUnavailable as problem:
        return _unavailable(request, problem)
    questions = selectors.questions_of(survey)
    form = ResponseForm(request.POST or None, questions=questions)
    context = {"survey": survey, "form": form}
    if request.method == "POST" and form.is_valid():
        wait = rate_limit_form(request, form, scope=RATE_LIMIT_SCOPE)
        if wait is not None:
            return too_many_requests(render(request, "surveys/fill.html", context), wait)
        try:
            result = perform(
                request,
                lambda: services.response_submit(
                    answers=form.answers,
                    form_key=form.cleaned_data["form_key"],
                    key=key,
                    token=token,
                ),
                form=form,
            )
        except services.SurveyUnavailable as problem:
            return _unavailable(request, problem)
        if result:
            return redirect("surveys:survey_thanks")
    return render(request, "surveys/fill.html", context)


@public
def survey_fill(request, key):
    return _fill(request, key=key)


@public
def invitation_fill(request, token):
    return _fill(request, token=token)


@public
def survey_thanks(request):
    return render(request, "surveys/fill_thanks.html")
