"""Burden screening pages: record during a call, invite by link, the carer's own form,
the "Vroegsignalen" work queue and the municipality's thresholds. Thin: the work is in
:mod:`.screening` and :mod:`.selectors`."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from omzien.accounts.constants import Role
from omzien.accounts.permissions import public, staff_required
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers import instruments
from omzien.caregivers.forms.screening import (
    AlertFilterForm,
    AlertReportForm,
    AlertResolveForm,
    CaregiverSettingsForm,
    InstrumentChoiceForm,
    QuestionnaireForm,
)
from omzien.caregivers.models import BurdenWarning, CaregiverSettings
from omzien.caregivers.permissions import CONSULTANT_ROLES, consultant_required
from omzien.caregivers.selectors import caregivers as selectors
from omzien.caregivers.selectors import screening as screening_selectors
from omzien.caregivers.services import screening
from omzien.caregivers.services.caregivers import Actor
from omzien.caregivers.views.caregivers import carer_page
from omzien.caregivers.views.returning import redirect_back
from omzien.tenants.query import get_visible_or_404
from omzien.ui.actions import form_page, perform, posted_version
from omzien.ui.municipality import working_municipality, works_in_several
from omzien.ui.pagination import query_without_page

admin_required = staff_required(Role.MUNICIPALITY_ADMIN)
ALERTS_PAGE_SIZE = 25


@consultant_required
def screening_new(request, pk):
    """The consultant records a screening during a call: first the instrument, then the items."""
    carer = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    instrument = request.POST.get("instrument") or request.GET.get("instrument", "")
    if instrument not in instruments.INSTRUMENTS:
        return render(
            request,
            "caregivers/screening/choose_instrument.html",
            {"carer": carer, "instruments": caregivers_constants.Instrument.choices},
        )
    form = QuestionnaireForm(request.POST or None, instrument=instrument, with_date=True)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: screening.screening_record(
                caregiver=carer,
                instrument=instrument,
                answers=form.answers,
                taken_on=form.cleaned_data["taken_on"],
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            recorded = result.value
            if recorded.alerts.exists():
                messages.warning(
                    request,
                    _("The screening has been recorded: %(result)s. An early warning is open.")
                    % {"result": instruments.score_label(recorded.instrument, recorded.score)},
                )
            else:
                messages.success(
                    request,
                    _("The screening has been recorded: %(result)s.")
                    % {"result": instruments.score_label(recorded.instrument, recorded.score)},
                )
            return redirect("caregivers:detail", pk=carer.pk)
    return render(
        request,
        "caregivers/screening/record.html",
        {"carer": carer, "form": form, "spec": form.spec, "instrument": instrument},
    )


@consultant_required
def screening_invite(request, pk):
    carer = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    form = InstrumentChoiceForm(
        request.POST or None,
        initial={
            "instrument": request.GET.get("instrument") or caregivers_constants.Instrument.EDIZ
        },
    )
    return form_page(
        request,
        form,
        lambda data: screening.screening_invite(
            caregiver=carer, instrument=data["instrument"], actor=Actor.from_request(request)
        ),
        success=_("The carer has been sent a link to fill in the questionnaire."),
        done=reverse("caregivers:detail", args=[carer.pk]),
        template="caregivers/screening/invite.html",
        context={"carer": carer},
    )


def _invitation_problem(request, problem: screening.InvitationInvalid):
    return render(
        request,
        "caregivers/screening/fill_invalid.html",
        {
            "used": isinstance(problem, screening.InvitationUsed),
            "expired": isinstance(problem, screening.InvitationExpired),
        },
        status=problem.status,
    )


@public
@never_cache
def screening_fill(request, token):
    """Public: the carer fills in the questionnaire through the link. No login, no details."""
    try:
        invitation = screening.invitation_get(token=token)
    except screening.InvitationInvalid as problem:
        return _invitation_problem(request, problem)
    form = QuestionnaireForm(request.POST or None, instrument=invitation.instrument)
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(
                request,
                lambda: screening.screening_fill_by_invitation(
                    token=token, answers=form.answers, request=request
                ),
                form=form,
            )
        except screening.InvitationInvalid as problem:
            return _invitation_problem(request, problem)
        if result:
            return redirect("caregivers:screening_thanks")
    return render(request, "caregivers/screening/fill.html", {"form": form, "spec": form.spec})


@public
def screening_thanks(request):
    return render(request, "caregivers/screening/fill_thanks.html")


def _alerts_page(request, *, bound: tuple[int, AlertResolveForm] | None = None, status=200):
    form = AlertFilterForm(request.GET or None)
    page = screening_selectors.warning_page(
        actor=Actor.from_request(request),
        page_number=request.GET.get("page"),
        per_page=ALERTS_PAGE_SIZE,
        **form.filters(),
    )
    rows = []
    for alert in page:
        resolve_form = (
            bound[1] if bound and bound[0] == alert.pk else AlertResolveForm(prefix=f"a{alert.pk}")
        )
        rows.append({"alert": alert, "form": resolve_form})
    # Where closing a warning comes back to: this filtered, paged list (also when the page is
    # shown again after a refused close, whose address is the close action's).
    query = request.GET.urlencode()
    back = reverse("caregivers:alerts") + (f"?{query}" if query else "")
    return render(
        request,
        "caregivers/screening/alerts.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "rows": rows,
            "back": back,
            "resolved": form.filters().get("status") == screening_selectors.RESOLVED,
            "narrowed": form.narrowed(),
            "today": timezone.localdate(),
            "several": works_in_several(request.user, CONSULTANT_ROLES),
        },
        status=status,
    )


@consultant_required
def alert_list(request):
    """The "Vroegsignalen" work queue: the early warnings of the consultant's municipality,
    open ones newest first by default, filtered and searched by the carer's name."""
    return _alerts_page(request)


