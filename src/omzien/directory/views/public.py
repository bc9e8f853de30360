"""The public pages of the social map (no account needed): the search, an entry, the
respite-care overview of a municipality as a web page and as a printable PDF."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from omzien.accounts.permissions import public
from omzien.common.pdf import PdfUnavailable, html_to_pdf
from omzien.directory import constants
from omzien.directory.forms.entries import EntrySearchForm
from omzien.directory.selectors import entries as selectors
from omzien.ui.pagination import paginate, render_page_or_part

PDF_UNAVAILABLE = gettext_lazy(
    "The PDF cannot be made right now. Try again later, or print this page from your browser."
)


@public
def search(request):
    form = EntrySearchForm(request.GET or None)
    results = selectors.entry_search(**form.filters())
    page, query = paginate(request, results, per_page=constants.PAGE_SIZE)
    for entry in page:
        selectors.describe(entry)
    context = {"form": form, "page": page, "query": query, "searching": bool(request.GET)}
    return render_page_or_part(
        request, "directory/public/search.html", "directory/public/_results.html", context
    )


@public
def detail(request, pk):
    entry = selectors.entry_public_get(pk=pk, user=request.user)
    selectors.describe(entry)
    return render(request, "directory/public/detail.html", {"entry": entry})


def _respite_context(slug: str) -> dict:
    municipality = selectors.municipality_public_get(slug=slug)
    groups = selectors.respite_overview(municipality=municipality)
    for group in groups:
        for entry in group["entries"]:
            selectors.describe(entry)
    return {
        "municipality": municipality,
        "groups": groups,
        "total": len({entry.pk for group in groups for entry in group["entries"]}),
        "today": timezone.localdate(),
    }


@public
def respite(request, municipality):
    return render(request, "directory/public/respite.html", _respite_context(municipality))


@public
def respite_pdf(request, municipality):
    context = _respite_context(municipality)
    html = render_to_string("directory/public/respite_pdf.html", context, request=request)
    try:
        content = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    except PdfUnavailable:
        messages.error(request, PDF_UNAVAILABLE)
        return redirect("directory_public:respite", municipality=municipality)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="respijtzorg-{context["municipality"].slug}.pdf"'
    )
    return response
