"""The beursvloer's figures per event (aggregates; small groups of participants hidden)."""

from django.shortcuts import render

from omzien.marketplace.permissions import figures_required
from omzien.marketplace.selectors import figures as selectors


@figures_required
def figures(request):
    return render(
        request, "marketplace/figures.html", {"rows": selectors.event_figures(user=request.user)}
    )
