from django.urls import path

from omzien.privacy import views

app_name = "privacy"

urlpatterns = [
    path("audit/", views.audit_list, name="audit_list"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/find/", views.request_find, name="request_find"),
    path("requests/<int:pk>/answer.pdf", views.request_pdf, name="request_pdf"),
    path("requests/<int:pk>/answer.json", views.request_json, name="request_json"),
    path("requests/<int:pk>/erase/", views.request_erase, name="request_erase"),
]
