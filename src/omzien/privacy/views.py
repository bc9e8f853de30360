import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_required
from omzien.common.pdf import PdfUnavailable, html_to_pdf
from omzien.common.services import Actor
from omzien.privacy import services
from omzien.privacy.constants import RequestKind
from omzien.privacy.forms import AuditFilterForm, SubjectRequestCloseForm, SubjectRequestForm
from omzien.privacy.links import record_label, record_links
from omzien.privacy.selectors import (
    audit_event_list,
    person_export,
    person_find,
    person_matches,
    subject_request_get,
    subject_request_list,
)
from omzien.ui.actions import form_page, perform
from omzien.ui.pagination import paginate

PAGE_SIZE = 50

privacy_officer_required = staff_required(Role.PRIVACY_OFFICER)


@staff_required(Role.MUNICIPALITY_ADMIN)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_event_list(user=request.user, **{k: v for k, v in filters.items() if v})
    page, query = paginate(request, events, per_page=PAGE_SIZE)
    events = list(page.object_list)
    links = record_links(events, request.user)
    rows = [
        (event, links.get(event.pk), record_label(event.object_type) if event.object_type else "")
        for event in events
    ]
    return render(
        request,
        "privacy/audit_list.html",
        {"form": form, "page": page, "query": query, "rows": rows},
    )


# --- Requests of the people in the registry (AVG art. 15, 16, 17) ------------------------------


@privacy_officer_required
def request_list(request):
    page, query = paginate(request, subject_request_list(user=request.user), per_page=PAGE_SIZE)
    today = timezone.localdate()
    rows = [(item, item.deadline_state(today)) for item in page]
    return render(
        request, "privacy/requests/list.html", {"page": page, "rows": rows, "query": query}
    )


@privacy_officer_required
def request_create(request):
    municipalities = request.user.municipalities([Role.PRIVACY_OFFICER])
    form = SubjectRequestForm(
        request.POST or None,
        municipalities=municipalities,
        initial={"received_on": timezone.localdate()},
    )
    return form_page(
        request,
        form,
        lambda data: services.subject_request_create(
            municipality=form.chosen_municipality(), data=data, actor=Actor.from_request(request)
        ),
        success=_("The request has been recorded."),
        done=lambda created: reverse("privacy:request_detail", args=[created.pk]),
        template="privacy/requests/create.html",
    )


@privacy_officer_required
def request_detail(request, pk):
    actor = Actor.from_request(request)
    subject_request = subject_request_get(user=request.user, pk=pk, actor=actor)
    close_form = SubjectRequestCloseForm(
        request.POST or None,
        initial={"outcome": subject_request.outcome, "correction": subject_request.correction},
    )
    if subject_request.kind != RequestKind.RECTIFICATION:
        del close_form.fields["correction"]
    if request.method == "POST" and close_form.is_valid():
        result = perform(
            request,
            lambda: services.subject_request_close(
                subject_request=subject_request,
                outcome=close_form.cleaned_data["outcome"],
                correction=close_form.cleaned_data.get("correction", ""),
                actor=actor,
            ),
            form=close_form,
            success=_("The request has been closed."),
        )
        if result:
            return redirect("privacy:request_detail", pk=pk)
    return render(
        request,
        "privacy/requests/detail.html",
        {
            "item": subject_request,
            "state": subject_request.deadline_state(timezone.localdate()),
            "matches": person_matches(subject_request=subject_request),
            "close_form": close_form,
            "kinds": RequestKind,
        },
    )


@privacy_officer_required
def request_find(request, pk):
    actor = Actor.from_request(request)
    subject_request = subject_request_get(user=request.user, pk=pk, actor=actor)
    if request.method == "POST":
        result = perform(
            request,
            lambda: services.subject_request_set_matches(
                subject_request=subject_request,
                keys=request.POST.getlist("match"),
                actor=actor,
            ),
            success=_("The records of the person have been recorded."),
        )
        if result:
            return redirect("privacy:request_detail", pk=pk)
    chosen = {f"{m['provider']}|{m['key']}" for m in subject_request.matches}
    return render(
        request,
        "privacy/requests/find.html",
        {
            "item": subject_request,
            "found": person_find(subject_request=subject_request, actor=actor),
            "chosen": chosen,
        },
    )


def _answer(request, pk):
    actor = Actor.from_request(request)
    subject_request = subject_request_get(user=request.user, pk=pk, actor=actor)
    return subject_request, person_export(subject_request=subject_request, actor=actor)


@privacy_officer_required
def request_json(request, pk):
    subject_request, answer = _answer(request, pk)
    response = HttpResponse(
        json.dumps(answer, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="inzageverzoek-{subject_request.pk}.json"'
    )
    return response


def answer_pdf(subject_request, answer) -> bytes:
    """The access answer as a Dutch letter-like PDF (WeasyPrint)."""
    html = render_to_string(
        "privacy/requests/answer_pdf.html", {"item": subject_request, "answer": answer}
    )
    return html_to_pdf(html)


@privacy_officer_required
def request_pdf(request, pk):
    subject_request, answer = _answer(request, pk)
    try:
        pdf = answer_pdf(subject_request, answer)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("privacy:request_detail", pk=pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="inzageverzoek-{subject_request.pk}.pdf"'
    )
    return response


@privacy_officer_required
def request_erase(request, pk):
    actor = Actor.from_request(request)
    subject_request = subject_request_get(user=request.user, pk=pk, actor=actor)
    if request.method == "POST":
        # Done or refused, the request's page says what happened.
        perform(
            request,
            lambda: services.subject_request_erase(subject_request=subject_request, actor=actor),
            success=_("The erasure has been carried out."),
        )
        return redirect("privacy:request_detail", pk=pk)
    if subject_request.kind != RequestKind.ERASURE or not subject_request.is_open:
        messages.error(request, _("Only an open erasure request erases records."))
        return redirect("privacy:request_detail", pk=pk)
    return render(
        request,
        "privacy/requests/erase.html",
        {"item": subject_request, "matches": person_matches(subject_request=subject_request)},
    )
