from django.conf import settings

from omzien.ui.navigation import group_navigation, navigation_for


def omzien(request):
    """Navigation and the municipality shown in the header: the one the page is about (a
    staff page's working municipality, a public page of one municipality's offer:
    ``ui.municipality.page_is_about``), else the user's only one. Someone who works for
    several (a regional consultant, the platform superuser) sees no municipality's name,
    colour or welcome on pages that are not about one: naming the first would suggest the
    page shows only that municipality."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    municipality = getattr(request, "page_municipality", None)
    if municipality is None and user.is_authenticated:
        municipalities = user.municipalities()
        municipality = municipalities[0] if len(municipalities) == 1 else None
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
