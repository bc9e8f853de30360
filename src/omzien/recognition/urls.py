from django.urls import include, path

from omzien.recognition.views import jury, public, rounds

app_name = "recognition"

# For the public: a Dutch path (docs/adr/0010-dutch-public-paths.md).
public_patterns = [
    path("", public.public_rounds, name="public_rounds"),
    path("<int:pk>/", public.results, name="results"),
    path("<int:pk>/voordragen/", public.nominate, name="nominate"),
    path("voorgedragen/", public.nominated, name="nominated"),
    path("toestemming/<str:token>/", public.consent, name="consent"),
]

round_patterns = [
    path("", rounds.round_list, name="rounds"),
    path("new/", rounds.round_new, name="round_new"),
    path("<int:pk>/", rounds.round_detail, name="round"),
    path("<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("<int:pk>/criteria/", rounds.criterion_add, name="criterion_add"),
    path(
        "<int:pk>/criteria/<int:criterion>/remove/",
        rounds.criterion_remove,
        name="criterion_remove",
    ),
    path("<int:pk>/jury/", rounds.juror_add, name="juror_add"),
    path("<int:pk>/jury/<int:juror>/remove/", rounds.juror_remove, name="juror_remove"),
    path("nominations/<int:pk>/", rounds.nomination_detail, name="nomination"),
]

jury_patterns = [
    path("", jury.jury_rounds, name="jury_rounds"),
    path("<int:pk>/", jury.jury, name="jury"),
    path("<int:pk>/nominations/<int:nomination>/", jury.score, name="score"),
    path("<int:pk>/submit/", jury.submit, name="submit"),
    path("<int:pk>/tie/", jury.tie, name="tie"),
]

urlpatterns = [
    path("vrijwilligersprijs/", include(public_patterns)),
    path("recognition/", include(round_patterns)),
    path("recognition/jury/", include(jury_patterns)),
]
