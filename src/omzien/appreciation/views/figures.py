"""A round's figures beside those of the round before it, for the staff, the policy advisor and
the functional administrator; aggregates only, small numbers hidden (selectors.figures)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from omzien.appreciation.permissions import figures_required
from omzien.appreciation.selectors import figures as selectors
from omzien.appreciation.selectors.rounds import round_get, round_list
from omzien.ui.pagination import paginate


def _beside(mine, theirs) -> dict:
    """A breakdown's rows with the previous round's figure of the same label (or None)."""
    other = dict(theirs.rows) if theirs else {}
    return {
        "rows": [(label, figure, other.get(label)) for label, figure in mine.rows],
        "total": (mine.total, theirs.total if theirs else None),
    }


def _tables(figures) -> list[dict]:
    before = figures.previous
    return [
        {"title": title, **_beside(getattr(figures, name), getattr(before, name, None))}
        for title, name in (
            (_("By status"), "by_status"),
            (_("By channel"), "by_channel"),
            (_("Refused, by reason"), "refused_by_reason"),
            (_("By locality"), "by_locality"),
            (_("Newly found carers, by locality"), "newly_found"),
            (_("Newly found carers, by age group"), "newly_found_by_age"),
        )
    ]


def _summary(figures) -> list[tuple]:
    before = figures.previous
    return [
        (label, getattr(figures, name), getattr(before, name) if before else None)
        for label, name in (
            (_("Applications"), "applications"),
            (_("Granted"), "granted"),
            (_("Amount granted"), "committed"),
            (_("Amount paid"), "paid"),
            (_("Average amount"), "average"),
            (_("Young carers"), "young_carers"),
        )
    ]


@figures_required
def figures(request):
    """The rounds whose figures the user may see, each a link to them: the way in for the
    policy advisor, who does not work in the rounds themselves."""
    page, query = paginate(request, round_list(user=request.user).order_by("-year", "name"))
    return render(request, "appreciation/figures/index.html", {"page": page, "query": query})


@figures_required
def round_figures(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    figures = selectors.round_figures(round_)
    return render(
        request,
        "appreciation/figures/round.html",
        {
            "round": round_,
            "figures": figures,
            "before": figures.previous,
            "summary": _summary(figures),
            "tables": _tables(figures),
        },
    )


@figures_required
def round_figures_xlsx(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    response = HttpResponse(
        selectors.figures_xlsx(selectors.round_figures(round_)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="cijfers-ronde-{round_.pk}.xlsx"'
    return response
