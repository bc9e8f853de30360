import logging

from omzien.common.request_id import get_request_id


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every log record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = get_request_id() or "-"
        return True
