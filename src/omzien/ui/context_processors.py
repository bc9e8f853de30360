from django.conf import settings

from omzien.ui.navigation import navigation_for


def omzien(request):
    """Navigation and the municipality shown in the header."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    municipality = None
    if user.is_authenticated:
        municipalities = user.municipalities()
        municipality = municipalities[0] if municipalities else None
    return {
        "navigation": navigation_for(user=user, current_path=request.path),
        "current_municipality": municipality,
        "min_group_size": settings.OMZIEN_MIN_GROUP_SIZE,
    }
