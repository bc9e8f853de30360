from django.urls import path

from omzien.volunteering.views import figures as views_figures
from omzien.volunteering.views import queue as views_queue

urlpatterns = [
    path("work-queue/", views_queue.work_queue, name="work_queue"),
    path("figures/", views_figures.figures, name="figures"),
]
