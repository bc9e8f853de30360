"""The figures of trajectories per year (aggregates; small numbers hidden)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.trajectories.forms import FiguresForm
from omzien.trajectories.permissions import figures_required
from omzien.trajectories.selectors.figures import trajectory_figures


@figures_required
def figures(request):
    municipality_ids = request.user.municipality_ids_for((Role.BROKER, Role.POLICY_ADVISOR))
    if not municipality_ids:
        raise PermissionDenied
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - 6, -1))
    form = FiguresForm(request.GET or None, years=years)
    figures = trajectory_figures(
        municipality_ids=municipality_ids, year=form.chosen_year(this_year)
    )
    return render(request, "trajectories/figures.html", {"form": form, "figures": figures})