@consultant_required
@require_POST
def alert_resolve(request, alert_pk):
    """Close a warning from the queue or from the carer's page, and go back where the
    consultant came from (``next``: the same filtered page of the queue, or the carer's page)."""
    alert = get_visible_or_404(
        BurdenWarning.objects.filter(resolved_at__isnull=True), request.user, pk=alert_pk
    )
    # Checks the carer is visible and writes the read to the audit trail.
    carer = selectors.caregiver_get(user=request.user, pk=alert.caregiver_id, request=request)
    form = AlertResolveForm(request.POST, prefix=f"a{alert.pk}")
    if form.is_valid():
        result = perform(
            request,
            lambda: screening.alert_resolve(
                alert=alert,
                resolution=form.cleaned_data["resolution"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The warning has been closed."),
        )
        if result:
            query = request.GET.urlencode()
            return redirect_back(
                request, reverse("caregivers:alerts") + (f"?{query}" if query else "")
            )
    if request.POST.get("origin") == "carer":
        return carer_page(request, carer, bound=(alert.pk, form), status=400)
    return _alerts_page(request, bound=(alert.pk, form), status=400)


@consultant_required
def alert_report(request, alert_pk):
    """Raise a concern about the carer's overload for the welfare team, from an open warning
    (once; the warning keeps the link)."""
    alert = get_visible_or_404(BurdenWarning.objects.all(), request.user, pk=alert_pk)
    # Checks the carer is visible and writes the read to the audit trail.
    carer = selectors.caregiver_get(user=request.user, pk=alert.caregiver_id, request=request)
    if alert.concern_id is not None:
        # Reported already (a second tab, a retried request): nothing is raised again.
        messages.info(request, _("This warning has been reported to the central contact point."))
        return redirect("caregivers:detail", pk=carer.pk)
    return form_page(
        request,
        AlertReportForm(request.POST or None),
        lambda data: screening.alert_report(
            alert=alert, data=data, actor=Actor.from_request(request)
        ),
        success=_(
            "The concern has been reported to the central contact point; the welfare team "
            "will pick it up."
        ),
        done=reverse("caregivers:detail", kwargs={"pk": carer.pk}),
        template="caregivers/screening/alert_report.html",
        context={"alert": alert, "carer": carer},
    )


@admin_required
def settings_edit(request):
    """The municipality administrator changes the carer thresholds of their municipality."""
    municipalities = request.user.municipalities((Role.MUNICIPALITY_ADMIN,))
    current = CaregiverSettings.for_municipality(working_municipality(request, municipalities))
    return form_page(
        request,
        CaregiverSettingsForm(request.POST or None, instance=current),
        lambda data: screening.caregiver_settings_update(
            settings=current,
            data=data,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The carer settings have been saved."),
        done=request.get_full_path(),
        template="caregivers/screening/settings.html",
        context={"municipality": current.municipality, "municipality_choice": municipalities},
        conflict_to=request.get_full_path(),
    )
