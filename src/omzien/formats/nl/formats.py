"""Omzien's one date rule (FORMAT_MODULE_PATH): long "30 november 2026", short "30-11-2026"."""

from django.conf.locale.nl import formats as _nl

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
# Typed dates: day first ("30-11-2026", also "30/11/2026", "30-11-26") or ISO, in both
# languages (the Dutch list of Django; never the American month first).
DATE_INPUT_FORMATS = _nl.DATE_INPUT_FORMATS + ["%Y-%m-%d"]
DATETIME_INPUT_FORMATS = _nl.DATETIME_INPUT_FORMATS + ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
TIME_INPUT_FORMATS = _nl.TIME_INPUT_FORMATS
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
