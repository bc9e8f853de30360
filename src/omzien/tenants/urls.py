from django.urls import path

from omzien.tenants import views

app_name = "tenants"

urlpatterns = [
    path("<int:municipality_id>/settings/", views.settings_edit, name="settings"),
    path("<slug:slug>/logo", views.logo, name="logo"),
]
