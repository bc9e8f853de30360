"""The public pages of the appreciation round (Dutch paths, docs/adr/0010): the rounds open
today, the application form, the personal invitation code, the thank-you page, and a resident's
own applications with their objection."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.permissions import public
from omzien.appreciation import constants
from omzien.appreciation.forms.applications import ApplicationForm, CodeForm, ObjectionForm
from omzien.appreciation.models import Invitation, Round
from omzien.appreciation.permissions import applicant_required
from omzien.appreciation.selectors import applications as application_selectors
from omzien.appreciation.selectors import rounds as round_selectors
from omzien.appreciation.services import applications as services
from omzien.appreciation.services.letters import invitation_for_code
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.common.services import Actor
from omzien.ui.actions import form_page, perform
from omzien.ui.municipality import page_is_about

RATE_LIMIT_SCOPE = "appreciation_apply"
# The session remembers the last application sent (for the thank-you page) and, per round,
# the invitation a code opened (so the code is typed once and never travels in a URL).
SUBMITTED_KEY = "appreciation_submitted"
INVITATIONS_KEY = "appreciation_invitations"


def _open_round(pk) -> Round:
    """A round that takes applications today, else 404."""
    return get_object_or_404(round_selectors.open_rounds(), pk=pk)


def _applicant(request):
    return request.user if request.user.is_authenticated else None


@public
def open_rounds(request):
    rows = [
        {"round": round_, "bands": [round_selectors.band_text(b) for b in round_.age_bands.all()]}
        for round_ in round_selectors.open_rounds()
    ]
    return render(request, "appreciation/public/rounds.html", {"rows": rows})


def _apply_page(request, round_, form, submit, *, heading, intro=""):
    """Send the form (rate limited, one service call) or show it again with its errors."""
    page_is_about(request, round_.municipality)
    context = {"round": round_, "form": form, "heading": heading, "intro": intro}
    template = "appreciation/public/apply.html"
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data.get("email") or ""
        wait = rate_limit_form(request, form, scope=RATE_LIMIT_SCOPE, address=address)
        if wait is not None:
            return too_many_requests(render(request, template, context), wait)
        data = form.cleaned_data
        result = perform(
            request,
            lambda: submit(
                data=form.service_data(),
                actor=Actor(user=_applicant(request), request=request),
                filled_in_by=data["filled_in_by"],
                helper_name=data.get("helper_name") or "",
                submission_key=data.get("submission_key") or "",
                applicant=_applicant(request),
            ),
            form=form,
        )
        if result:
            application = result.value
            request.session[SUBMITTED_KEY] = {
                "number": application.number,
                "round": application.round_id,
                "reach_by": application.reach_by,
            }
            return redirect("appreciation_public:done")
    return render(request, template, context)


@public
def apply(request, pk):
    round_ = _open_round(pk)
    form = ApplicationForm(request.POST or None, round_=round_)

    def submit(**kwargs):
        return services.submit(round=round_, channel=constants.Channel.ONLINE, **kwargs)

    return _apply_page(
        request,
        round_,
        form,
        submit,
        heading=_("Application form"),
        intro=_("Received a letter or e-mail with a personal code? Then use the code instead."),
    )


@public
def code_entry(request, pk):
    """The personal code from the invitation opens the prefilled form of this round."""
    round_ = _open_round(pk)
    page_is_about(request, round_.municipality)
    form = CodeForm(request.POST or None)
    template = "appreciation/public/code.html"
    if request.method == "POST" and form.is_valid():
        wait = rate_limit_form(request, form, scope=RATE_LIMIT_SCOPE)
        if wait is not None:
            response = render(request, template, {"round": round_, "form": form})
            return too_many_requests(response, wait)
        invitation = invitation_for_code(round_, form.cleaned_data["code"])
        if invitation is None:
            form.add_error(
                "code",
                _(
                    "This code is not known for this round, or it has already been used. "
                    "Check the code, or apply without a code."
                ),
            )
        else:
            invitations = request.session.get(INVITATIONS_KEY, {})
            invitations[str(round_.pk)] = invitation.pk
            request.session[INVITATIONS_KEY] = invitations
            return redirect("appreciation_public:apply_invitation", pk=round_.pk)
    return render(request, template, {"round": round_, "form": form})


@public
def apply_invitation(request, pk):
    """The form of the round, prefilled from the registry, for the invitation a code opened."""
    round_ = _open_round(pk)
    invitation_pk = request.session.get(INVITATIONS_KEY, {}).get(str(round_.pk))
    # The invitation is not read by its code here but by the pk the code page kept in this
    # visitor's session, so it is only ever one the visitor typed the code of.
    invitation = (
        Invitation.objects.filter(pk=invitation_pk, round=round_)
        .select_related("caregiver")
        .first()
        if invitation_pk
        else None
    )
    if invitation is None or (request.method == "GET" and invitation.used_by_id is not None):
        return redirect("appreciation_public:code", pk=round_.pk)
    form = ApplicationForm(
        request.POST or None, round_=round_, initial=services.prefill(invitation.caregiver)
    )

    def submit(**kwargs):
        return services.submit_invitation(invitation=invitation, **kwargs)

    return _apply_page(
        request,
        round_,
        form,
        submit,
        heading=_("Application form"),
        intro=_("We filled in what we know from the carer registry. Check it and add the rest."),
    )


@public
def done(request):
    submitted = request.session.get(SUBMITTED_KEY)
    round_ = None
    if submitted:
        round_ = Round.objects.select_related("municipality").filter(pk=submitted["round"]).first()
    return render(
        request,
        "appreciation/public/done.html",
        {"submitted": submitted if round_ else None, "round": round_},
    )


@applicant_required
def my_applications(request):
    return render(
        request,
        "appreciation/public/mine.html",
        {"applications": application_selectors.own_applications(request.user)},
    )


@applicant_required
def my_objection(request, pk):
    """Lodge an objection against a decision on one's own application, within the period."""
    application = application_selectors.own_application(request.user, pk)
    may_object = (
        application.status
        in (constants.ApplicationStatus.GRANTED, constants.ApplicationStatus.REFUSED)
        and application.objection_until is not None
        and timezone.localdate() <= application.objection_until
    )
    form = ObjectionForm(request.POST or None, initial={"expected": application.status})
    if not may_object:
        form = None
    if form is None:
        return render(
            request,
            "appreciation/public/objection.html",
            {"application": application, "form": None},
        )
    return form_page(
        request,
        form,
        lambda data: services.object_to(
            application=application,
            actor=Actor.from_request(request),
            objection=data["objection"],
            expected=data["expected"],
        ),
        success=_("Your objection has been received. We will let you know our decision."),
        done=reverse("appreciation_public:mine"),
        template="appreciation/public/objection.html",
        context={"application": application},
    )
