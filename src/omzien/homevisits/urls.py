from django.urls import include, path

from omzien.homevisits import views

app_name = "homevisits"

plan_patterns = [
    path("", views.plans, name="plans"),
    path("new/", views.plan_new, name="plan_new"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/assign/", views.assign_many, name="assign_many"),
    path("<int:pk>/import/", views.import_view, name="import"),
    path("<int:pk>/import/<int:job>/", views.import_job, name="import_job"),
    path("<int:pk>/import/template/", views.import_template, name="import_template"),
    path("figures/", views.figures, name="figures"),
]

visit_patterns = [
    path("<int:pk>/", views.visit_detail, name="visit"),
    path("<int:pk>/assign/", views.visit_assign, name="visit_assign"),
    path("<int:pk>/record/", views.visit_record, name="visit_record"),
    path("<int:pk>/plan-again/", views.visit_plan_again, name="visit_plan_again"),
    path("<int:pk>/follow-up/concern/", views.follow_up_concern, name="follow_up_concern"),
    path("<int:pk>/follow-up/carer/", views.follow_up_carer, name="follow_up_carer"),
    path("<int:pk>/follow-up/referral/", views.follow_up_referral, name="follow_up_referral"),
]

visitor_patterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.mine_record, name="mine_record"),
]

urlpatterns = [
    path("home-visits/", include(plan_patterns)),
    path("home-visits/visits/", include(visit_patterns)),
    path("my/home-visits/", include(visitor_patterns)),
]
