from django.urls import path

from omzien.monitor import views

app_name = "monitor"

programme_patterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/report.pdf", views.programme_report_pdf, name="programme_report_pdf"),
    path("<int:pk>/report.xlsx", views.programme_report_xlsx, name="programme_report_xlsx"),
    path("<int:pk>/sentences/", views.programme_sentences, name="programme_sentences"),
    path("<int:pk>/publish/", views.programme_publish, name="programme_publish"),
    path("<int:pk>/recompute/", views.snapshot_recompute, name="snapshot_recompute"),
    path("<int:pk>/themes/new/", views.theme_create, name="theme_create"),
    path("themes/<int:pk>/edit/", views.theme_edit, name="theme_edit"),
    path("themes/<int:pk>/ambitions/new/", views.ambition_create, name="ambition_create"),
    path("ambitions/<int:pk>/edit/", views.ambition_edit, name="ambition_edit"),
    path("ambitions/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("actions/<int:pk>/budget/", views.budget_set, name="budget_set"),
    path(
        "ambitions/<int:pk>/measures/new/",
        views.measure_create,
        {"kind": "ambition"},
        name="ambition_measure_create",
    ),
    path(
        "actions/<int:pk>/measures/new/",
        views.measure_create,
        {"kind": "action"},
        name="action_measure_create",
    ),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("<int:pk>/remove/", views.programme_delete, name="programme_delete"),
    path("themes/<int:pk>/remove/", views.theme_delete, name="theme_delete"),
    path("ambitions/<int:pk>/remove/", views.ambition_delete, name="ambition_delete"),
    path("actions/<int:pk>/remove/", views.action_delete, name="action_delete"),
    path("measures/<int:pk>/remove/", views.measure_delete, name="measure_delete"),
]

external_patterns = [
    path("external/", views.external_list, name="external_list"),
    path("external/new/", views.external_create, name="external_create"),
    path("external/<int:pk>/edit/", views.external_edit, name="external_edit"),
    path("external/import/", views.external_import, name="external_import"),
    path("external/import/<int:pk>/", views.external_import_job, name="external_import_job"),
    path("external/<int:pk>/values/new/", views.external_value_add, name="external_value_add"),
]

partner_patterns = [
    path("partner/<int:pk>/<str:period>/", views.partner_report, name="partner_report"),
    path("partner-reports/", views.partner_reports, name="partner_reports"),
    path("compare/", views.region_compare, name="region_compare"),
    path("partner-reports/<int:pk>/", views.partner_review, name="partner_review"),
]

urlpatterns = programme_patterns + external_patterns + partner_patterns

public_patterns = [
    path("<int:pk>/", views.programme_public, name="programme"),
]
