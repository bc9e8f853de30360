from django.urls import path

from omzien.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("bell/", views.notification_bell, name="bell"),
    path("read/", views.notification_read, name="read"),
    path("settings/", views.notification_settings, name="settings"),
]
