from django.urls import path

from omzien.caregivers.views import caregivers as views

# Pages for carers themselves (public registration, own registration). Namespace "carer".
app_name = "carer"

urlpatterns = [
    path("register/", views.self_register, name="self_register"),
    path("register/done/", views.self_register_done, name="self_register_done"),
    path("mine/", views.my_registration, name="mine"),
    path("mine/<int:pk>/edit/", views.my_edit, name="edit"),
    path("mine/withdraw/", views.my_withdraw, name="withdraw"),
]
