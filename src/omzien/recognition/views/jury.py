"""The jury's pages: the rounds one is on the jury of, the score sheet, scoring one
nomination, submitting, and the chair's ranking with the ties to resolve."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.common.services import Actor
from omzien.recognition.forms import ReviewForm, TieForm
from omzien.recognition.permissions import jury_required
from omzien.recognition.selectors import nominations as nomination_selectors
from omzien.recognition.selectors import rounds as selectors
from omzien.recognition.selectors.scoring import ranking, review_get, score_sheet
from omzien.recognition.services import scoring as services
from omzien.ui.actions import form_page, perform


@jury_required
def jury_rounds(request):
    return render(
        request,
        "recognition/jury_rounds.html",
        {"jurors": selectors.jury_rounds(user=request.user)},
    )


@jury_required
def jury(request, pk):
    juror = selectors.juror_get(user=request.user, pk=pk)
    sheet = score_sheet(juror=juror)
    nomination_selectors.audit_jury_read(
        actor=Actor.from_request(request), juror=juror, shown=[row["nomination"] for row in sheet]
    )
    result = ranking(round_=juror.round) if juror.is_chair else None
    tied = [row for row in result.rows if row.tied] if result and result.complete else []
    return render(
        request,
        "recognition/jury.html",
        {
            "juror": juror,
            "round": juror.round,
            "criteria": selectors.round_criteria(round_id=juror.round_id),
            "sheet": sheet,
            "scored": sum(1 for row in sheet if row["review"] is not None),
            "ranking": result,
            "tie_form": TieForm(tied=tied) if tied else None,
        },
    )


@jury_required
def score(request, pk, nomination):
    juror = selectors.juror_get(user=request.user, pk=pk)
    found = nomination_selectors.jury_nomination_get(juror=juror, pk=nomination)
    actor = Actor.from_request(request)
    nomination_selectors.audit_jury_read(actor=actor, juror=juror, shown=[found])
    criteria = selectors.round_criteria(round_id=juror.round_id)
    review = review_get(juror=juror, nomination=found)
    form = ReviewForm(request.POST or None, criteria=criteria, review=review)
    back = reverse("recognition:jury", args=[juror.round_id])
    return form_page(
        request,
        form,
        lambda data: services.review_save(
            juror=juror,
            nomination=found,
            scores=form.scores(),
            motivation=data["motivation"],
            actor=actor,
        ),
        success=_("Your scores have been saved."),
        done=back,
        template="recognition/score.html",
        context={
            "juror": juror,
            "nomination": found,
            "back": back,
            "readonly": juror.submitted_at is not None,
        },
    )


@jury_required
def submit(request, pk):
    juror = selectors.juror_get(user=request.user, pk=pk)
    if request.method == "POST":
        perform(
            request,
            lambda: services.jury_submit(juror=juror, actor=Actor.from_request(request)),
            success=_("Your scores have been submitted."),
        )
    return redirect("recognition:jury", pk=juror.round_id)


@jury_required
def tie(request, pk):
    juror = selectors.juror_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            first = int(request.POST.get("first", ""))
        except ValueError:
            first = 0
        perform(
            request,
            lambda: services.tie_resolve(
                juror=juror, first=first, actor=Actor.from_request(request)
            ),
            success=_("The tie has been resolved."),
        )
    return redirect(reverse("recognition:jury", args=[juror.round_id]) + "#ranking")
