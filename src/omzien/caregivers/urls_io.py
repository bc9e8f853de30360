from django.urls import path

from omzien.caregivers.views import io as views_io

urlpatterns = [
    path("import/", views_io.import_view, name="import"),
    path("import/template/", views_io.import_template, name="import_template"),
    path("export/", views_io.export, name="export"),
]
