from django.urls import path

from omzien.ui import views

app_name = "ui"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy_statement, name="privacy"),
    path("my/", views.dashboard, name="dashboard"),
]
