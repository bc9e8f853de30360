from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite
from two_factor.urls import urlpatterns as two_factor_urls

from omzien.accounts.permissions import public
from omzien.accounts.views import TwoFactorDisableView
from omzien.caregivers.urls import carer_patterns
from omzien.common.views import healthz

# The technical admin site requires a verified second factor too.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    # common imports no Omzien app, so the health check's audience is declared here.
    path("healthz", public(healthz), name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the two-factor URLs: staff may not turn their second factor off.
    path("account/two_factor/disable/", TwoFactorDisableView.as_view()),
    path("", include(two_factor_urls)),
    path("account/", include("omzien.accounts.urls")),
    path("manage/", include("omzien.privacy.urls")),
    path("municipality/", include("omzien.tenants.urls")),
    path("meldingen/", include("omzien.notifications.urls")),
    path("carers/", include("omzien.caregivers.urls")),
    path("carer/", include((carer_patterns, "carer"))),
    path("volunteering/", include("omzien.volunteering.urls")),
    path("buddies/", include("omzien.buddies.urls")),
    path("django-admin/", admin.site.urls),
    path("", include("omzien.ui.urls")),
]

handler403 = "omzien.ui.views.error_403"
handler404 = "omzien.ui.views.error_404"
