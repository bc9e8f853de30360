"""The broker's pages: the rounds, setting one up, its criteria and jury, the nominations."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.recognition import constants
from omzien.recognition.forms import (
    AwardForm,
    CheckForm,
    ConsentAskForm,
    CriterionForm,
    JurorForm,
    RoundForm,
    WithdrawForm,
)
from omzien.recognition.permissions import broker_required
from omzien.recognition.selectors import nominations as nomination_selectors
from omzien.recognition.selectors import rounds as selectors
from omzien.recognition.selectors.scoring import ranking
from omzien.recognition.services import nominations as nomination_services
from omzien.recognition.services import rounds as services
from omzien.recognition.workflows import CONSENT, NOMINATION
from omzien.ui.actions import form_page, perform, posted_version
from omzien.ui.municipality import working_municipality


def _done(round_):
    return reverse("recognition:round", args=[round_.pk])


@broker_required
def round_list(request):
    rounds = list(selectors.round_list(user=request.user)[:50])
    return render(request, "recognition/rounds.html", {"rounds": rounds})


@broker_required
def round_new(request):
    municipalities = request.user.municipalities((Role.BROKER,))
    municipality = working_municipality(request, municipalities)
    return form_page(
        request,
        RoundForm(request.POST or None),
        lambda data: services.round_create(
            municipality=municipality, data=data, actor=Actor.from_request(request)
        ),
        success=_("The prize round has been set up."),
        done=_done,
        template="recognition/round_form.html",
        context={
            "heading": _("Set up a volunteer prize round"),
            "municipality": municipality,
            "municipality_choice": municipalities,
        },
    )


@broker_required
def round_edit(request, pk):
    round_ = selectors.round_get(user=request.user, pk=pk)
    return form_page(
        request,
        RoundForm(request.POST or None, instance=round_),
        lambda data: services.round_update(
            round_=round_,
            data=data,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The changes have been saved."),
        done=_done,
        template="recognition/round_form.html",
        context={"heading": _("Change the prize round"), "round": round_},
        conflict_to=request.get_full_path(),
    )


@broker_required
def round_detail(request, pk):
    round_ = selectors.round_get(user=request.user, pk=pk)
    actor = Actor.from_request(request)
    nominations = nomination_selectors.nomination_list(actor=actor, round_=round_)
    return render(
        request,
        "recognition/round.html",
        {
            "round": round_,
            **selectors.round_setup(round_=round_),
            "nominations": nominations,
            "ranking": ranking(round_=round_),
            "open": nomination_services.nominations_open(round_),
            "announced": nomination_services.announced(round_),
            "criterion_form": CriterionForm(),
            "juror_form": JurorForm(municipality=round_.municipality),
        },
    )


def _round_action(request, round_, anchor: str, *, call, success: str, form=None):
    """A POST from a section of the round's page: the service with the form's data (when
    valid), then back to the section, where what went wrong is shown as a message."""
    if request.method == "POST":
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            perform(request, lambda: call(data), form=form, success=success)
        for problems in form.errors.values() if form is not None else ():
            for message in problems:
                messages.error(request, message)
    return redirect(_done(round_) + anchor)


@broker_required
def criterion_add(request, pk):
    round_ = selectors.round_get(user=request.user, pk=pk)
    return _round_action(
        request,
        round_,
        "#criteria",
        form=CriterionForm(request.POST or None),
        call=lambda data: services.criterion_add(
            round_=round_, actor=Actor.from_request(request), **data
        ),
        success=_("The criterion has been added."),
    )


@broker_required
def criterion_remove(request, pk, criterion):
    round_ = selectors.round_get(user=request.user, pk=pk)
    found = selectors.criterion_get(round_=round_, pk=criterion)
    return _round_action(
        request,
        round_,
        "#criteria",
        call=lambda data: services.criterion_remove(
            criterion=found, actor=Actor.from_request(request)
        ),
        success=_("The criterion has been removed."),
    )


@broker_required
def juror_add(request, pk):
    round_ = selectors.round_get(user=request.user, pk=pk)
    return _round_action(
        request,
        round_,
        "#jury",
        form=JurorForm(request.POST or None, municipality=round_.municipality),
        call=lambda data: services.juror_add(
            round_=round_, actor=Actor.from_request(request), **data
        ),
        success=_("The jury member has been added."),
    )


@broker_required
def juror_remove(request, pk, juror):
    round_ = selectors.round_get(user=request.user, pk=pk)
    found = selectors.round_juror_get(round_=round_, pk=juror)
    return _round_action(
        request,
        round_,
        "#jury",
        call=lambda data: services.juror_remove(juror=found, actor=Actor.from_request(request)),
        success=_("The jury member has been removed."),
    )


@broker_required
def nomination_detail(request, pk):
    actor = Actor.from_request(request)
    nomination = nomination_selectors.nomination_get(actor=actor, pk=pk)
    done = reverse("recognition:nomination", args=[nomination.pk])
    allowed = {step.target for step in NOMINATION.allowed(nomination, request.user)}
    checking = nomination.status not in constants.SCORED
    check_targets = allowed if checking else set()
    award_targets = set() if checking else allowed
    consent_targets = {step.target for step in CONSENT.allowed(nomination, request.user)}
    posted = request.POST.get("form") if request.method == "POST" else None
    check = CheckForm(request.POST if posted == "check" else None, targets=check_targets)
    award = AwardForm(request.POST if posted == "award" else None, targets=award_targets)
    ask = ConsentAskForm(
        request.POST if posted == "consent" else None, initial={"email": nomination.consent_email}
    )
    withdraw = WithdrawForm(request.POST if posted == "withdraw" else None)
    seen = request.POST.get("seen", "")
    calls = {
        "check": (
            check,
            lambda data: nomination_services.nomination_check(
                nomination=nomination,
                target=data["target"],
                note=data.get("note") or "",
                actor=actor,
                seen=seen,
            ),
            _("The check has been recorded."),
        ),
        "award": (
            award,
            lambda data: nomination_services.nomination_award(
                nomination=nomination, target=data["target"], actor=actor, seen=seen
            ),
            _("The award has been recorded."),
        ),
        "consent": (
            ask,
            lambda data: nomination_services.consent_ask(
                nomination=nomination, email=data["email"], actor=actor
            ),
            _("The nominee has been asked for consent by e-mail."),
        ),
        "withdraw": (
            withdraw,
            lambda data: nomination_services.consent_withdraw(
                nomination=nomination, note=data["note"], actor=actor
            ),
            _("The withdrawal of consent has been recorded."),
        ),
    }
    context = {
        "nomination": nomination,
        "round": nomination.round,
        "history": nomination_selectors.nomination_history(nomination=nomination),
        "check_form": check if check_targets else None,
        "award_form": award if award_targets else None,
        "ask_form": ask
        if constants.Consent.ASKED in consent_targets and nomination.status in constants.SCORED
        else None,
        "withdraw_form": withdraw if constants.Consent.DECLINED in consent_targets else None,
    }
    if posted in calls:
        form, call, success = calls[posted]
        return form_page(
            request,
            form,
            call,
            success=success,
            done=done,
            template="recognition/nomination.html",
            context=context,
        )
    return render(request, "recognition/nomination.html", context)
