from django.shortcuts import render

from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.volunteering.permissions import BROKER_ROLES, broker_required
from omzien.volunteering.selectors.queue import ITEMS_PER_LIST, broker_work_queue


@broker_required
def work_queue(request):
    queue = broker_work_queue(user=request.user)
    municipalities = request.user.municipality_ids_for(BROKER_ROLES)
    audit_log(
        action=AuditAction.VIEW,
        actor=request.user,
        request=request,
        reason="broker work queue",
        municipality=next(
            (
                m.municipality
                for m in request.user.active_memberships
                if m.municipality_id in municipalities
            ),
            None,
        ),
    )
    return render(request, "volunteering/queue.html", {"queue": queue, "cap": ITEMS_PER_LIST})
