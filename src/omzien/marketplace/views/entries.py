"""Registering offers and requests: businesses through the public form and their private link
(Dutch paths, docs/adr/0010-dutch-public-paths.md), community organisations through their
members' accounts."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.permissions import public, role_required
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.common.services import Actor
from omzien.marketplace.forms import BusinessForm, EntryForm
from omzien.marketplace.permissions import member_required
from omzien.marketplace.selectors import entries as selectors
from omzien.marketplace.selectors import events as event_selectors
from omzien.marketplace.services import entries as services
from omzien.ui.actions import form_page, perform, posted_version

# --- The public: businesses -------------------------------------------------------------------


@public
def public_events(request):
    events = list(event_selectors.public_events()[:20])
    return render(request, "marketplace/public_events.html", {"events": events})


@public
def register(request, pk):
    event = event_selectors.public_event_get(pk=pk)
    is_open = services.registration_open(event)
    form = BusinessForm(request.POST or None)
    context = {"event": event, "form": form, "open": is_open}
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        wait = rate_limit_form(
            request, form, scope="marketplace_register", address=data.get("contact_email") or ""
        )
        if wait is not None:
            return too_many_requests(render(request, "marketplace/register.html", context), wait)
        result = perform(
            request,
            lambda: services.business_register(
                event=event,
                data=data,
                actor=Actor(user=None, request=request),
                submission_key=data.get("submission_key") or "",
            ),
            form=form,
        )
        if result:
            return redirect("marketplace:registered")
    return render(request, "marketplace/register.html", context)


@public
def registered(request):
    return render(request, "marketplace/registered.html")


def _participant(token):
    participant = services.participant_by_token(token)
    if participant is None:
        raise Http404
    return participant


@public
def manage(request, token):
    participant = _participant(token)
    return render(
        request,
        "marketplace/manage.html",
        {
            "participant": participant,
            "event": participant.event,
            "entries": selectors.business_entries(participant=participant),
            "editable": services.editable(participant.event),
            "token": token,
        },
    )


@public
def manage_add(request, token):
    participant = _participant(token)
    return form_page(
        request,
        EntryForm(request.POST or None),
        lambda data: services.entry_add(
            participant=participant, data=data, actor=Actor(user=None, request=request)
        ),
        success=_("Your entry has been added."),
        done=reverse("marketplace:manage", args=[token]),
        template="marketplace/entry_form.html",
        context={
            "heading": _("Add an offer or request"),
            "back": reverse("marketplace:manage", args=[token]),
            "event": participant.event,
        },
    )


@public
def manage_edit(request, token, entry):
    participant = _participant(token)
    found = selectors.business_entry_get(participant=participant, pk=entry)
    return form_page(
        request,
        EntryForm(request.POST or None, instance=found),
        lambda data: services.entry_update(
            entry=found,
            data=data,
            actor=Actor(user=None, request=request),
            version=posted_version(request),
        ),
        success=_("Your entry has been changed."),
        done=reverse("marketplace:manage", args=[token]),
        conflict_to=request.get_full_path(),
        template="marketplace/entry_form.html",
        context={
            "heading": _("Change your entry"),
            "back": reverse("marketplace:manage", args=[token]),
            "event": participant.event,
        },
    )


@public
def manage_delete(request, token, entry):
    participant = _participant(token)
    found = selectors.business_entry_get(participant=participant, pk=entry)
    if request.method == "POST":
        perform(
            request,
            lambda: services.entry_delete(entry=found, actor=Actor(user=None, request=request)),
            success=_("Your entry has been withdrawn."),
        )
    return redirect("marketplace:manage", token=token)


# --- Community organisations ------------------------------------------------------------------


@role_required(Role.ORGANISATION_MEMBER)
def organisation_mine(request):
    """The member's organisations, each with its beursvloer page (the navigation's entry)."""
    found = selectors.member_organisations(user=request.user)
    return render(request, "marketplace/organisation_mine.html", {"organisations": found})


@member_required
def organisation(request, pk):
    found = selectors.member_organisation(user=request.user, pk=pk)
    participations = selectors.organisation_participations(organisation=found)
    events = [
        {
            "event": event,
            "participant": participations.get(event.pk),
            "open": services.registration_open(event),
            "editable": services.editable(event),
        }
        for event in event_selectors.events_for_organisation(organisation=found)[:10]
    ]
    return render(
        request, "marketplace/organisation.html", {"organisation": found, "events": events}
    )


@member_required
def organisation_add(request, pk, event):
    found = selectors.member_organisation(user=request.user, pk=pk)
    chosen = next(
        (e for e in event_selectors.events_for_organisation(organisation=found) if e.pk == event),
        None,
    )
    if chosen is None:
        raise Http404
    back = reverse("marketplace:organisation", args=[found.pk])

    def call(data):
        actor = Actor.from_request(request)
        participant = services.organisation_join(event=chosen, organisation=found, actor=actor)
        return services.entry_add(participant=participant, data=data, actor=actor)

    return form_page(
        request,
        EntryForm(request.POST or None),
        call,
        success=_("The entry has been added."),
        done=back,
        template="marketplace/entry_form.html",
        context={"heading": _("Add an offer or request"), "back": back, "event": chosen},
    )


@member_required
def organisation_edit(request, pk, entry):
    found = selectors.member_organisation(user=request.user, pk=pk)
    row = selectors.organisation_entry_get(organisation=found, pk=entry)
    back = reverse("marketplace:organisation", args=[found.pk])
    return form_page(
        request,
        EntryForm(request.POST or None, instance=row),
        lambda data: services.entry_update(
            entry=row,
            data=data,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The entry has been changed."),
        done=back,
        conflict_to=request.get_full_path(),
        template="marketplace/entry_form.html",
        context={"heading": _("Change the entry"), "back": back, "event": row.participant.event},
    )


@member_required
def organisation_delete(request, pk, entry):
    found = selectors.member_organisation(user=request.user, pk=pk)
    row = selectors.organisation_entry_get(organisation=found, pk=entry)
    if request.method == "POST":
        perform(
            request,
            lambda: services.entry_delete(entry=row, actor=Actor.from_request(request)),
            success=_("The entry has been withdrawn."),
        )
    return redirect("marketplace:organisation", pk=found.pk)
