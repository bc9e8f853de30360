from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.permissions import public
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.forms.caregivers import (
    AccountLinkForm,
    CaregiverForm,
    CareRelationshipForm,
    CaseloadFilterForm,
    ContactMomentForm,
    EndCareForm,
    MergeForm,
    OwnDetailsForm,
    RegistryFilterForm,
    RelationshipEndForm,
    SelfRegistrationForm,
    UnassignedFilterForm,
)
from omzien.caregivers.forms.screening import AlertResolveForm
from omzien.caregivers.models import Caregiver, CareRelationship
from omzien.caregivers.permissions import (
    CONSULTANT_ROLES,
    carer_required,
    consultant_municipalities,
    consultant_required,
)
from omzien.caregivers.selectors import awareness as awareness_selectors
from omzien.caregivers.selectors import caregivers as selectors
from omzien.caregivers.services import caregivers as services
from omzien.caregivers.services.caregivers import Actor
from omzien.caregivers.views.returning import redirect_back
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.tenants.query import get_owned_or_404
from omzien.ui.actions import form_page, perform, posted_version
from omzien.ui.municipality import working_municipality, works_in_several
from omzien.ui.pagination import query_without_page

PAGE_SIZE = 50


@consultant_required
def registry(request):
    municipalities = consultant_municipalities(request.user)
    form = RegistryFilterForm(request.GET or None, municipalities=municipalities)
    page = selectors.caregiver_page(
        actor=Actor.from_request(request),
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
        **form.filters(),
    )
    return render(
        request,
        "caregivers/registry.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            # A consultant of several municipalities sees which carer is in which.
            "several": len(municipalities) > 1,
        },
    )


@consultant_required
def register(request):
    municipalities = consultant_municipalities(request.user)
    municipality = working_municipality(request, municipalities)
    form = CaregiverForm(request.POST or None)
    relationship_form = CareRelationshipForm(request.POST or None, prefix="rel")
    duplicates = []
    if request.method == "POST" and form.is_valid() and relationship_form.is_valid():
        try:
            result = perform(
                request,
                lambda: services.caregiver_register(
                    municipality=municipality,
                    data=form.cleaned_data,
                    relationships=[relationship_form.cleaned_data],
                    consultant=request.user,
                    actor=Actor.from_request(request),
                    allow_duplicate=request.POST.get("allow_duplicate") == "1",
                ),
                form=form,
            )
        except services.DuplicateCaregiver as duplicate:
            duplicates = duplicate.existing
        else:
            if result:
                caregiver = result.value
                messages.success(request, _("%s is registered.") % caregiver.full_name)
                return redirect("caregivers:detail", pk=caregiver.pk)
    return render(
        request,
        "caregivers/register.html",
        {
            "form": form,
            "relationship_form": relationship_form,
            "duplicates": duplicates,
            "municipality": municipality,
            "municipality_choice": municipalities,
        },
    )


