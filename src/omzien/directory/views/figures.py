from django.shortcuts import render

from omzien.directory.permissions import figures_required
from omzien.directory.selectors.figures import directory_figures, figure_municipalities
from omzien.ui.municipality import working_municipality


@figures_required
def figures(request):
    municipalities = figure_municipalities(request.user)
    chosen = working_municipality(request, municipalities)
    return render(
        request,
        "directory/figures/figures.html",
        {
            "figures": directory_figures(municipality=chosen, user=request.user),
            "municipality_choice": municipalities,
            "municipality": chosen,
        },
    )
