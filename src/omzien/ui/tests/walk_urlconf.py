"""The project's URLs plus two the walk does not know, for the tests of the walk itself."""

from django.http import HttpResponse
from django.urls import path

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, staff_required
from omzien.urls import urlpatterns as project


def undeclared(request, pk):
    """Declares no audience."""
    return HttpResponse("no audience")


@staff_required(Role.CONSULTANT, rule=ObjectRule.MUNICIPALITY)
def leaky(request, pk):
    """Says it keeps to the consultant's municipality, but shows any municipality's page."""
    return HttpResponse("any municipality")


urlpatterns = [
    *project,
    path("walk-test/undeclared/<int:pk>/", undeclared, name="walk_test_undeclared"),
    path("walk-test/leaky/<int:pk>/", leaky, name="walk_test_leaky"),
]
