from django.urls import path

from omzien.volunteering.views import organisations as views

urlpatterns = [
    # Public.
    path("organisations/", views.organisation_public_list, name="organisation_public_list"),
    path("organisations/<int:pk>/", views.organisation_public, name="organisation_public"),
    # Registration and the members' pages.
    path("register-organisation/", views.organisation_register, name="organisation_register"),
    path("my-organisations/", views.organisation_mine, name="organisation_mine"),
    path("my-organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path(
        "my-organisations/<int:pk>/members/",
        views.organisation_members,
        name="organisation_members",
    ),
    path(
        "my-organisations/<int:pk>/members/<int:member>/role/",
        views.organisation_member_role,
        name="organisation_member_role",
    ),
    path(
        "my-organisations/<int:pk>/members/<int:member>/remove/",
        views.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path(
        "my-organisations/<int:pk>/invitations/<int:invitation>/withdraw/",
        views.organisation_invitation_cancel,
        name="organisation_invitation_cancel",
    ),
    path("my-organisations/<int:pk>/leave/", views.organisation_leave, name="organisation_leave"),
    # The link in an invitation e-mail.
    path(
        "organisation-invitation/<str:token>/",
        views.organisation_invitation,
        name="organisation_invitation",
    ),
    # Brokers.
    path("organisation-review/", views.organisation_review_list, name="organisation_review_list"),
    path("organisation-review/<int:pk>/", views.organisation_review, name="organisation_review"),
    path(
        "organisation-review/<int:pk>/approve/",
        views.organisation_approve,
        name="organisation_approve",
    ),
]
