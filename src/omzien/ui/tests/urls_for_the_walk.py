"""The project's URLs plus two the walk does not know, for the tests of the walk itself."""

from django.urls import path

from omzien.ui.tests.test_authorization import leaky, undeclared
from omzien.urls import urlpatterns as project

urlpatterns = [
    *project,
    path("walk-test/undeclared/<int:pk>/", undeclared, name="walk_test_undeclared"),
    path("walk-test/leaky/<int:pk>/", leaky, name="walk_test_leaky"),
]
