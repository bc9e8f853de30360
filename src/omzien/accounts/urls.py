from django.contrib.auth import views as auth_views
from django.urls import path

from omzien.accounts import views
from omzien.accounts.permissions import public

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
]
