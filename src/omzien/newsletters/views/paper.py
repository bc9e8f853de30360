"""The postal run of a newsletter: the print PDF and the mail house's address list."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.accounts.permissions import staff_job_gate
from omzien.common.exports import Exporter, file_response, start_export
from omzien.common.pdf import PdfUnavailable
from omzien.common.services import Actor
from omzien.newsletters.models import STAFF_ROLES
from omzien.newsletters.permissions import newsletter_staff_required
from omzien.newsletters.selectors import newsletters as selectors
from omzien.newsletters.services import paper


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@newsletter_staff_required
def paper_pdf(request, pk):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    try:
        content = paper.paper_pdf(newsletter=newsletter, actor=Actor.from_request(request))
    except PdfUnavailable:
        messages.error(
            request,
            _(
                "The PDF cannot be made right now. Try again later or ask the functional "
                "administrator."
            ),
        )
        return redirect("newsletters:newsletter_detail", pk=pk)
    return _download(content, "application/pdf", f"nieuwsbrief-{newsletter.pk}.pdf")


@newsletter_staff_required
def paper_addresses(request, pk, file_format):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    if newsletter.is_draft:
        messages.error(request, _("The address list is made when sending starts."))
        return redirect("newsletters:newsletter_detail", pk=pk)
    exported = paper.address_file(newsletter=newsletter, file_format=file_format)
    job = start_export(
        kind=paper.ADDRESS_EXPORT,
        rows=exported.rows,
        user=request.user,
        municipality=newsletter.municipality,
        params={"newsletter": newsletter.pk, "format": file_format},
    )
    if job is not None:
        return redirect("common:export_job", pk=job.pk)
    paper.address_list_audit(
        newsletter=newsletter,
        actor=Actor.from_request(request),
        file_format=file_format,
        rows=exported.rows,
    )
    return file_response(exported)


# A long address list in the background (common.exports): the staff member who asked.


def _address_export_audit(*, job, request):
    newsletter = selectors.newsletter_get(user=request.user, pk=job.params["newsletter"])
    paper.address_list_audit(
        newsletter=newsletter,
        actor=Actor.from_request(request),
        file_format=job.params["format"],
        rows=job.rows_total,
        extra={"export_job": job.pk},
    )


ADDRESS_EXPORTER = Exporter(
    build=paper.build_address_export,
    audit=_address_export_audit,
    gate=staff_job_gate(  # newsletter staff of its municipality still (404 when not)
        STAFF_ROLES,
        lambda request, job: selectors.newsletter_get(
            user=request.user, pk=job.params["newsletter"]
        ),
    ),
    back=lambda job: (
        reverse("newsletters:newsletter_detail", args=[job.params["newsletter"]]),
        _("Back to the newsletter"),
    ),
)
