from django.urls import path

from omzien.caregivers.views import referrals as views

urlpatterns = [
    path("<int:pk>/referrals/new/", views.referral_new, name="referral_new"),
    path("<int:pk>/referrals/<int:ref>/outcome/", views.referral_outcome, name="referral_outcome"),
    path("incoming/", views.incoming_list, name="incoming_list"),
    path("incoming/<int:pk>/", views.incoming_detail, name="incoming_detail"),
    path("incoming/<int:pk>/link/", views.incoming_link, name="incoming_link"),
    path("incoming/<int:pk>/register/", views.incoming_register, name="incoming_register"),
    path("incoming/<int:pk>/decline/", views.incoming_decline, name="incoming_decline"),
    path("refer/", views.refer, name="refer"),
    path("refer/mine/", views.my_referrals, name="my_referrals"),
    path("figures/", views.figures, name="figures"),
]
