from django.urls import path

from . import views_figures, views_queue

urlpatterns = [
    path("work-queue/", views_queue.work_queue, name="work_queue"),
    path("figures/", views_figures.figures, name="figures"),
]