@consultant_required
def detail(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    return carer_page(request, caregiver)


def carer_page(request, caregiver, *, bound=None, status: int = 200):
    """The carer's page; ``bound`` is (warning pk, form) of a refused close of a warning from
    its banner, shown again with the error."""
    context = {"carer": caregiver, **selectors.caregiver_detail(caregiver=caregiver)}
    context["alert_rows"] = [
        {
            "alert": alert,
            "form": bound[1]
            if bound and bound[0] == alert.pk
            else AlertResolveForm(prefix=f"a{alert.pk}"),
        }
        for alert in context["open_alerts"]
    ]
    context["timeline"] = selectors.caregiver_timeline(caregiver=caregiver, limit=15)
    context["contact_form"] = ContactMomentForm(initial={"contact_on": timezone.localdate()})
    context["end_form"] = EndCareForm(initial={"ended_on": timezone.localdate()})
    context["merge_form"] = MergeForm()
    return render(request, "caregivers/detail.html", context, status=status)


@consultant_required
def timeline(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    events = selectors.caregiver_timeline(caregiver=caregiver, limit=1000)
    return render(request, "caregivers/timeline.html", {"carer": caregiver, "events": events})


@consultant_required
def edit(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    form = CaregiverForm(request.POST or None, instance=caregiver)
    return form_page(
        request,
        form,
        _updating(caregiver, request),
        success=_("The changes have been saved."),
        conflict=_(
            "Someone else changed this carer while you were editing. Nothing was saved: "
            "below are the current details; make your change again."
        ),
        done=reverse("caregivers:detail", args=[pk]),
        conflict_to=reverse("caregivers:edit", args=[pk]),
        template="caregivers/edit.html",
        context={"carer": caregiver},
    )


def _updating(caregiver, request):
    """The details form's service call: the carer's fields, checked against the version the
    form was opened with."""
    return lambda data: services.caregiver_update(
        caregiver=caregiver,
        version=data.get("version") or 0,
        data={k: v for k, v in data.items() if k != "version"},
        actor=Actor.from_request(request),
    )


@consultant_required
def relationship_new(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    return form_page(
        request,
        CareRelationshipForm(request.POST or None),
        lambda data: services.relationship_add(
            caregiver=caregiver, data=data, actor=Actor.from_request(request)
        ),
        success=_("The care relationship has been added."),
        done=reverse("caregivers:detail", args=[pk]),
        template="caregivers/relationship_form.html",
        context={"carer": caregiver},
    )


@consultant_required
def relationship_edit(request, pk, rel):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    relationship = get_object_or_404(CareRelationship, pk=rel, caregiver=caregiver)
    return form_page(
        request,
        CareRelationshipForm(request.POST or None, instance=relationship),
        lambda data: services.relationship_update(
            relationship=relationship,
            data=data,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The care relationship has been saved."),
        done=reverse("caregivers:detail", args=[pk]),
        template="caregivers/relationship_form.html",
        context={"carer": caregiver, "relationship": relationship},
        conflict_to=request.get_full_path(),
    )


@consultant_required
def relationship_end(request, pk, rel):
    """One care relationship ends; the carer goes into after-care only if it was the last."""
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    relationship = get_object_or_404(
        CareRelationship, pk=rel, caregiver=caregiver, ended_on__isnull=True
    )
    form = RelationshipEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.relationship_end(
                relationship=relationship,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["end_reason"],
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            if result.value.caregiver.status == caregivers_constants.CaregiverStatus.AFTERCARE:
                messages.success(
                    request,
                    _(
                        "The care relationship has ended. It was the last one: the carer is "
                        "now in after-care."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("The care relationship has ended; the carer's other care goes on."),
                )
            return redirect("caregivers:detail", pk=pk)
    last = (
        not CareRelationship.objects.filter(caregiver=caregiver, ended_on__isnull=True)
        .exclude(pk=relationship.pk)
        .exists()
    )
    return render(
        request,
        "caregivers/relationship_end.html",
        {"carer": caregiver, "form": form, "relationship": relationship, "last": last},
    )


@consultant_required
def contact_new(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    return form_page(
        request,
        ContactMomentForm(request.POST or None, initial={"contact_on": timezone.localdate()}),
        lambda data: services.contact_record(
            caregiver=caregiver, actor=Actor.from_request(request), **data
        ),
        success=_("The contact moment has been recorded."),
        done=reverse("caregivers:detail", args=[pk]),
        template="caregivers/contact_form.html",
        context={"carer": caregiver},
    )


@consultant_required
@require_POST
def intensive(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    services.caregiver_set_intensive(
        caregiver=caregiver,
        intensive=request.POST.get("intensive") == "1",
        actor=Actor.from_request(request),
    )
    return redirect("caregivers:detail", pk=pk)


@consultant_required
def end_care(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    return form_page(
        request,
        EndCareForm(request.POST or None, initial={"ended_on": timezone.localdate()}),
        lambda data: services.caregiver_end_care(
            caregiver=caregiver,
            actor=Actor.from_request(request),
            ended_on=data["ended_on"],
            reason=data["reason"],
        ),
        success=_("The care has ended; the carer is now in after-care."),
        done=reverse("caregivers:detail", args=[pk]),
        template="caregivers/end_care.html",
        context={"carer": caregiver},
    )


@consultant_required
@require_POST
def reactivate(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    perform(
        request,
        lambda: services.caregiver_reactivate(
            caregiver=caregiver, actor=Actor.from_request(request)
        ),
        success=_("The carer is active again."),
    )
    return redirect("caregivers:detail", pk=pk)


@consultant_required
def merge(request, pk):
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        other = (
            Caregiver.objects.visible_to(request.user)
            .registered()
            .filter(pk=form.cleaned_data["other"])
            .first()
        )
        if other is None:
            form.add_error("other", _("No carer with this number in your registry."))
        else:
            result = perform(
                request,
                lambda: services.caregiver_merge(
                    source=other, target=caregiver, actor=Actor.from_request(request)
                ),
                form=form,
                success=_("The records have been merged."),
            )
            if result:
                return redirect("caregivers:detail", pk=pk)
    return render(request, "caregivers/merge.html", {"carer": caregiver, "form": form})


@consultant_required
def link_account(request, pk, registration):
    """Link the account of a merged-away registration, after the carer confirmed it."""
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    waiting = selectors.account_waiting_get(caregiver=caregiver, pk=registration)
    return form_page(
        request,
        AccountLinkForm(request.POST or None),
        lambda data: services.caregiver_link_account(
            caregiver=caregiver,
            registration=waiting,
            channel=data["channel"],
            note=data["note"],
            actor=Actor.from_request(request),
        ),
        success=_("The account has been linked to this record."),
        done=reverse("caregivers:detail", args=[pk]),
        template="caregivers/link_account.html",
        context={"carer": caregiver, "waiting": waiting},
    )


@consultant_required
def remove(request, pk):
    """The carer asked to be removed: anonymise now (the statistics keep their counts)."""
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    if request.method == "POST":
        services.caregiver_anonymise(
            caregiver=caregiver, actor=Actor.from_request(request), reason="removal on request"
        )
        messages.success(request, _("The carer's personal details have been removed."))
        return redirect("caregivers:registry")
    return render(request, "caregivers/remove.html", {"carer": caregiver})


@consultant_required
def caseload_view(request):
    form = CaseloadFilterForm(
        request.GET or None, municipalities=consultant_municipalities(request.user)
    )
    municipality, age_group = form.chosen()
    context = selectors.caseload(
        actor=Actor.from_request(request), municipality=municipality, age_group=age_group
    )
    context["form"] = form
    context["municipality"] = municipality
    context["unassigned_count"] = selectors.unassigned_count(
        user=request.user, municipality=municipality
    )
    return render(request, "caregivers/caseload.html", context)


@consultant_required
def unassigned(request):
    """The carers nobody has taken on yet (registered themselves, imported, referred): the
    newest first, each with "Ik neem dit op"."""
    form = UnassignedFilterForm(request.GET or None)
    page = selectors.unassigned_page(
        actor=Actor.from_request(request),
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
        **form.filters(),
    )
    return render(
        request,
        "caregivers/unassigned.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "narrowed": bool(any(form.filters().values())),
            "several": works_in_several(request.user, CONSULTANT_ROLES),
        },
    )


@consultant_required
@require_POST
def take_on(request, pk):
    """ "Ik neem dit op": the consultant becomes the carer's consultant, and goes back to the
    same filtered page of the list."""
    caregiver = selectors.caregiver_get(user=request.user, pk=pk, request=request)
    perform(
        request,
        lambda: services.caregiver_take_on(caregiver=caregiver, actor=Actor.from_request(request)),
        success=_("You have taken on %(name)s: the carer is now on your caseload.")
        % {"name": caregiver.full_name},
    )
    return redirect_back(request, reverse("caregivers:unassigned"))


# --- For carers themselves -------------------------------------------------------------------


@public
def self_register(request):
    # A link from the carer pages or a campaign names the municipality (?gemeente=heerde).
    chosen = awareness_selectors.municipality_by_slug(request.GET.get("gemeente", ""))
    form = SelfRegistrationForm(
        request.POST or None, initial={"municipality": chosen.pk} if chosen else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wait = rate_limit_form(
            request, form, scope="carer_register", address=data.get("email") or ""
        )
        if wait is not None:
            return too_many_requests(
                render(request, "caregivers/self_register.html", {"form": form}), wait
            )
        user = request.user if request.user.is_authenticated else None
        result = perform(
            request,
            lambda: services.caregiver_register(
                municipality=data["municipality"],
                data={
                    **data,
                    "source": caregivers_constants.Source.SELF,
                    "legal_basis": caregivers_constants.LegalBasis.CONSENT,
                    "consent_given_on": timezone.localdate(),
                },
                relationships=[
                    {
                        "recipient_name": data["recipient_name"],
                        "relationship": data["relationship"],
                        "need_kind": data["need_kind"],
                        "hours_band": data["hours_band"],
                        "lives_together": data["lives_together"],
                    }
                ],
                user=user,
                actor=Actor(user=user, request=request),
                # A public form never reveals who is registered: a consultant merges
                # duplicates (the carer's page lists them).
                allow_duplicate=True,
            ),
            form=form,
        )
        if result:
            return redirect("carer:self_register_done")
    return render(request, "caregivers/self_register.html", {"form": form})


@public
def self_register_done(request):
    return render(request, "caregivers/self_register_done.html")


@carer_required
def my_registration(request):
    registrations = (
        Caregiver.objects.owned_by(request.user)
        .registered()
        .select_related("municipality", "locality")
        .prefetch_related("relationships")
    )
    # Registrations a consultant merged into a record on file: the account is linked to it
    # only after the consultant has confirmed with the carer; until then only that is said.
    waiting = (
        Caregiver.objects.owned_by(request.user)
        .filter(merged_into__isnull=False)
        .select_related("municipality")
        .order_by("pk")
    )
    return render(
        request,
        "caregivers/mine.html",
        {"registrations": registrations, "waiting": list(waiting)},
    )


@carer_required
def my_edit(request, pk):
    """The carer changes how to reach them; only their own registration is found."""
    caregiver = get_owned_or_404(Caregiver.objects.registered(), request.user, pk=pk)
    return form_page(
        request,
        OwnDetailsForm(request.POST or None, instance=caregiver),
        _updating(caregiver, request),
        success=_("Your details have been saved."),
        conflict=_(
            "Your registration was changed in the meantime. Nothing was saved: check the "
            "details below and make your change again."
        ),
        done=reverse("carer:mine"),
        conflict_to=reverse("carer:edit", args=[pk]),
        template="caregivers/my_edit.html",
        context={"carer": caregiver},
    )


@carer_required
def my_withdraw(request):
    registrations = list(Caregiver.objects.owned_by(request.user).registered())
    if not registrations:
        return redirect(reverse("carer:mine"))
    if request.method == "POST":
        for caregiver in registrations:
            services.caregiver_anonymise(
                caregiver=caregiver,
                actor=Actor.from_request(request),
                reason="consent withdrawn by the carer",
            )
        messages.success(
            request,
            _("Your consent is withdrawn and your registration as a carer has been removed."),
        )
        return redirect("carer:mine")
    return render(request, "caregivers/withdraw.html", {"registrations": registrations})
