from django.shortcuts import render

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_required
from omzien.privacy.forms import AuditFilterForm
from omzien.privacy.selectors import audit_event_list
from omzien.ui.pagination import paginate

PAGE_SIZE = 50


@staff_required(Role.MUNICIPALITY_ADMIN)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_event_list(user=request.user, **{k: v for k, v in filters.items() if v})
    page, query = paginate(request, events, per_page=PAGE_SIZE)
    return render(
        request,
        "privacy/audit_list.html",
        {"form": form, "page": page, "query": query},
    )
