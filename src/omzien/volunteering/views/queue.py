from django.shortcuts import render

from omzien.common.services import Actor
from omzien.volunteering.permissions import broker_required
from omzien.volunteering.selectors.queue import ITEMS_PER_LIST, broker_work_queue


@broker_required
def work_queue(request):
    queue = broker_work_queue(actor=Actor.from_request(request))
    return render(request, "volunteering/queue.html", {"queue": queue, "cap": ITEMS_PER_LIST})
