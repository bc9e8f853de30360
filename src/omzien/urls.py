from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite
from two_factor.urls import urlpatterns as two_factor_urls

from omzien.accounts.permissions import public
from omzien.accounts.views import TwoFactorDisableView
from omzien.activities import urls as activities_urls
from omzien.appreciation import urls as appreciation_urls
from omzien.caregivers import urls as caregivers_urls
from omzien.common.metrics import metrics_view
from omzien.common.views import healthz, readyz
from omzien.directory import urls as directory_urls
from omzien.monitor import urls as monitor_urls
from omzien.newsletters import urls as newsletters_urls
from omzien.ui import views as ui_views
from omzien.ui.redirects import moved
from omzien.volunteering import urls as volunteering_urls

# The technical admin site requires a verified second factor too.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    # The health checks' audience is declared here, next to the paths.
    path("healthz", public(healthz), name="healthz"),
    path("readyz", public(readyz), name="readyz"),
    # Behind a bearer token (METRICS_TOKEN), not a login: for the operator's Prometheus.
    path("metrics", public(metrics_view), name="metrics"),
    # The language switch (Django's set_language, which also keeps a user's choice).
    path("i18n/setlang/", ui_views.set_language, name="set_language"),
    # The public REST API (docs/api.md).
    path("api/v1/", include("omzien.api.urls")),
    # The functional administrator's partner keys of that API.
    path("api-keys/", include("omzien.api.admin_urls")),
    # Before the two-factor URLs: staff may not turn their second factor off.
    path("account/two_factor/disable/", TwoFactorDisableView.as_view()),
    path("", include(two_factor_urls)),
    path("account/", include("omzien.accounts.urls")),
    path("manage/", include("omzien.privacy.urls")),
    path("municipality/", include("omzien.tenants.urls")),
    path("meldingen/", include("omzien.notifications.urls")),
    # Large exports made in the background: their progress and file (common.exports).
    path("exports/", include("omzien.common.urls")),
    # Pages the public sees and shares have Dutch paths; staff pages keep their English ones
    # (docs/adr/0010-dutch-public-paths.md). caregivers and volunteering name both prefixes.
    path("", include(caregivers_urls)),
    path("mantelzorg/", include((caregivers_urls.carer_patterns, "carer"))),
    path(
        "mantelzorg/waardering/",
        include((appreciation_urls.public_patterns, "appreciation_public")),
    ),
    path("", include(volunteering_urls)),
    path("buddies/", include("omzien.buddies.urls")),
    path("", include("omzien.appreciation.urls")),
    # The social map: public pages under a Dutch path, staff and organisation pages under
    # directory/.
    path("sociale-kaart/", include((directory_urls.public_patterns, "directory_public"))),
    path("directory/", include("omzien.directory.urls")),
    path("", include("omzien.activities.urls")),
    path(
        "activiteiten/",
        include((activities_urls.public_patterns, "activities_public")),
    ),
    path("newsletters/", include("omzien.newsletters.urls")),
    path("", include("omzien.wellbeing.urls")),
    path("nieuwsbrief/", include((newsletters_urls.public_patterns, "newsletters_public"))),
    path("monitor/", include("omzien.monitor.urls")),
    path("beleidsmonitor/", include((monitor_urls.public_patterns, "monitor_public"))),
    # Concerns (signalen): the public form under /zorg-melden/, the rest under /concerns/.
    path("", include("omzien.concerns.urls")),
    # Needs surveys: the resident's form under /enquete/, the staff pages under /surveys/.
    path("", include("omzien.surveys.urls")),
    # The beursvloer: the public registration under /beursvloer/, the rest under /marketplace/.
    path("", include("omzien.marketplace.urls")),
    # The volunteer prize: public pages under /vrijwilligersprijs/, the rest under /recognition/.
    path("", include("omzien.recognition.urls")),
    # Preventive home visits: the team's plans and the visitor's own list under /my/.
    path("", include("omzien.homevisits.urls")),
    # The training academy and training budget (docs/volunteering.md) under /academy/.
    path("", include("omzien.academy.urls")),
    # Trajectories with guidance: the broker's pages and the client manager's referrals.
    path("", include("omzien.trajectories.urls")),
    path("django-admin/", admin.site.urls),
    # The old English paths of the pages that moved: a permanent redirect, one per prefix.
    # "carer/" is not a prefix of "carers/": the pattern ends in the slash.
    moved(
        "carer/",
        "mantelzorg/",
        segments=caregivers_urls.moved_carer_segments,
        name="moved_carer",
    ),
    moved(
        "carers/screening/",
        "mantelzorg/vragenlijst/",
        segments=caregivers_urls.moved_screening_segments,
        name="moved_screening",
    ),
    moved(
        "volunteering/",
        "vrijwilligerswerk/",
        segments=volunteering_urls.moved_segments,
        first=volunteering_urls.moved_first_segments,
        name="moved_volunteering",
    ),
    path("", include("omzien.ui.urls")),
]

handler403 = "omzien.ui.views.error_403"
handler404 = "omzien.ui.views.error_404"
handler500 = "omzien.ui.views.error_500"
