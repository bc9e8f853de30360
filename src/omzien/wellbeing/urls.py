from django.urls import include, path

from omzien.wellbeing import views

app_name = "wellbeing"

# Staff and referrer pages keep English paths under /wellbeing/; the resident's questionnaire
# link is Dutch (/welzijn/vragenlijst/, docs/adr/0010-dutch-public-paths.md).
staff_patterns = [
    path("", views.trajectory_list, name="trajectory_list"),
    path("new/", views.participant_create, name="participant_create"),
    path("<int:pk>/", views.trajectory_detail, name="trajectory_detail"),
    path("<int:pk>/intake/", views.trajectory_intake, name="trajectory_intake"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:pk>/close/", views.trajectory_close, name="trajectory_close"),
    path("<int:pk>/measurements/new/", views.measurement_create, name="measurement_create"),
    path("<int:pk>/measurements/invite/", views.measurement_invite, name="measurement_invite"),
    path("effect/", views.effect_report, name="effect_report"),
    path("refer/", views.refer, name="refer"),
    path("refer/mine/", views.referral_mine, name="referral_mine"),
]
public_patterns = [
    path("bedankt/", views.questionnaire_thanks, name="questionnaire_thanks"),
    path("<str:token>/", views.questionnaire_fill, name="questionnaire_fill"),
]
urlpatterns = [
    path("wellbeing/", include(staff_patterns)),
    path("welzijn/vragenlijst/", include(public_patterns)),
]
