"""Buddy programmes for brokers and carer consultants: thin views over services and selectors."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from omzien.accounts.permissions import staff_required
from omzien.buddies import constants, selectors, services
from omzien.buddies.forms import (
    CheckInForm,
    ManualPairForm,
    PairEndForm,
    ParticipantForm,
    ProgrammeForm,
)
from omzien.buddies.models import FIGURES_ROLES, STAFF, BuddyCheckIn, BuddyPair
from omzien.buddies.services import Actor
from omzien.tenants.query import get_visible_or_404
from omzien.ui.actions import form_page, perform, posted_version
from omzien.ui.forms import PeriodForm
from omzien.ui.municipality import working_municipality
from omzien.ui.picker import render_matches

staff_only = staff_required(*STAFF)
figures_only = staff_required(*FIGURES_ROLES)


@staff_only
def programme_list(request):
    return render(
        request,
        "buddies/programme_list.html",
        {"programmes": selectors.programme_list(user=request.user)},
    )


@staff_only
def programme_create(request):
    municipalities = request.user.municipalities(STAFF)
    municipality = working_municipality(request, municipalities)
    form = ProgrammeForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.programme_create(
            municipality=municipality,
            data=form.data_for_service(),
            actor=Actor.from_request(request),
        ),
        success=_("The buddy programme has been created."),
        done=lambda programme: reverse("buddies:programme_detail", args=[programme.pk]),
        template="buddies/programme_form.html",
        context={"municipality": municipality, "municipality_choice": municipalities},
    )


@staff_only
def programme_edit(request, pk):
    programme = selectors.programme_get(user=request.user, pk=pk)
    form = ProgrammeForm(request.POST or None, instance=programme)
    return form_page(
        request,
        form,
        lambda data: services.programme_update(
            programme=programme,
            version=data.get("version"),
            data=form.data_for_service(),
            actor=Actor.from_request(request),
        ),
        success=_("The changes have been saved."),
        done=reverse("buddies:programme_detail", args=[pk]),
        conflict_to=reverse("buddies:programme_edit", args=[pk]),
        template="buddies/programme_form.html",
        context={"programme": programme},
    )


@staff_only
def programme_detail(request, pk):
    programme = selectors.programme_get(user=request.user, pk=pk)
    page = selectors.programme_page(user=request.user, programme=programme, request=request)
    pair_form = ManualPairForm(programme=programme, free_a=page["free_a"], free_b=page["free_b"])
    return render(
        request,
        "buddies/programme_detail.html",
        {"programme": programme, "pair_form": pair_form, **page},
    )


@staff_only
@require_POST
def pairing_run(request, pk):
    programme = selectors.programme_get(user=request.user, pk=pk)
    services.pairing_run(programme=programme, actor=Actor.from_request(request))
    messages.success(request, _("The pairing has run. Review the two proposals below."))
    return redirect("buddies:programme_detail", pk=pk)


@staff_only
@require_POST
def pairing_take(request, pk):
    programme = selectors.programme_get(user=request.user, pk=pk)
    result = perform(
        request,
        lambda: services.pairing_take(
            programme=programme,
            choice=request.POST.get("choice", ""),
            actor=Actor.from_request(request),
        ),
    )
    if result:
        pairs = result.value
        messages.success(
            request,
            ngettext(
                "%(count)d pair is proposed. Confirm it once both agree.",
                "%(count)d pairs are proposed. Confirm each pair once both agree.",
                len(pairs),
            )
            % {"count": len(pairs)},
        )
    return redirect("buddies:programme_detail", pk=pk)


@staff_only
@require_POST
def pair_manually(request, pk):
    programme = selectors.programme_get(user=request.user, pk=pk)
    page = selectors.programme_page(user=request.user, programme=programme, request=request)
    form = ManualPairForm(
        request.POST, programme=programme, free_a=page["free_a"], free_b=page["free_b"]
    )
    if not form.is_valid():
        messages.error(request, _("Choose one person of each group who is not paired yet."))
        return redirect("buddies:programme_detail", pk=pk)
    perform(
        request,
        lambda: services.pair_manually(
            programme=programme,
            participant_a=form.cleaned_data["participant_a"],
            participant_b=form.cleaned_data["participant_b"],
            actor=Actor.from_request(request),
        ),
        success=_("The pair is proposed. Confirm it once both agree."),
    )
    return redirect("buddies:programme_detail", pk=pk)


def _participant_form_page(request, programme, form, participant=None):
    return render(
        request,
        "buddies/participant_form.html",
        {"form": form, "programme": programme, "participant": participant},
    )


def _picker_url(programme) -> str:
    return reverse("buddies:volunteer_picker", args=[programme.pk])


@staff_only
def volunteer_picker(request, pk):
    """The volunteer profiles the participant form's search finds, as it is typed (htmx)."""
    programme = selectors.programme_get(user=request.user, pk=pk)
    return render_matches(
        request, ParticipantForm(programme=programme, user=request.user)["volunteer_profile"]
    )


