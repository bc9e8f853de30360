from django.urls import path

from omzien.volunteering.views import profiles as views

urlpatterns = [
    # The resident's own profile.
    path("my-profile/", views.profile_mine, name="profile_mine"),
    path("my-profile/new/<int:municipality>/", views.profile_create, name="profile_create"),
    path("my-profile/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("my-profile/<int:pk>/pause/", views.profile_pause, name="profile_pause"),
    path("my-profile/<int:pk>/delete/", views.profile_delete, name="profile_delete"),
    # The link a broker sends to hand an assisted profile over.
    path("my-profile/take-over/<str:token>/", views.profile_claim, name="profile_claim"),
    # Brokers.
    path("volunteers/", views.volunteer_list, name="volunteer_list"),
    path("volunteers/new/", views.volunteer_new, name="volunteer_new"),
    path("volunteers/<int:pk>/", views.volunteer_detail, name="volunteer_detail"),
    path("volunteers/<int:pk>/edit/", views.volunteer_edit, name="volunteer_edit"),
    path("volunteers/<int:pk>/pause/", views.volunteer_pause, name="volunteer_pause"),
    path("volunteers/<int:pk>/invite/", views.volunteer_invite, name="volunteer_invite"),
    path("volunteers/<int:pk>/delete/", views.volunteer_delete, name="volunteer_delete"),
]
