from django.urls import include, path

from omzien.marketplace.views import deals, entries, events, figures, prematches

app_name = "marketplace"

# For the public: a Dutch path (docs/adr/0010-dutch-public-paths.md).
public_patterns = [
    path("", entries.public_events, name="public_events"),
    path("<int:pk>/aanmelden/", entries.register, name="register"),
    path("aangemeld/", entries.registered, name="registered"),
    path("wijzigen/<str:token>/", entries.manage, name="manage"),
    path("wijzigen/<str:token>/nieuw/", entries.manage_add, name="manage_add"),
    path("wijzigen/<str:token>/<int:entry>/", entries.manage_edit, name="manage_edit"),
    path(
        "wijzigen/<str:token>/<int:entry>/intrekken/",
        entries.manage_delete,
        name="manage_delete",
    ),
]

organisation_patterns = [
    path("organisation/", entries.organisation_mine, name="organisation_mine"),
    path("organisation/<int:pk>/", entries.organisation, name="organisation"),
    path(
        "organisation/<int:pk>/events/<int:event>/add/",
        entries.organisation_add,
        name="organisation_add",
    ),
    path(
        "organisation/<int:pk>/entries/<int:entry>/",
        entries.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisation/<int:pk>/entries/<int:entry>/withdraw/",
        entries.organisation_delete,
        name="organisation_delete",
    ),
]

event_patterns = [
    path("", events.event_list, name="events"),
    path("new/", events.event_new, name="event_new"),
    path("<int:pk>/", events.event_detail, name="event"),
    path("<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("<int:pk>/participants/", events.participants, name="participants"),
    path("figures/", figures.figures, name="figures"),
]

prematch_patterns = [
    path("<int:pk>/prematches/", prematches.suggestions, name="prematches"),
    path("<int:pk>/prematches/confirm/", prematches.confirm, name="prematch_confirm"),
]

deal_patterns = [
    path("<int:pk>/deals/", deals.deal_list, name="deals"),
    path("<int:pk>/deals/new/", deals.deal_new, name="deal_new"),
    path("deals/<int:pk>/", deals.deal_detail, name="deal"),
]

urlpatterns = [
    path("beursvloer/", include(public_patterns)),
    path(
        "marketplace/",
        include(organisation_patterns + event_patterns + prematch_patterns + deal_patterns),
    ),
]
