from django.conf import settings

from omzien.ui.navigation import group_navigation, navigation_for


def omzien(request):
    """Navigation and the municipality shown in the header."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    municipality = None
    if user.is_authenticated:
        municipalities = user.municipalities()
        municipality = municipalities[0] if municipalities else None
    navigation = navigation_for(user=user, current_path=request.path)
    # Logged in, people see their entries by task group (a resident has some sixteen, staff
    # more: as one flat list they took two or three lines); visitors a short flat list.
    grouped = user.is_authenticated
    return {
        "navigation": navigation,
        "navigation_groups": group_navigation(navigation) if grouped else None,
        "current_municipality": municipality,
        "min_group_size": settings.OMZIEN_MIN_GROUP_SIZE,
    }
