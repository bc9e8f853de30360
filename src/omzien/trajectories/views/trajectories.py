"""The broker's trajectories: the list, a new one, its page, the plan, goals, evaluation
moments, status steps, evaluations and the end. Thin: the work is in ``services.trajectories``
and ``selectors.trajectories``."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.common.services import Actor
from omzien.trajectories import constants
from omzien.trajectories.forms import (
    EndForm,
    EvaluationForm,
    FilterForm,
    GoalForm,
    MomentForm,
    PlanForm,
    SearchForm,
    StartForm,
    StepForm,
)
from omzien.trajectories.permissions import broker_required
from omzien.trajectories.selectors import trajectories as selectors
from omzien.trajectories.services import trajectories as services
from omzien.trajectories.workflows import TRAJECTORY
from omzien.ui.actions import form_page, perform
from omzien.ui.pagination import query_without_page

PAGE_SIZE = 25


def _steps(trajectory, user) -> list:
    """The steps on the page's step form: not the end (its own page) nor the first
    evaluation (recording it takes that step)."""
    return [
        step
        for step in TRAJECTORY.allowed(trajectory, user)
        if step.target
        not in (constants.TrajectoryStatus.ENDED, constants.TrajectoryStatus.EVALUATING)
    ]


@broker_required
def trajectory_list(request):
    form = FilterForm(request.GET or None)
    show = form.show_value()
    page = selectors.trajectory_page(
        actor=Actor.from_request(request),
        show=show,
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "trajectories/list.html",
        {"page": page, "form": form, "query": query_without_page(request)},
    )


@broker_required
def trajectory_new(request):
    search = SearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
    profiles = selectors.profile_candidates(actor=Actor.from_request(request), q=q)
    if request.method == "POST":
        chosen = selectors.profile_for_trajectory(user=request.user, pk=request.POST.get("profile"))
        profiles = [chosen] if chosen is not None else []
    form = StartForm(request.POST or None, profiles=profiles)
    return form_page(
        request,
        form,
        lambda data: services.trajectory_start(
            profile=profiles[0], kind=data["kind"], actor=Actor.from_request(request)
        ),
        success=_("The trajectory has started: plan the intake and its goals."),
        done=lambda trajectory: reverse("trajectories:detail", args=[trajectory.pk]),
        template="trajectories/new.html",
        context={"search": search, "q": q},
    )


@broker_required
def trajectory_detail(request, pk):
    actor = Actor.from_request(request)
    trajectory = selectors.trajectory_get(actor=actor, pk=pk)
    steps = _steps(trajectory, request.user)
    is_open = trajectory.status != constants.TrajectoryStatus.ENDED
    return render(
        request,
        "trajectories/detail.html",
        {
            "trajectory": trajectory,
            **selectors.trajectory_details(trajectory=trajectory),
            "is_open": is_open,
            "may_evaluate": trajectory.status
            in (constants.TrajectoryStatus.PLACED, constants.TrajectoryStatus.EVALUATING),
            "step_form": StepForm(steps=steps) if steps else None,
            "goal_form": GoalForm() if is_open else None,
            "moment_form": MomentForm() if is_open else None,
        },
    )


@broker_required
def trajectory_plan(request, pk):
    trajectory = selectors.trajectory_get(actor=Actor.from_request(request), pk=pk)
    form = PlanForm(
        request.POST or None,
        placements=selectors.placements_of(trajectory=trajectory),
        initial={
            "kind": trajectory.kind,
            "placement": trajectory.placement_id,
            "guidance": trajectory.guidance,
            "guidance_contact": trajectory.guidance_contact,
            "version": trajectory.version,
        },
    )
    detail = reverse("trajectories:detail", args=[trajectory.pk])
    return form_page(
        request,
        form,
        lambda data: services.trajectory_update_plan(
            trajectory=trajectory,
            data={k: v for k, v in data.items() if k != "version"},
            version=data["version"],
            actor=Actor.from_request(request),
        ),
        success=_("The plan has been saved."),
        done=detail,
        conflict_to=reverse("trajectories:plan", args=[trajectory.pk]),
        template="trajectories/plan.html",
        context={"trajectory": trajectory},
    )


def _post_back(request, pk, form, call, success):
    """A form on the trajectory's page: run the service, back to the page with the message."""
    trajectory = selectors.trajectory_get(actor=Actor.from_request(request), pk=pk, audit=False)
    if form.is_valid():
        perform(request, lambda: call(trajectory, form.cleaned_data), success=success)
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("trajectories:detail", pk=trajectory.pk)


@broker_required
@require_POST
def goal_add(request, pk):
    return _post_back(
        request,
        pk,
        GoalForm(request.POST),
        lambda trajectory, data: services.goal_add(
            trajectory=trajectory,
            description=data["description"],
            actor=Actor.from_request(request),
        ),
        _("The goal has been added."),
    )


@broker_required
@require_POST
def moment_add(request, pk):
    return _post_back(
        request,
        pk,
        MomentForm(request.POST),
        lambda trajectory, data: services.moment_plan(
            trajectory=trajectory,
            planned_on=data["planned_on"],
            actor=Actor.from_request(request),
        ),
        _("The evaluation has been planned."),
    )


@broker_required
@require_POST
def trajectory_step(request, pk):
    trajectory = selectors.trajectory_get(actor=Actor.from_request(request), pk=pk, audit=False)
    return _post_back(
        request,
        pk,
        StepForm(request.POST, steps=_steps(trajectory, request.user)),
        lambda trajectory, data: services.trajectory_step(
            trajectory=trajectory,
            target=data["target"],
            note=data.get("note") or "",
            seen=request.POST.get("seen", ""),
            actor=Actor.from_request(request),
        ),
        _("The status has been changed."),
    )


@broker_required
def trajectory_end(request, pk):
    trajectory = selectors.trajectory_get(actor=Actor.from_request(request), pk=pk)
    return form_page(
        request,
        EndForm(request.POST or None, initial={"ended_on": timezone.localdate()}),
        lambda data: services.trajectory_end(
            trajectory=trajectory,
            outcome=data["outcome"],
            ended_on=data.get("ended_on"),
            note=data.get("note") or "",
            seen=request.POST.get("seen", ""),
            actor=Actor.from_request(request),
        ),
        success=_("The trajectory has ended."),
        done=reverse("trajectories:detail", args=[trajectory.pk]),
        template="trajectories/end.html",
        context={"trajectory": trajectory},
    )


@broker_required
def evaluation_new(request, pk):
    trajectory = selectors.trajectory_get(actor=Actor.from_request(request), pk=pk)
    moments = selectors.open_moments(trajectory=trajectory)
    goals = list(trajectory.goals.order_by("pk"))
    initial = {"held_on": timezone.localdate()}
    due = [m for m in moments if m.planned_on <= timezone.localdate()]
    if due:
        initial["moment_id"] = due[0].pk
    form = EvaluationForm(request.POST or None, goals=goals, moments=moments, initial=initial)
    return form_page(
        request,
        form,
        lambda _data: services.evaluation_record(
            trajectory=trajectory, actor=Actor.from_request(request), **form.service_data()
        ),
        success=_("The evaluation has been recorded."),
        done=reverse("trajectories:detail", args=[trajectory.pk]),
        template="trajectories/evaluation_form.html",
        context={"trajectory": trajectory, "goals": goals},
    )
