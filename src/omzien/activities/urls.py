from django.urls import include, path

from omzien.activities.views import activities, calendar, figures, signups

app_name = "activities"

# One pattern list per topic; the view modules have the same names. Organiser pages keep
# English paths (docs/adr/0010-dutch-public-paths.md); the public pages are Dutch, under
# /activiteiten/ (namespace activities_public, included in omzien/urls.py).


def _organiser_patterns(views: dict, prefix: str) -> list:
    return [
        path("", views["list"], name=f"{prefix}list"),
        path("new/", views["create"], name=f"{prefix}create"),
        path("<int:pk>/", views["detail"], name=f"{prefix}detail"),
        path("<int:pk>/edit/", views["edit"], name=f"{prefix}edit"),
        path("<int:pk>/dates/<int:occurrence>/", views["date"], name=f"{prefix}date"),
        path("<int:pk>/dates/<int:occurrence>/xlsx/", views["export"], name=f"{prefix}export"),
        path("<int:pk>/dates/<int:occurrence>/phones/", views["phones"], name=f"{prefix}phones"),
        path("<int:pk>/dates/<int:occurrence>/cancel/", views["cancel"], name=f"{prefix}cancel"),
    ]


activities_patterns = [
    path("organisation/<int:org>/", include(_organiser_patterns(activities.member_views, "org_"))),
    path("figures/", figures.figures, name="figures"),
    path("", include(_organiser_patterns(activities.staff_views, "staff_"))),
]

public_patterns = [
    path("", calendar.calendar, name="calendar"),
    path("<int:pk>/", calendar.activity_detail, name="activity"),
    path("<int:pk>/agenda.ics", calendar.activity_ics, name="activity_ics"),
    path("datum/<int:pk>/", signups.occurrence_detail, name="occurrence"),
    path("aangemeld/", signups.signed_up, name="signed_up"),
    path("afmelden/<str:token>/", signups.cancel, name="cancel"),
    path("mijn-aanmeldingen/", signups.mine, name="mine"),
    path("mijn-aanmeldingen/<int:pk>/afmelden/", signups.mine_cancel, name="mine_cancel"),
    path("agenda/<slug:slug>.ics", calendar.feed_municipality, name="feed_municipality"),
    path(
        "agenda/<slug:slug>/doelgroep/<str:group>.ics",
        calendar.feed_target_group,
        name="feed_target_group",
    ),
    path("agenda/organisatie/<int:pk>.ics", calendar.feed_organisation, name="feed_organisation"),
]

urlpatterns = [path("activities/", include(activities_patterns))]
