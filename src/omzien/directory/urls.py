from django.urls import path

from omzien.directory.views import entries, figures, hsds, imports, public, settings

app_name = "directory"

# One pattern list per topic; the view modules have the same names. The public pages have
# Dutch paths under sociale-kaart/ (public_patterns, namespace directory_public, mounted in
# omzien/urls.py); the staff and organisation pages English ones under directory/
# (docs/adr/0010-dutch-public-paths.md).

public_patterns = [
    path("", public.search, name="search"),
    path("<int:pk>/", public.detail, name="detail"),
    path("<slug:municipality>/respijtzorg/", public.respite, name="respite"),
    path("<slug:municipality>/respijtzorg/pdf/", public.respite_pdf, name="respite_pdf"),
    # Open data (HSDS, Open Referral): a stable address per municipality.
    path("open-data/<slug:municipality>/hsds.json", hsds.export_json, name="hsds_json"),
    path("open-data/<slug:municipality>/hsds.zip", hsds.export_zip, name="hsds_zip"),
]

entries_patterns = [
    path("entries/", entries.entry_list, name="entry_list"),
    path("entries/new/", entries.entry_create, name="entry_create"),
    path("entries/<int:pk>/", entries.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/step/", entries.entry_step, name="entry_step"),
    path("entries/<int:pk>/change/", entries.entry_change, name="entry_change"),
    path("entries/<int:pk>/confirm/", entries.entry_confirm, name="entry_confirm"),
    path("review/", entries.review_list, name="review_list"),
    # Organisation members: their organisations' entries.
    path("mine/", entries.mine, name="mine"),
    path("mine/new/<int:organisation>/", entries.mine_create, name="mine_create"),
    path("mine/<int:pk>/", entries.mine_detail, name="mine_detail"),
    path("mine/<int:pk>/edit/", entries.mine_edit, name="mine_edit"),
    path("mine/<int:pk>/step/", entries.mine_step, name="mine_step"),
    path("mine/<int:pk>/confirm/", entries.mine_confirm, name="mine_confirm"),
    path(
        "mine/<int:pk>/change/withdraw/",
        entries.mine_change_withdraw,
        name="mine_change_withdraw",
    ),
]

figures_patterns = [
    path("figures/", figures.figures, name="figures"),
]

settings_patterns = [
    path("settings/", settings.settings_edit, name="settings"),
]

imports_patterns = [
    path("import/", imports.import_view, name="import"),
    path("import/<int:pk>/", imports.import_job, name="import_job"),
]

urlpatterns = [
    *entries_patterns,
    *figures_patterns,
    *settings_patterns,
    *imports_patterns,
]
