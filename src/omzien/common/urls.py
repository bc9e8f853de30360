from django.urls import path

from omzien.common import views

app_name = "common"

# Export jobs (common.exports): the progress page and the file, for the person who asked.
urlpatterns = [
    path("<int:pk>/", views.export_job, name="export_job"),
    path("<int:pk>/download/", views.export_download, name="export_download"),
]
