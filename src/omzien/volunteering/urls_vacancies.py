from django.urls import path

from omzien.volunteering.views import vacancies as views

urlpatterns = [
    # Public.
    path("vacancies/", views.vacancy_search, name="vacancy_search"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    # Organisation members.
    path("my-vacancies/", views.vacancy_mine, name="vacancy_mine"),
    path(
        "my-organisations/<int:organisation>/vacancies/new/",
        views.vacancy_create,
        name="vacancy_create",
    ),
    path("my-vacancies/<int:pk>/", views.vacancy_manage, name="vacancy_manage"),
    path("my-vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("my-vacancies/<int:pk>/status/", views.vacancy_status, name="vacancy_status"),
    # Brokers.
    path("vacancy-review/", views.vacancy_review_list, name="vacancy_review_list"),
    path("vacancy-review/<int:pk>/", views.vacancy_review, name="vacancy_review"),
]
