"""The calendar's figures for staff and the policy advisor (selectors.figures)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from omzien.activities.models import FIGURES_ROLES
from omzien.activities.permissions import figures_required
from omzien.activities.selectors.figures import calendar_figures
from omzien.ui.forms import PeriodForm


@figures_required
def figures(request):
    municipalities = request.user.municipalities(FIGURES_ROLES)
    if not municipalities:
        raise PermissionDenied
    form = PeriodForm(request.GET or None, municipalities=municipalities)
    municipality, period = form.chosen()
    result = calendar_figures(municipality_ids=[municipality.pk], period=period)
    rows = [
        {
            "label": label,
            "held": held,
            "signups": result.by_kind["signups"].rows[i][1],
            "attended": result.by_kind["attended"].rows[i][1],
            "waiting": result.by_kind["waiting"].rows[i][1],
        }
        for i, (label, held) in enumerate(result.held_by_kind)
    ]
    return render(
        request,
        "activities/figures/figures.html",
        {"form": form, "figures": result, "municipality": municipality, "rows": rows},
    )
