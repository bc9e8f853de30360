"""One way for a list page: paginate it, keep the filters on the page links, and answer an
htmx request (a filter changed in the browser) with only the results."""

from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

PAGE_SIZE = 25


def paginate(request, items, *, per_page: int = PAGE_SIZE) -> tuple[Page, str]:
    """The requested page of ``items`` (a queryset or list) and the request's query string
    without ``page``, for ``ui/includes/pagination.html`` to add the page number to."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    if not page.paginator.count:
        # Nothing found: no query to compile for an empty slice.
        page.object_list = []
    return page, query_without_page(request)


def query_without_page(request) -> str:
    """The request's query string without ``page``: the filters a page link keeps (for a list
    whose selector paginates, because it audits the rows the page shows)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def render_page_or_part(request, page_template: str, part_template: str, context: dict):
    """The whole page, or only the results part when htmx asks for it (``request.htmx``).

    Without JavaScript the filter form submits as usual and gets the whole page; with htmx the
    form updates the results and the address bar in place. ``Vary: HX-Request`` keeps caches
    from serving one for the other.
    """
    template = part_template if getattr(request, "htmx", False) else page_template
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
