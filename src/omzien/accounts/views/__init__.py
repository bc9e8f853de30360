from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from two_factor.views import DisableView

from omzien.accounts import services
from omzien.accounts.forms import AccountSettingsForm, QueuedPasswordResetForm, SignUpForm
from omzien.accounts.permissions import authenticated, public
from omzien.accounts.tokens import email_verification_token
from omzien.common.ratelimit import RateLimitedFormMixin
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction


@public
class SignUpView(RateLimitedFormMixin, FormView):
    rate_limit_scope = "sign_up"
    template_name = "accounts/sign_up.html"
    form_class = SignUpForm
    success_url = reverse_lazy("accounts:sign_up_done")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("ui:dashboard")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        services.resident_sign_up(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            municipality=data["municipality"],
            request=self.request,
        )
        return super().form_valid(form)


@public
class SignUpDoneView(TemplateView):
    template_name = "accounts/sign_up_done.html"


@public
class VerifyEmailView(View):
    """GET shows a confirm button (mail scanners follow links); POST activates."""

    template_name = "accounts/verify_email.html"

    def _user(self, uidb64):
        try:
            pk = force_str(urlsafe_base64_decode(uidb64))
            return get_user_model().objects.get(pk=pk)
        except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
            return None

    def get(self, request, uidb64, token):
        user = self._user(uidb64)
        valid = user is not None and email_verification_token.check_token(user, token)
        return render(request, self.template_name, {"valid": valid}, status=200 if valid else 400)

    def post(self, request, uidb64, token):
        user = self._user(uidb64)
        if user is None or not services.user_verify_email(user=user, token=token, request=request):
            return render(request, self.template_name, {"valid": False}, status=400)
        messages.success(request, _("Your e-mail address is confirmed. You can now log in."))
        return redirect("two_factor:login")


@authenticated
class AccountSettingsView(FormView):
    template_name = "accounts/settings.html"
    form_class = AccountSettingsForm
    success_url = reverse_lazy("accounts:settings")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.request.user
        return kwargs

    def form_valid(self, form):
        services.user_update_settings(
            user=self.request.user,
            full_name=form.cleaned_data["full_name"],
            preferred_language=form.cleaned_data["preferred_language"],
            request=self.request,
        )
        messages.success(self.request, _("Your settings have been saved."))
        response = super().form_valid(form)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            form.cleaned_data["preferred_language"],
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response


@public
class PasswordResetView(RateLimitedFormMixin, auth_views.PasswordResetView):
    rate_limit_scope = "password_reset"
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


@public
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_log(
            action=AuditAction.PASSWORD_RESET,
            actor_label=form.user.email,
            obj=form.user,
            request=self.request,
        )
        return response


@authenticated
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_log(
            action=AuditAction.PASSWORD_CHANGED,
            actor=self.request.user,
            obj=self.request.user,
            request=self.request,
        )
        messages.success(self.request, gettext_lazy("Your password has been changed."))
        return response


@authenticated
class TwoFactorDisableView(DisableView):
    """Residents may turn two-factor off; staff roles may not (they must use it)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff_member:
            messages.error(request, _("Your role requires two-factor authentication."))
            return redirect("two_factor:profile")
        return super().dispatch(request, *args, **kwargs)
