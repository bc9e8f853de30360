"""The postal run of a newsletter: the print PDF and the mail house's address list."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from omzien.common.pdf import PdfUnavailable
from omzien.common.services import Actor
from omzien.newsletters.permissions import newsletter_staff_required
from omzien.newsletters.selectors import newsletters as selectors
from omzien.newsletters.services import paper

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


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
    content = paper.address_list(
        newsletter=newsletter, actor=Actor.from_request(request), file_format=file_format
    )
    return _download(
        content, TYPES[file_format], f"nieuwsbrief-{newsletter.pk}-adressen.{file_format}"
    )
