from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from omzien.directory.permissions import figures_required
from omzien.directory.selectors.figures import directory_figures, figure_municipalities


@figures_required
def figures(request):
    municipalities = figure_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    chosen = next(
        (m for m in municipalities if str(m.pk) == request.GET.get("municipality")),
        municipalities[0],
    )
    return render(
        request,
        "directory/figures/figures.html",
        {
            "figures": directory_figures(municipality=chosen, user=request.user),
            "municipalities": municipalities,
            "chosen": chosen,
        },
    )
