"""PDF from HTML with WeasyPrint, for letters and answers that go out on paper.

WeasyPrint needs Pango (Debian ``libpango-1.0-0`` and ``libpangoft2-1.0-0``). Where it is
missing, importing WeasyPrint fails with an ``OSError``; :func:`html_to_pdf` turns that into
:class:`PdfUnavailable` with a message a functional administrator can act on, and the page that
asked for the PDF shows it instead of an error page.
"""

from django.utils.translation import gettext as _


class PdfUnavailable(Exception):
    """This machine cannot make PDFs (WeasyPrint's system libraries are missing)."""


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # the Pango libraries are not installed
        raise PdfUnavailable(
            _(
                "This server cannot make PDF files: the Pango libraries that WeasyPrint needs "
                "are missing (Debian packages libpango-1.0-0 and libpangoft2-1.0-0). Ask your "
                "system administrator to install them."
            )
        ) from exc
    return HTML(string=html, base_url=base_url).write_pdf()
