"""The public pages (Dutch paths, docs/adr/0010-dutch-public-paths.md): the rounds, the
nomination form, the nominee's consent link and the announced winners."""

from django.http import Http404
from django.shortcuts import redirect, render

from omzien.accounts.permissions import public
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.common.services import Actor
from omzien.recognition.forms import ConsentAnswerForm, NominationForm
from omzien.recognition.selectors import rounds as selectors
from omzien.recognition.services import nominations as services
from omzien.ui.actions import perform


@public
def public_rounds(request):
    rounds = list(selectors.public_rounds()[:20])
    for round_ in rounds:
        round_.is_open = services.nominations_open(round_)
        round_.is_announced = services.announced(round_)
    return render(request, "recognition/public_rounds.html", {"rounds": rounds})


@public
def nominate(request, pk):
    round_ = selectors.public_round_get(pk=pk)
    is_open = services.nominations_open(round_)
    form = NominationForm(request.POST or None)
    context = {"round": round_, "form": form, "open": is_open}
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        wait = rate_limit_form(
            request, form, scope="recognition_nominate", address=data.get("nominator_email") or ""
        )
        if wait is not None:
            return too_many_requests(render(request, "recognition/nominate.html", context), wait)
        result = perform(
            request,
            lambda: services.nomination_submit(
                round_=round_,
                data=data,
                actor=Actor(user=None, request=request),
                submission_key=data.get("submission_key") or "",
            ),
            form=form,
        )
        if result:
            # Nothing about this or any other nomination is shown back.
            return redirect("recognition:nominated")
    return render(request, "recognition/nominate.html", context)


@public
def nominated(request):
    return render(request, "recognition/nominated.html")


@public
def results(request, pk):
    round_ = selectors.announced_round_get(pk=pk)
    return render(
        request,
        "recognition/results.html",
        {"round": round_, **selectors.public_awards(round_=round_)},
    )


@public
def consent(request, token):
    nomination = services.nomination_by_consent_token(token)
    if nomination is None:
        raise Http404
    form = ConsentAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agree = form.cleaned_data["answer"] == "yes"
        result = perform(
            request,
            lambda: services.consent_answer(
                token=token, agree=agree, actor=Actor(user=None, request=request)
            ),
            form=form,
        )
        if result:
            return render(request, "recognition/consent_done.html", {"agree": agree})
    return render(
        request,
        "recognition/consent.html",
        {"nomination": nomination, "round": nomination.round, "form": form},
    )
