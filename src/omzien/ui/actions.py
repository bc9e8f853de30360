"""One way for a view to run a service on a POST: the result, the message, the form errors.

    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.campaign_update(campaign=campaign, ..., actor=actor),
            form=form,
            success=_("The changes have been saved."),
        )
        if result:
            return redirect("volunteering:campaign_manage", pk=pk)
        if result.conflict:
            return redirect("volunteering:campaign_edit", pk=pk)  # show the current details
    return render(...)

A service's ``ValidationError`` goes onto the form (on the field it names, where the form has
it), or without a form into an error message; an ``EditConflict`` (someone saved the record
since the user opened it) becomes the conflict message. The view decides where to go next.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from omzien.common.services import EditConflict
from omzien.ui.forms import add_service_errors

CONFLICT = _(
    "Someone else changed this while you were working on it. Nothing was saved: below are "
    "the current details; make your change again."
)


@dataclass(frozen=True)
class Result:
    """What a service call came to: true when it succeeded (``value`` is what it returned)."""

    ok: bool
    value: Any = None
    conflict: bool = False
    error: ValidationError | None = None

    def __bool__(self) -> bool:
        return self.ok


def perform(
    request,
    call: Callable[[], Any],
    *,
    form=None,
    success: str = "",
    conflict: str = CONFLICT,
) -> Result:
    """Run ``call`` (one service); report success, a refusal or an edit conflict to the user."""
    try:
        value = call()
    except EditConflict:
        messages.error(request, conflict)
        return Result(ok=False, conflict=True)
    except ValidationError as error:
        if form is not None:
            add_service_errors(form, error)
        else:
            messages.error(request, " ".join(error.messages))
        return Result(ok=False, error=error)
    if success:
        messages.success(request, success)
    return Result(ok=True, value=value)


def form_page(
    request,
    form,
    call: Callable[[dict], Any],
    *,
    success: str,
    done,
    template: str,
    context: dict | None = None,
    conflict_to=None,
    conflict: str = CONFLICT,
):
    """The whole of a page whose form runs one service.

    A valid POST runs ``call(form.cleaned_data)`` through :func:`perform`; on success the user
    goes to ``done`` (a URL, or a function of the service's result that gives one), after an
    edit conflict to ``conflict_to`` (the page again, with the current details) where given.
    Otherwise — a GET, an invalid form, a refusal — ``template`` renders with ``context`` and
    the form (its errors included).
    """
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: call(form.cleaned_data),
            form=form,
            success=success,
            conflict=conflict,
        )
        if result:
            return redirect(done(result.value) if callable(done) else done)
        if result.conflict and conflict_to:
            return redirect(conflict_to)
    return render(request, template, {**(context or {}), "form": form})


def row_answer(request, back, *, done: bool):
    """The answer to an action on one row of a work list. Without JavaScript: ``back`` (a
    redirect to the list, at its section, with the message on top). With htmx and ``done``:
    only the row, replaced by the message, announced to screen readers, the list staying where
    the user was; not done (refused, invalid): the whole list again (``HX-Redirect``), so the
    row and why it was not done are shown together."""
    if not getattr(request, "htmx", False):
        return back
    if not done:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = back["Location"]
        return response
    return render(
        request,
        "ui/includes/row_answer.html",
        {"row_messages": list(messages.get_messages(request))},
    )


def posted_version(request) -> int | None:
    """The ``version`` a form posted for optimistic locking, or None when it is missing."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None
