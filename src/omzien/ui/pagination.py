"""One way for a list page to paginate: the page, and the query string to keep on its links."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


def paginate(request, items, *, per_page: int = PAGE_SIZE) -> tuple[Page, str]:
    """The requested page of ``items`` (a queryset or list) and the request's query string
    without ``page``, for ``ui/includes/pagination.html`` to add the page number to."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
