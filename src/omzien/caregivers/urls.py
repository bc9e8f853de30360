from django.urls import include, path

from omzien.caregivers.views import caregivers as views

app_name = "caregivers"

urlpatterns = [
    path("", views.registry, name="registry"),
    path("new/", views.register, name="register"),
    path("caseload/", views.caseload_view, name="caseload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/timeline/", views.timeline, name="timeline"),
    path("<int:pk>/relationships/new/", views.relationship_new, name="relationship_new"),
    path("<int:pk>/relationships/<int:rel>/", views.relationship_edit, name="relationship_edit"),
    path("<int:pk>/contacts/new/", views.contact_new, name="contact_new"),
    path("<int:pk>/intensive/", views.intensive, name="intensive"),
    path("<int:pk>/end-care/", views.end_care, name="end_care"),
    path("<int:pk>/reactivate/", views.reactivate, name="reactivate"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/remove/", views.remove, name="remove"),
    # Parts built in their own modules (screening, import/export, referrals).
    path("", include("omzien.caregivers.urls_screening")),
    path("", include("omzien.caregivers.urls_io")),
    path("", include("omzien.caregivers.urls_referrals")),
]
