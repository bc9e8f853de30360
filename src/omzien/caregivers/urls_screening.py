from django.urls import path

from omzien.caregivers.views import screening as views

# Included into the "caregivers" namespace under /carers/.
urlpatterns = [
    path("<int:pk>/screenings/new/", views.screening_new, name="screening_new"),
    path("<int:pk>/screenings/invite/", views.screening_invite, name="screening_invite"),
    path("signals/", views.alert_list, name="alerts"),
    path("signals/<int:alert_pk>/resolve/", views.alert_resolve, name="alert_resolve"),
    path("settings/", views.settings_edit, name="settings"),
    # Public: the carer's own questionnaire through the one-time link (no login).
    path("screening/thanks/", views.screening_thanks, name="screening_thanks"),
    path("screening/<str:token>/", views.screening_fill, name="screening_fill"),
]
