"""The project's URLs plus stand-ins for the social map's search and the activity calendar,
so the awareness pages' links to them can be tested before those capabilities are merged."""

from django.http import HttpResponse
from django.urls import get_resolver, include, path

from omzien.accounts.permissions import public


@public
def _stand_in(request):
    return HttpResponse("")


STAND_INS = {
    "directory_public": path(
        "sociale-kaart/", include(([path("", _stand_in, name="search")], "directory_public"))
    ),
    "activities_public": path(
        "agenda/", include(([path("", _stand_in, name="calendar")], "activities_public"))
    ),
}
# Once a capability is merged its own URLs answer, and its stand-in is left out.
_present = get_resolver("omzien.urls").namespace_dict
urlpatterns = [
    *(pattern for name, pattern in STAND_INS.items() if name not in _present),
    # The project's own URLs, named by string (a capability's tests import no URLconf).
    path("", include("omzien.urls")),
]
