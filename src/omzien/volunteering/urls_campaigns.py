from django.urls import path

from omzien.volunteering.views import campaigns as views

urlpatterns = [
    # Public.
    path("campaigns/", views.campaign_public_list, name="campaign_public_list"),
    path("campaigns/<int:pk>/", views.campaign_public, name="campaign_public"),
    path("campaigns/<int:pk>/thank-you/", views.campaign_thanks, name="campaign_thanks"),
    # Brokers.
    path("campaign-management/", views.campaign_list, name="campaign_list"),
    path("campaign-management/new/", views.campaign_create, name="campaign_create"),
    path("campaign-management/<int:pk>/", views.campaign_manage, name="campaign_manage"),
    path("campaign-management/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path(
        "campaign-management/<int:pk>/tasks/add/",
        views.campaign_add_task,
        name="campaign_add_task",
    ),
    path(
        "campaign-management/<int:pk>/tasks/remove/",
        views.campaign_remove_task,
        name="campaign_remove_task",
    ),
    path(
        "campaign-management/<int:pk>/sign-ups/",
        views.campaign_signups,
        name="campaign_signups",
    ),
]
