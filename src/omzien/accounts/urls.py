from django.contrib.auth import views as auth_views
from django.urls import path

from omzien.accounts import views
from omzien.accounts.permissions import public
from omzien.accounts.views import staff

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.SignUpView.as_view(), name="sign_up"),
    path("sign-up/sent/", views.SignUpDoneView.as_view(), name="sign_up_done"),
    path("confirm/<uidb64>/<token>/", views.VerifyEmailView.as_view(), name="verify_email"),
    path("settings/", views.AccountSettingsView.as_view(), name="settings"),
    path("logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        public(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_done.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        public(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    # The functional administrator's staff administration (docs/administration.md).
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/<int:municipality_id>/invite/", staff.staff_invite, name="staff_invite"),
    path(
        "staff/invitations/<int:pk>/resend/",
        staff.staff_invitation_resend,
        name="staff_invitation_resend",
    ),
    path(
        "staff/invitations/<int:pk>/cancel/",
        staff.staff_invitation_cancel,
        name="staff_invitation_cancel",
    ),
    path("staff/<int:municipality_id>/people/<int:pk>/", staff.staff_person, name="staff_person"),
    path(
        "staff/<int:municipality_id>/people/<int:pk>/roles/",
        staff.staff_role_grant,
        name="staff_role_grant",
    ),
    path("staff/roles/<int:pk>/take/", staff.staff_role_revoke, name="staff_role_revoke"),
    path(
        "staff/<int:municipality_id>/people/<int:pk>/switch-off/",
        staff.staff_deactivate,
        name="staff_deactivate",
    ),
    path(
        "staff/<int:municipality_id>/people/<int:pk>/reset-second-factor/",
        staff.staff_two_factor_reset,
        name="staff_two_factor_reset",
    ),
    path("invitation/<str:token>/", staff.staff_invitation, name="staff_invitation"),
]
