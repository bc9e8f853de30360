from django.urls import path

from omzien.volunteering.views import suggestions as views

urlpatterns = [
    path("my-profile/<int:pk>/hide/", views.suggestion_hide, name="suggestion_hide"),
    path(
        "my-profile/<int:pk>/show-hidden/",
        views.suggestion_show_hidden,
        name="suggestion_show_hidden",
    ),
    path("my-vacancies/<int:pk>/volunteers/", views.vacancy_volunteers, name="vacancy_volunteers"),
    path("volunteers/<int:pk>/propose/", views.volunteer_propose, name="volunteer_propose"),
]
