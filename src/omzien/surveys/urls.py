from django.urls import include, path

from omzien.surveys import views

app_name = "surveys"

# Staff pages keep English paths under /surveys/; the resident's form is Dutch (/enquete/,
# docs/adr/0010-dutch-public-paths.md).
staff_patterns = [
    path("", views.survey_list, name="survey_list"),
    path("new/", views.survey_create, name="survey_create"),
    path("new/from-template/", views.survey_from_preset, name="survey_from_preset"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/status/", views.survey_step, name="survey_step"),
    path("<int:pk>/questions/new/", views.question_create, name="question_create"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/questions/<int:question_pk>/move/", views.question_move, name="question_move"),
    path("<int:pk>/invite/", views.survey_invite, name="survey_invite"),
    path("<int:pk>/invite/group/", views.survey_invite_group, name="survey_invite_group"),
    path("<int:pk>/results/", views.survey_results, name="survey_results"),
    path("<int:pk>/results.xlsx", views.survey_results_xlsx, name="survey_results_xlsx"),
]
public_patterns = [
    path("bedankt/", views.survey_thanks, name="survey_thanks"),
    path("uitnodiging/<str:token>/", views.invitation_fill, name="invitation_fill"),
    path("<str:key>/", views.survey_fill, name="survey_fill"),
]
urlpatterns = [
    path("surveys/", include(staff_patterns)),
    path("enquete/", include(public_patterns)),
]
