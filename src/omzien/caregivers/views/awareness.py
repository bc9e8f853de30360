"""The public pages that help people recognise themselves as carers: "Wat is mantelzorg?",
"Ben ik mantelzorger?", the young carers' page with their own check (Dutch paths under
/mantelzorg/, docs/adr/0010).

The checks are a POST answered with the outcome on the same page: the answers travel in the
request body only (not in the address, the browser history or the server's access log) and
nothing is stored. No session is touched either: the page reads no more than the user that
Django's authentication reads anyway.
"""

from django.shortcuts import render
from django.utils import timezone

from omzien.accounts.permissions import public
from omzien.caregivers.forms.awareness import (
    AdultCheckForm,
    MunicipalityChoiceForm,
    YoungCheckForm,
)
from omzien.caregivers.selectors import awareness as selectors
from omzien.caregivers.selectors.campaigns import current_campaigns
from omzien.ui.municipality import page_is_about


def _municipality_context(request, slug: str) -> dict:
    """The municipality the page speaks about (or the chooser) and its links."""
    choices = selectors.active_municipalities()
    municipality = selectors.public_municipality(slug=slug, user=request.user, choices=choices)
    if municipality is not None:
        page_is_about(request, municipality)
    chooser = MunicipalityChoiceForm(
        initial={selectors.MUNICIPALITY_PARAM: municipality.slug if municipality else ""},
        municipalities=choices,
        auto_id="chooser_%s",  # the check's form has a hidden "gemeente" of its own
    )
    return {
        "municipality": municipality,
        "municipality_choices": choices,
        "municipality_chooser": chooser if len(choices) > 1 else None,
        "map_queries": selectors.social_map_queries(municipality),
        "calendar_queries": selectors.calendar_queries(),
        "gemeente_query": f"?{selectors.MUNICIPALITY_PARAM}={municipality.slug}"
        if municipality
        else "",
    }


def _slug(data) -> str:
    return (data.get(selectors.MUNICIPALITY_PARAM) or "").strip()[:50]


@public
def what_is(request):
    """What mantelzorg is and is not, examples people recognise, and where to go here."""
    context = _municipality_context(request, _slug(request.GET))
    municipality = context["municipality"]
    context["campaigns"] = (
        current_campaigns(today=timezone.localdate(), municipality=municipality)
        if municipality
        else []
    )
    return render(request, "caregivers/awareness/what_is.html", context)


def _check(request, *, form_class, outcome, template):
    data = request.POST if request.method == "POST" else request.GET
    slug = _slug(data)
    context = _municipality_context(request, slug)
    # Not known which municipality: the form asks, so the answer page can say whom to call.
    ask = context["municipality_chooser"] is not None and context["municipality"] is None
    municipalities = context["municipality_choices"] if ask else None
    if request.method == "POST":
        form = form_class(request.POST, municipalities=municipalities)
    else:
        form = form_class(
            initial={selectors.MUNICIPALITY_PARAM: slug}, municipalities=municipalities
        )
    result = None
    if request.method == "POST" and form.is_valid():
        result = outcome(**form.answers())
    context.update({"form": form, "outcome": result})
    response = render(request, template, context)
    # The answer page says something personal: no cache keeps it.
    response["Cache-Control"] = "no-store"
    return response


@public
def check(request):
    """ "Ben ik mantelzorger?": a few questions, then what fits."""
    return _check(
        request,
        form_class=AdultCheckForm,
        outcome=selectors.adult_outcome,
        template="caregivers/awareness/check.html",
    )


@public
def young(request):
    """ "Zorg jij thuis mee voor iemand?": the young carers' page (8 to 18) with their check."""
    return _check(
        request,
        form_class=YoungCheckForm,
        outcome=selectors.young_outcome,
        template="caregivers/awareness/young.html",
    )
