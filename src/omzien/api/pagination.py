"""Cursor pagination: ``next`` and ``previous`` are links with an opaque ``cursor``; a page
never shifts when items are added before it (unlike page numbers)."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-pk",)
