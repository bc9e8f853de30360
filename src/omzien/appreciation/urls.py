from django.urls import include, path

from omzien.appreciation.views import rounds, shops

app_name = "appreciation"

# One pattern list per topic; the view modules have the same names. Staff pages keep English
# paths (docs/adr/0010-dutch-public-paths.md).

rounds_patterns = [
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/copy/", rounds.round_copy, name="round_copy"),
]

shops_patterns = [
    path("shops/", shops.shop_list, name="shop_list"),
    path("shops/new/", shops.shop_create, name="shop_create"),
    path("shops/<int:pk>/deactivate/", shops.shop_deactivate, name="shop_deactivate"),
]

urlpatterns = [
    path("appreciation/", include(rounds_patterns + shops_patterns)),
]
