from django.urls import path

from omzien.trajectories.views import figures, referrals, trajectories

app_name = "trajectories"

urlpatterns = [
    path("trajectories/", trajectories.trajectory_list, name="list"),
    path("trajectories/new/", trajectories.trajectory_new, name="new"),
    path("trajectories/<int:pk>/", trajectories.trajectory_detail, name="detail"),
    path("trajectories/<int:pk>/plan/", trajectories.trajectory_plan, name="plan"),
    path("trajectories/<int:pk>/goals/", trajectories.goal_add, name="goal_add"),
    path("trajectories/<int:pk>/moments/", trajectories.moment_add, name="moment_add"),
    path("trajectories/<int:pk>/step/", trajectories.trajectory_step, name="step"),
    path("trajectories/<int:pk>/end/", trajectories.trajectory_end, name="end"),
    path("trajectories/<int:pk>/evaluate/", trajectories.evaluation_new, name="evaluate"),
    path("trajectories/figures/", figures.figures, name="figures"),
    path("trajectories/referrals/", referrals.referral_list, name="referrals"),
    path("trajectories/referrals/<int:pk>/", referrals.referral_detail, name="referral"),
    path(
        "trajectories/referrals/<int:pk>/accept/",
        referrals.referral_accept,
        name="referral_accept",
    ),
    path(
        "trajectories/referrals/<int:pk>/decline/",
        referrals.referral_decline,
        name="referral_decline",
    ),
    path("trajectories/refer/", referrals.refer, name="refer"),
    path("trajectories/my-referrals/", referrals.my_referrals, name="my_referrals"),
]
