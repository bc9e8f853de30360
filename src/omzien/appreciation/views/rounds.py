"""The functional administrator's pages of a round: list, set up, change, copy, the rules."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_required
from omzien.appreciation.forms.rounds import RoundForm, band_formset, bands_of
from omzien.appreciation.models import STAFF_ROLES
from omzien.appreciation.permissions import round_admin_required, staff_of
from omzien.appreciation.selectors import rounds as selectors
from omzien.appreciation.services import rounds as services
from omzien.common.services import Actor
from omzien.ui.actions import perform, posted_version
from omzien.ui.pagination import paginate

# The rounds and their rules: the administrator and the staff who handle applications.
round_readers_required = staff_required(Role.MUNICIPALITY_ADMIN, *STAFF_ROLES)

CONFLICT = gettext_lazy(
    "Someone else changed this round while you were editing. Nothing was saved: below are "
    "the current rules; make your change again."
)


@round_readers_required
def round_list(request):
    page, query = paginate(request, selectors.round_list(user=request.user))
    rows = [{"round": r, "summary": selectors.rules_summary(r)} for r in page]
    return render(
        request,
        "appreciation/rounds/list.html",
        {
            "page": page,
            "query": query,
            "rows": rows,
            "may_set_up": bool(selectors.admin_municipalities(request.user)),
        },
    )


@round_readers_required
def round_detail(request, pk):
    round_ = selectors.round_get(user=request.user, pk=pk)
    may_work = staff_of(round_.municipality_id, request.user)
    return render(
        request,
        "appreciation/rounds/detail.html",
        {
            "round": round_,
            "rules": selectors.round_rules(round_),
            "may_change": request.user.has_role_in(round_.municipality_id, Role.MUNICIPALITY_ADMIN),
            "may_work": may_work,
            "check_run": selectors.last_check_run(round_) if may_work else None,
        },
    )


def _round_page(request, *, form, formset, template, context, call, done):
    """A round form with its age bands: both valid, one service call, or the page again."""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        result = perform(request, lambda: call(bands_of(formset)), form=form, conflict=CONFLICT)
        if result:
            return redirect(done(result.value))
        if result.conflict:
            return redirect(request.path)
    return render(request, template, {**context, "form": form, "bands": formset})


@round_admin_required
def round_create(request):
    municipalities = selectors.admin_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    form = RoundForm(request.POST or None, municipalities=municipalities)
    formset = band_formset(request.POST or None)

    def create(bands):
        municipality = form.cleaned_data.get("municipality") or municipalities[0]
        return services.create_round(
            municipality=municipality,
            data=form.service_data(),
            bands=bands,
            actor=Actor.from_request(request),
        )

    return _round_page(
        request,
        form=form,
        formset=formset,
        template="appreciation/rounds/form.html",
        context={"heading": _("New appreciation round")},
        call=create,
        done=lambda round_: reverse("appreciation:round_detail", args=[round_.pk]),
    )


@round_admin_required
def round_edit(request, pk):
    round_ = selectors.round_for_admin(user=request.user, pk=pk)
    form = RoundForm(request.POST or None, instance=round_)
    formset = band_formset(request.POST or None, round_=round_)
    return _round_page(
        request,
        form=form,
        formset=formset,
        template="appreciation/rounds/form.html",
        context={"heading": _("Change %(name)s") % {"name": round_.name}, "round": round_},
        call=lambda bands: services.update_round(
            round=round_,
            data=form.service_data(),
            bands=bands,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        done=lambda changed: reverse("appreciation:round_detail", args=[changed.pk]),
    )


@round_admin_required
def round_copy(request, pk):
    """GET: what the copy will be; POST: make it and go on to change it."""
    round_ = selectors.round_for_admin(user=request.user, pk=pk)
    if request.method == "POST":
        result = perform(
            request,
            lambda: services.copy_round(round=round_, actor=Actor.from_request(request)),
            success=_("The round has been copied to next year. Check its dates and rules."),
        )
        if result:
            return redirect("appreciation:round_edit", pk=result.value.pk)
    return render(
        request,
        "appreciation/rounds/copy.html",
        {
            "round": round_,
            "new_name": services.next_year_name(round_.name, round_.year),
            "new_year": round_.year + 1,
        },
    )
