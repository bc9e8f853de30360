"""``/api-keys/``: the functional administrator's partner keys (docs/api.md)."""

from django.urls import path

from omzien.api.views import keys

app_name = "api_keys"

urlpatterns = [
    path("", keys.key_list, name="list"),
    path("<int:municipality_id>/new/", keys.key_issue, name="issue"),
    path("<int:pk>/revoke/", keys.key_revoke, name="revoke"),
]
