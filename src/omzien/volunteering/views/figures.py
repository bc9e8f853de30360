from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from omzien.common.replica import use_replica
from omzien.ui.forms import PeriodForm
from omzien.volunteering.permissions import FIGURES_ROLES, figures_required
from omzien.volunteering.selectors.figures import volunteering_figures
from omzien.volunteering.selectors.hours import hours_figures


@figures_required
@use_replica
def figures(request):
    municipalities = request.user.municipalities(FIGURES_ROLES)
    if not municipalities:
        raise PermissionDenied
    form = PeriodForm(request.GET or None, municipalities=municipalities)
    municipality, period = form.chosen()
    figures = volunteering_figures(municipality=municipality, period=period)
    hours = hours_figures(municipality=municipality, period=period)
    return render(
        request,
        "volunteering/figures.html",
        {"form": form, "figures": figures, "hours": hours},
    )
