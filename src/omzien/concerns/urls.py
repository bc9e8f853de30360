from django.urls import include, path

from omzien.concerns import views

app_name = "concerns"

# For the public: a Dutch path (docs/adr/0010-dutch-public-paths.md).
public_patterns = [
    path("", views.report, name="report"),
    path("bedankt/", views.report_done, name="report_done"),
]

referrer_patterns = [
    path("report/", views.professional_report, name="professional_report"),
    path("report/sent/", views.sent, name="sent"),
]

contact_point_patterns = [
    path("", views.queue, name="queue"),
    path("new/", views.record, name="record"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/contact/", views.contact, name="contact"),
    path("<int:pk>/actions/new/", views.action_new, name="action_new"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/register-carer/", views.register_carer, name="register_carer"),
    path("<int:pk>/propose-buddy/", views.propose_buddy, name="propose_buddy"),
    path("figures/", views.figures, name="figures"),
    path("settings/", views.settings_edit, name="settings"),
]

urlpatterns = [
    path("zorg-melden/", include(public_patterns)),
    path("concerns/", include(referrer_patterns + contact_point_patterns)),
]
