from django.urls import path

from omzien.buddies import views

app_name = "buddies"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/run/", views.pairing_run, name="pairing_run"),
    path("<int:pk>/take/", views.pairing_take, name="pairing_take"),
    path("<int:pk>/pair/", views.pair_manually, name="pair_manually"),
    path("<int:pk>/participants/new/", views.participant_create, name="participant_create"),
    path("<int:pk>/volunteer-picker/", views.volunteer_picker, name="volunteer_picker"),
    path("participants/<int:pk>/", views.participant_edit, name="participant_edit"),
    path("participants/<int:pk>/leave/", views.participant_leave, name="participant_leave"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/confirm/", views.pair_confirm, name="pair_confirm"),
    path("pairs/<int:pk>/dissolve/", views.pair_dissolve, name="pair_dissolve"),
    path("pairs/<int:pk>/end/", views.pair_end, name="pair_end"),
    path("check-ins/<int:pk>/done/", views.check_in_done, name="check_in_done"),
    path("figures/", views.figures, name="figures"),
]
