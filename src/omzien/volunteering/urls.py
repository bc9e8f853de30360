from django.urls import include, path

app_name = "volunteering"

# Each part of the volunteer platform has its own URL module.
urlpatterns = [
    path("", include("omzien.volunteering.urls_organisations")),
    path("", include("omzien.volunteering.urls_vacancies")),
    path("", include("omzien.volunteering.urls_profiles")),
    path("", include("omzien.volunteering.urls_responses")),
    path("", include("omzien.volunteering.urls_queue")),
    path("", include("omzien.volunteering.urls_campaigns")),
    path("", include("omzien.volunteering.urls_suggestions")),
]
