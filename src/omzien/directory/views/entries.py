"""The pages that keep the social map: staff (brokers and consultants) and organisation members.

Staff pages read through ``visible_to`` (the staff rule), the members' pages through
``owned_by`` (the entries of the user's organisations); both answer 404 for anything else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omzien.common.services import Actor
from omzien.directory import constants
from omzien.directory.forms.entries import (
    ChangeDecisionForm,
    EntryForm,
    StaffEntryForm,
    StaffFilterForm,
    TransitionForm,
)
from omzien.directory.permissions import (
    directory_staff_required,
    member_organisation,
    member_required,
)
from omzien.directory.selectors import entries as selectors
from omzien.directory.services import entries as services
from omzien.directory.workflows import OWNER, STAFF
from omzien.ui.actions import form_page, perform, posted_version
from omzien.ui.pagination import paginate, render_page_or_part

CONFLICT = gettext_lazy(
    "Someone else changed this entry while you were editing. Nothing was saved: below are "
    "the current details; make your change again."
)


_describe = selectors.describe


def _manage_context(request, entry, *, by: str) -> dict:
    _describe(entry)
    steps = selectors.allowed_steps(entry=entry, user=request.user, by=by)
    change_steps = selectors.allowed_change_steps(entry=entry, user=request.user, by=by)
    return {
        "entry": entry,
        "steps": steps,
        "change_steps": [
            s for s in change_steps if s.target != constants.ChangeStatus.AWAITING_REVIEW
        ],
        "diff": services.pending_diff(entry) if entry.pending else [],
        "history": selectors.entry_history(entry=entry),
        "freshness": selectors.freshness_of(entry),
        "by": by,
        "note_form": TransitionForm(),
    }


def _step(request, entry, *, back: str):
    form = TransitionForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.entry_transition(
                entry=entry,
                target=form.cleaned_data["target"],
                expected=form.cleaned_data["expected"],
                note=form.cleaned_data["note"],
                actor=Actor.from_request(request),
            ),
            success=_("Done: the entry is now “%(status)s”.")
            % {"status": constants.EntryStatus(form.cleaned_data["target"]).label.lower()},
        )
    else:
        messages.error(request, _("This step is not possible."))
    return redirect(back)


def _confirm(request, entry, *, back: str):
    perform(
        request,
        lambda: services.entry_confirm(entry=entry, actor=Actor.from_request(request)),
        success=_("Thank you: the entry is confirmed as still right."),
    )
    return redirect(back)


def _edit(request, entry, *, by: str):
    """The edit page of staff (``by=STAFF``) and of the owning organisation (``by=OWNER``).

    The owner's change to a published entry waits for review, so the owner is told so; staff
    change the entry as it stands.
    """
    pages = "entry" if by == STAFF else "mine"
    detail = reverse(f"directory:{pages}_detail", args=[entry.pk])
    owner = by == OWNER
    published = owner and entry.status == constants.EntryStatus.PUBLISHED
    form = EntryForm(
        request.POST or None,
        instance=entry,
        municipality=entry.municipality,
        of_organisation=owner and entry.organisation_id is not None,
    )
    context = {
        "heading": _("Change %(title)s") % {"title": entry.title},
        "entry": entry,
        "back": detail,
    }
    if owner:
        context["published"] = published
    return form_page(
        request,
        form,
        lambda data: services.entry_update(
            entry=entry,
            version=posted_version(request),
            data=form.service_data(),
            actor=Actor.from_request(request),
        ),
        success=_(
            "Your change is sent for review. Until it is approved, the public sees the "
            "published entry."
        )
        if published
        else _("The changes have been saved."),
        done=detail,
        template="directory/entries/form.html",
        context=context,
        conflict_to=reverse(f"directory:{pages}_edit", args=[entry.pk]),
        conflict=CONFLICT,
    )


# --- Staff -----------------------------------------------------------------------------------


@directory_staff_required
def entry_list(request):
    form = StaffFilterForm(request.GET or None)
    entries = selectors.entry_staff_list(
        user=request.user, **(form.filters() if request.GET else {})
    )
    page, query = paginate(request, entries)
    for entry in page:
        _describe(entry)
    return render_page_or_part(
        request,
        "directory/entries/list.html",
        "directory/entries/_list_results.html",
        {"form": form, "page": page, "query": query},
    )


@directory_staff_required
def review_list(request):
    page, query = paginate(request, selectors.entry_review_list(user=request.user))
    return render(request, "directory/entries/review_list.html", {"page": page, "query": query})


@directory_staff_required
def entry_create(request):
    municipalities = selectors.staff_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    form = StaffEntryForm(request.POST or None, municipalities=municipalities)
    return form_page(
        request,
        form,
        lambda data: services.entry_create(
            municipality=data["municipality"],
            organisation=data.get("organisation"),
            data=form.service_data(),
            actor=Actor.from_request(request),
        ),
        success=_("The entry is saved as a draft. Publish it when it is ready."),
        done=lambda entry: reverse("directory:entry_detail", args=[entry.pk]),
        template="directory/entries/form.html",
        context={"heading": _("New social map entry"), "back": reverse("directory:entry_list")},
    )


@directory_staff_required
def entry_detail(request, pk):
    entry = selectors.entry_staff_get(user=request.user, pk=pk)
    context = _manage_context(request, entry, by=STAFF)
    context["change_form"] = ChangeDecisionForm(initial={"version": entry.version})
    return render(request, "directory/entries/manage.html", context)


@directory_staff_required
def entry_edit(request, pk):
    return _edit(request, selectors.entry_staff_get(user=request.user, pk=pk), by=STAFF)


@directory_staff_required
@require_POST
def entry_step(request, pk):
    entry = selectors.entry_staff_get(user=request.user, pk=pk)
    return _step(request, entry, back=reverse("directory:entry_detail", args=[pk]))


@directory_staff_required
@require_POST
def entry_change(request, pk):
    """Approve or reject the pending change of a published entry."""
    entry = selectors.entry_staff_get(user=request.user, pk=pk)
    form = ChangeDecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        perform(
            request,
            lambda: services.entry_change_decide(
                entry=entry,
                approve=approve,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
                actor=Actor.from_request(request),
            ),
            success=_("The change is approved and now public.")
            if approve
            else _("The change is rejected; the published entry stays as it was."),
            conflict=CONFLICT,
        )
    else:
        messages.error(request, _("This step is not possible."))
    return redirect("directory:entry_detail", pk=pk)


@directory_staff_required
@require_POST
def entry_confirm(request, pk):
    entry = selectors.entry_staff_get(user=request.user, pk=pk)
    return _confirm(request, entry, back=reverse("directory:entry_detail", args=[pk]))


# --- Organisation members --------------------------------------------------------------------


@member_required
def mine(request):
    page, query = paginate(request, selectors.entry_mine(user=request.user))
    for entry in page:
        _describe(entry)
    organisations = selectors.member_organisations(user=request.user)
    return render(
        request,
        "directory/entries/mine.html",
        {"page": page, "query": query, "organisations": organisations},
    )


@member_required
def mine_create(request, organisation):
    organisation = member_organisation(request.user, organisation)
    form = EntryForm(
        request.POST or None, municipality=organisation.municipality, of_organisation=True
    )
    return form_page(
        request,
        form,
        lambda data: services.entry_create(
            municipality=organisation.municipality,
            organisation=organisation,
            data=form.service_data(),
            actor=Actor.from_request(request),
        ),
        success=_("The entry is saved as a draft. Submit it for review when it is ready."),
        done=lambda entry: reverse("directory:mine_detail", args=[entry.pk]),
        template="directory/entries/form.html",
        context={
            "heading": _("New entry of %(name)s") % {"name": organisation.name},
            "back": reverse("directory:mine"),
        },
    )


@member_required
def mine_detail(request, pk):
    entry = selectors.entry_mine_get(user=request.user, pk=pk)
    return render(
        request, "directory/entries/manage.html", _manage_context(request, entry, by=OWNER)
    )


@member_required
def mine_edit(request, pk):
    return _edit(request, selectors.entry_mine_get(user=request.user, pk=pk), by=OWNER)


@member_required
@require_POST
def mine_step(request, pk):
    entry = selectors.entry_mine_get(user=request.user, pk=pk)
    return _step(request, entry, back=reverse("directory:mine_detail", args=[pk]))


@member_required
@require_POST
def mine_confirm(request, pk):
    entry = selectors.entry_mine_get(user=request.user, pk=pk)
    return _confirm(request, entry, back=reverse("directory:mine_detail", args=[pk]))


@member_required
@require_POST
def mine_change_withdraw(request, pk):
    entry = selectors.entry_mine_get(user=request.user, pk=pk)
    perform(
        request,
        lambda: services.entry_change_withdraw(
            entry=entry, version=posted_version(request), actor=Actor.from_request(request)
        ),
        success=_("Your change is withdrawn."),
        conflict=CONFLICT,
    )
    return redirect("directory:mine_detail", pk=pk)
