"""Wellbeing pages: the welfare workers' trajectories, the questionnaire and the effect report;
the referrer's referral form and list; the resident's one-time questionnaire link."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, public, staff_required
from omzien.common.services import Actor
from omzien.ui.actions import form_page, perform
from omzien.ui.municipality import working_municipality, works_in_several
from omzien.ui.pagination import paginate, query_without_page
from omzien.wellbeing import constants, scoring, selectors, services
from omzien.wellbeing.forms import (
    CloseForm,
    ContactForm,
    EffectForm,
    IntakeForm,
    InviteForm,
    ParticipantForm,
    QuestionnaireForm,
    ReferralForm,
    TrajectoryFilterForm,
)
from omzien.wellbeing.models import WORKERS

worker_required = staff_required(*WORKERS)
referrer_required = staff_required(Role.REFERRER, rule=ObjectRule.OWN)
REPORT_ROLES = (Role.WELFARE_WORKER, Role.POLICY_ADVISOR)


# --- Welfare workers -------------------------------------------------------------------------


@worker_required
def trajectory_list(request):
    form = TrajectoryFilterForm(request.GET or None)
    page = selectors.trajectory_page(
        user=request.user, request=request, page=request.GET.get("page"), **form.filters()
    )
    return render(
        request,
        "wellbeing/trajectory_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            # Someone who works in several municipalities sees whose each resident is.
            "several": works_in_several(request.user, WORKERS),
        },
    )


@worker_required
def participant_create(request):
    municipalities = request.user.municipalities(WORKERS)
    municipality = working_municipality(request, municipalities)
    form = ParticipantForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.participant_register(
            municipality=municipality, data=data, actor=Actor.from_request(request)
        ),
        success=_("The resident has been registered. Plan the intake."),
        done=lambda trajectory: reverse("wellbeing:trajectory_detail", args=[trajectory.pk]),
        template="wellbeing/participant_form.html",
        context={"municipality": municipality, "municipality_choice": municipalities},
    )


@worker_required
def trajectory_detail(request, pk):
    trajectory = selectors.trajectory_get(user=request.user, pk=pk, request=request)
    return render(
        request,
        "wellbeing/trajectory_detail.html",
        {
            "trajectory": trajectory,
            "invite_form": InviteForm(),
            "Status": constants.Status,
            **selectors.trajectory_detail(trajectory=trajectory),
        },
    )


def _step_page(request, pk, form_class, call, *, success, template, **form_kwargs):
    trajectory = selectors.trajectory_get(user=request.user, pk=pk, request=request)
    extra = {key: make(trajectory) for key, make in form_kwargs.items()}
    form = form_class(request.POST or None, initial={"seen": trajectory.status}, **extra)
    return form_page(
        request,
        form,
        lambda data: call(trajectory, data),
        success=success,
        done=reverse("wellbeing:trajectory_detail", args=[pk]),
        template=template,
        context={"trajectory": trajectory},
    )


@worker_required
def trajectory_intake(request, pk):
    return _step_page(
        request,
        pk,
        IntakeForm,
        lambda trajectory, data: services.trajectory_intake(
            trajectory=trajectory,
            data=data,
            actor=Actor.from_request(request),
            seen=data.get("seen", ""),
        ),
        success=_("The intake has been recorded; the trajectory is underway."),
        template="wellbeing/intake_form.html",
        municipality=lambda trajectory: trajectory.municipality,
    )


@worker_required
def contact_create(request, pk):
    return _step_page(
        request,
        pk,
        ContactForm,
        lambda trajectory, data: services.contact_record(
            trajectory=trajectory, data=data, actor=Actor.from_request(request)
        ),
        success=_("The contact has been recorded."),
        template="wellbeing/contact_form.html",
    )


@worker_required
def trajectory_close(request, pk):
    return _step_page(
        request,
        pk,
        CloseForm,
        lambda trajectory, data: services.trajectory_close(
            trajectory=trajectory,
            outcome=data["outcome"],
            note=data.get("note", ""),
            actor=Actor.from_request(request),
            seen=data.get("seen", ""),
        ),
        success=_("The trajectory has been closed."),
        template="wellbeing/close_form.html",
    )


def _version(request) -> int:
    try:
        version = int(request.GET.get("version") or scoring.Version.SHORT)
    except ValueError:
        raise Http404 from None
    if version not in scoring.Version.values:
        raise Http404
    return version


@worker_required
def measurement_create(request, pk):
    trajectory = selectors.trajectory_get(user=request.user, pk=pk, request=request)
    version = _version(request)
    form = QuestionnaireForm(request.POST or None, version=version, staff=True)
    return form_page(
        request,
        form,
        lambda data: services.measurement_record(
            trajectory=trajectory,
            version=version,
            moment=data["moment"],
            answers=form.answers,
            taken_on=data["taken_on"],
            actor=Actor.from_request(request),
        ),
        success=_("The questionnaire has been recorded."),
        done=reverse("wellbeing:trajectory_detail", args=[pk]),
        template="wellbeing/measurement_form.html",
        context={
            "trajectory": trajectory,
            "version": version,
            "instruction": scoring.INSTRUCTION,
            "other_version": 11 if version == 6 else 6,
        },
    )


@worker_required
@require_POST
def measurement_invite(request, pk):
    trajectory = selectors.trajectory_get(user=request.user, pk=pk, request=request)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the version and the moment."))
        return redirect("wellbeing:trajectory_detail", pk=pk)
    result = perform(
        request,
        lambda: services.measurement_invite(
            trajectory=trajectory,
            version=form.cleaned_data["version"],
            moment=form.cleaned_data["moment"],
            actor=Actor.from_request(request),
        ),
    )
    if result:
        _invitation, link = result.value
        messages.success(
            request,
            _(
                "A one-time link has been made (sent by e-mail when the resident has an "
                "address). It works for 14 days, once: %(link)s"
            )
            % {"link": link},
        )
    return redirect("wellbeing:trajectory_detail", pk=pk)


@staff_required(*REPORT_ROLES)
def effect_report(request):
    municipalities = request.user.municipalities(REPORT_ROLES)
    if not municipalities:
        raise PermissionDenied
    form = EffectForm(request.GET or None, municipalities=municipalities)
    municipality, period = form.chosen()
    report = selectors.effect_report(
        municipality=municipality, period=period, version=form.chosen_version()
    )
    return render(
        request,
        "wellbeing/effect_report.html",
        {"form": form, "report": report, "municipality": municipality, "period": period},
    )


# --- Referrers (GP, POH) ---------------------------------------------------------------------


@referrer_required
def refer(request):
    municipalities = request.user.municipalities([Role.REFERRER])
    if not municipalities:
        raise PermissionDenied
    return form_page(
        request,
        ReferralForm(request.POST or None, municipalities=municipalities),
        lambda data: services.referral_submit(
            municipality=data["municipality"],
            submitted_by=request.user,
            data={k: v for k, v in data.items() if k != "municipality"},
            request=request,
        ),
        success=_(
            "Thank you. A welfare coach will contact the patient. Below you can follow the "
            "status of your referral."
        ),
        done=reverse("wellbeing:referral_mine"),
        template="wellbeing/refer.html",
    )


@referrer_required
def referral_mine(request):
    page, query = paginate(request, selectors.referral_mine(user=request.user))
    return render(request, "wellbeing/referral_mine.html", {"page": page, "query": query})


# --- The resident's one-time link ------------------------------------------------------------


def _invitation_problem(request, problem: services.InvitationInvalid):
    return render(
        request,
        "wellbeing/fill_invalid.html",
        {
            "used": isinstance(problem, services.InvitationUsed),
            "expired": isinstance(problem, services.InvitationExpired),
        },
        status=problem.status,
    )


@public
def questionnaire_fill(request, token):
    try:
        invitation = services.invitation_get(token=token)
    except services.InvitationInvalid as problem:
        return _invitation_problem(request, problem)
    form = QuestionnaireForm(request.POST or None, version=invitation.version)
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(
                request,
                lambda: services.measurement_fill_by_invitation(
                    token=token, answers=form.answers, request=request
                ),
                form=form,
            )
        except services.InvitationInvalid as problem:
            return _invitation_problem(request, problem)
        if result:
            return redirect("wellbeing:questionnaire_thanks")
    return render(
        request,
        "wellbeing/fill.html",
        {"form": form, "instruction": scoring.INSTRUCTION, "today": timezone.localdate()},
    )


@public
def questionnaire_thanks(request):
    return render(request, "wellbeing/fill_thanks.html")
