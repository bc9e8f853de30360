from django.urls import path

from omzien.volunteering.views import responses as views

urlpatterns = [
    # Volunteers.
    path("vacancies/<int:pk>/respond/", views.response_create, name="response_create"),
    path("my-responses/", views.response_mine, name="response_mine"),
    path(
        "my-responses/<int:pk>/status/",
        views.response_volunteer_status,
        name="response_volunteer_status",
    ),
    path(
        "my-placements/<int:pk>/answer/",
        views.placement_volunteer_answer,
        name="placement_volunteer_answer",
    ),
    # Organisation members.
    path("my-vacancies/<int:pk>/responses/", views.vacancy_responses, name="vacancy_responses"),
    path("responses/<int:pk>/status/", views.response_status, name="response_status"),
    path(
        "placements/<int:pk>/start-date/",
        views.placement_start_date,
        name="placement_start_date",
    ),
    path("placements/<int:pk>/start/", views.placement_start, name="placement_start"),
    path("placements/<int:pk>/end/", views.placement_end, name="placement_end"),
    path("placements/<int:pk>/move-up/", views.placement_move_up, name="placement_move_up"),
    path("check-ins/<int:pk>/done/", views.check_in_done, name="check_in_done"),
    # Brokers.
    path(
        "vacancy-review/<int:pk>/responses/",
        views.broker_vacancy_responses,
        name="broker_vacancy_responses",
    ),
    path(
        "broker/responses/<int:pk>/agreement/",
        views.broker_record_agreement,
        name="broker_record_agreement",
    ),
    path(
        "broker/placements/<int:pk>/override/",
        views.placement_override,
        name="placement_override",
    ),
]
