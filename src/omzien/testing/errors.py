"""Reading a service's ValidationError in tests: by code, never by the (Dutch) sentence."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def error_codes(error: ValidationError) -> dict[str, list[str]]:
    """The codes of ``error`` per field; an error without fields is under ``__all__``."""
    if hasattr(error, "error_dict"):
        return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
    return {NON_FIELD_ERRORS: [e.code for e in error.error_list]}
