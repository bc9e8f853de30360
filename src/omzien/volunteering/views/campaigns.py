from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.permissions import public
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.common.services import Actor
from omzien.ui.actions import form_page, perform
from omzien.volunteering.forms.campaigns import AttachForm, CampaignForm, SignupForm
from omzien.volunteering.permissions import broker_required
from omzien.volunteering.selectors import campaigns as selectors
from omzien.volunteering.services import campaigns as services

# --- Public ----------------------------------------------------------------------------------


@public
def campaign_public_list(request):
    campaigns = selectors.public_campaigns()
    return render(request, "volunteering/campaigns/public_list.html", {"campaigns": campaigns})


def _prefix(task) -> str:
    return f"task{task.pk}"


@public
def campaign_public(request, pk):
    campaign = selectors.campaign_public_get(pk=pk)
    tasks = selectors.campaign_public_tasks(campaign=campaign)
    posted = None
    if request.method == "POST":
        posted = next((t for t in tasks if str(t.pk) == request.POST.get("task")), None)
        if posted is None:
            messages.error(request, _("You can no longer sign up for this task."))
            return redirect("volunteering:campaign_public", pk=pk)
    for task in tasks:
        data = request.POST if task is posted else None
        task.form = SignupForm(data, prefix=_prefix(task))
    if posted is not None and posted.form.is_valid():
        form = posted.form
        wait = rate_limit_form(
            request, form, scope="campaign_signup", address=form.cleaned_data["email"]
        )
        if wait is not None:
            context = {"campaign": campaign, "tasks": tasks, "posted": posted}
            return too_many_requests(
                render(request, "volunteering/campaigns/public.html", context), wait
            )
        result = perform(
            request,
            lambda: services.campaign_signup(
                campaign=campaign,
                vacancy=posted,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            return redirect("volunteering:campaign_thanks", pk=pk)
    return render(
        request,
        "volunteering/campaigns/public.html",
        {"campaign": campaign, "tasks": tasks, "posted": posted},
    )


@public
def campaign_thanks(request, pk):
    campaign = selectors.campaign_public_get(pk=pk)
    return render(request, "volunteering/campaigns/thanks.html", {"campaign": campaign})


# --- Brokers ---------------------------------------------------------------------------------


@broker_required
def campaign_list(request):
    campaigns = selectors.campaign_list_for_broker(user=request.user)
    return render(request, "volunteering/campaigns/list.html", {"campaigns": campaigns})


@broker_required
def campaign_create(request):
    municipalities = selectors.broker_municipalities(user=request.user)
    form = CampaignForm(request.POST or None, municipalities=municipalities)
    return form_page(
        request,
        form,
        lambda data: services.campaign_create(
            municipality=data.get("municipality") or form.single_municipality,
            data=form.service_data(),
            actor=Actor.from_request(request),
        ),
        success=_("The campaign has been saved. Now add its tasks."),
        done=lambda campaign: reverse("volunteering:campaign_manage", args=[campaign.pk]),
        template="volunteering/campaigns/form.html",
        context={"campaign": None},
    )


@broker_required
def campaign_edit(request, pk):
    campaign = selectors.campaign_for_broker(user=request.user, pk=pk)
    form = CampaignForm(request.POST or None, instance=campaign)
    return form_page(
        request,
        form,
        lambda data: services.campaign_update(
            campaign=campaign,
            version=data.get("version") or 0,
            data=form.service_data(),
            actor=Actor.from_request(request),
        ),
        success=_("The changes have been saved."),
        conflict=_(
            "Someone else changed this campaign while you were editing. Nothing was "
            "saved: below are the current details; make your change again."
        ),
        done=reverse("volunteering:campaign_manage", args=[pk]),
        conflict_to=reverse("volunteering:campaign_edit", args=[pk]),
        template="volunteering/campaigns/form.html",
        context={"campaign": campaign},
    )


@broker_required
def campaign_manage(request, pk):
    campaign = selectors.campaign_for_broker(user=request.user, pk=pk)
    context = {
        "campaign": campaign,
        "tasks": selectors.campaign_tasks(campaign=campaign),
        "candidates": selectors.campaign_candidates(campaign=campaign),
    }
    return render(request, "volunteering/campaigns/manage.html", context)


def _change_task(request, pk, service, success: str):
    campaign = selectors.campaign_for_broker(user=request.user, pk=pk)
    form = AttachForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a task."))
        return redirect("volunteering:campaign_manage", pk=pk)
    result = perform(
        request,
        partial(
            service,
            campaign=campaign,
            vacancy_id=form.cleaned_data["vacancy"],
            actor=Actor.from_request(request),
        ),
    )
    if result:
        messages.success(request, success % result.value.title)
    return redirect("volunteering:campaign_manage", pk=pk)


@broker_required
@require_POST
def campaign_add_task(request, pk):
    return _change_task(
        request, pk, services.campaign_add_vacancy, _("“%s” is now part of the campaign.")
    )


@broker_required
@require_POST
def campaign_remove_task(request, pk):
    return _change_task(
        request, pk, services.campaign_remove_vacancy, _("“%s” has been removed from the campaign.")
    )


@broker_required
def campaign_signups(request, pk):
    campaign = selectors.campaign_for_broker(user=request.user, pk=pk)
    tasks = selectors.campaign_signups(campaign=campaign, actor=Actor.from_request(request))
    return render(
        request, "volunteering/campaigns/signups.html", {"campaign": campaign, "tasks": tasks}
    )