@staff_only
def participant_create(request, pk):
    programme = selectors.programme_get(user=request.user, pk=pk)
    initial = {"side": request.GET.get("side")} if request.GET.get("side") in constants.Side else {}
    form = ParticipantForm(
        request.POST or None,
        initial=initial,
        programme=programme,
        user=request.user,
        search_url=_picker_url(programme),
    )
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.participant_create(
                programme=programme,
                data=form.data_for_service(),
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            messages.success(request, _("%s has been added.") % result.value.name)
            return redirect("buddies:programme_detail", pk=pk)
    return _participant_form_page(request, programme, form)


@staff_only
def participant_edit(request, pk):
    participant = selectors.participant_get(user=request.user, pk=pk, request=request)
    programme = participant.programme
    form = ParticipantForm(
        request.POST or None,
        instance=participant,
        programme=programme,
        user=request.user,
        search_url=_picker_url(programme),
    )
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.participant_update(
                participant=participant,
                version=form.cleaned_data.get("version"),
                data=form.data_for_service(),
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The changes have been saved."),
        )
        if result:
            return redirect("buddies:programme_detail", pk=programme.pk)
        if result.conflict:
            return redirect("buddies:participant_edit", pk=pk)
    return _participant_form_page(request, programme, form, participant)


@staff_only
@require_POST
def participant_leave(request, pk):
    participant = selectors.participant_get(user=request.user, pk=pk, request=request)
    perform(
        request,
        lambda: services.participant_leave(
            participant=participant,
            version=posted_version(request),
            actor=Actor.from_request(request),
        ),
        success=_("%s has left the programme.") % participant.name,
    )
    return redirect("buddies:programme_detail", pk=participant.programme_id)


@staff_only
def pair_detail(request, pk):
    pair = selectors.pair_get(user=request.user, pk=pk, request=request)
    selectors.for_display([pair.participant_a, pair.participant_b])
    return render(
        request,
        "buddies/pair_detail.html",
        {"pair": pair, "end_form": PairEndForm(), "check_in_form": CheckInForm()},
    )


def _pair_action(request, pk, action, success: str):
    pair = get_visible_or_404(BuddyPair, request.user, pk=pk)
    perform(
        request,
        partial(
            action, pair=pair, version=posted_version(request), actor=Actor.from_request(request)
        ),
        success=success,
    )
    return pair


@staff_only
@require_POST
def pair_confirm(request, pk):
    pair = _pair_action(request, pk, services.pair_confirm, _("The pair is confirmed."))
    return redirect("buddies:programme_detail", pk=pair.programme_id)


@staff_only
@require_POST
def pair_dissolve(request, pk):
    pair = _pair_action(request, pk, services.pair_dissolve, _("The proposal is dissolved."))
    return redirect("buddies:programme_detail", pk=pair.programme_id)


@staff_only
@require_POST
def pair_end(request, pk):
    pair = get_visible_or_404(BuddyPair, request.user, pk=pk)
    form = PairEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why the pair ended and when."))
        return redirect("buddies:pair_detail", pk=pk)
    perform(
        request,
        lambda: services.pair_end(
            pair=pair,
            version=posted_version(request),
            reason=form.cleaned_data["reason"],
            ended_on=form.cleaned_data["ended_on"],
            actor=Actor.from_request(request),
        ),
        success=_("The pair has ended."),
    )
    return redirect("buddies:pair_detail", pk=pk)


@staff_only
@require_POST
def check_in_done(request, pk):
    check_in = get_object_or_404(
        BuddyCheckIn.objects.filter(pair__in=BuddyPair.objects.visible_to(request.user)), pk=pk
    )
    form = CheckInForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.check_in_done(
                check_in=check_in,
                notes=form.cleaned_data["notes"],
                actor=Actor.from_request(request),
            ),
            success=_("The check-in has been recorded."),
        )
    return redirect("buddies:pair_detail", pk=check_in.pair_id)


@figures_only
def figures(request):
    """The buddy figures of a municipality and a period that is over: aggregates only."""
    municipalities = request.user.municipalities(FIGURES_ROLES)
    if not municipalities:
        raise PermissionDenied
    form = PeriodForm(request.GET or None, municipalities=municipalities)
    municipality, period = form.chosen()
    figures = selectors.buddy_figures(municipality=municipality, period=period)
    return render(request, "buddies/figures.html", {"form": form, "figures": figures})
