"""Reads of hours: the volunteer's own, the organisation's inbox and totals, the broker's
totals per organisation and domain, and the spreadsheets of both."""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Case, DecimalField, F, OuterRef, Q, Subquery, Sum, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from omzien.common.exports import ExportFile, Progress, with_progress, workbook_chunks
from omzien.common.spreadsheets import xlsx_cell, xlsx_row
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    HoursEntry,
    HoursTransition,
    Organisation,
    Placement,
    Vacancy,
)

HoursStatus = volunteering_constants.HoursStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_SIZE = 2000

# The hours that count: a correction counts at the organisation's hours.
COUNTED = Case(
    When(status=HoursStatus.CORRECTED, then=F("corrected_hours")),
    default=F("hours"),
    output_field=DecimalField(max_digits=8, decimal_places=2),
)


def counted(queryset):
    """Only the hours that count (approved or corrected)."""
    return queryset.filter(status__in=volunteering_constants.HOURS_COUNTED)


def total(queryset) -> Decimal:
    return counted(queryset).aggregate(t=Sum(COUNTED))["t"] or Decimal(0)


# --- The volunteer ---------------------------------------------------------------------------


def placements_for_hours(*, user):
    """The volunteer's placements in which hours can be logged (started; ended ones too)."""
    return (
        Placement.objects.filter(
            profile__user=user,
            status__in=(
                volunteering_constants.PlacementStatus.RUNNING,
                volunteering_constants.PlacementStatus.ENDED,
            ),
        )
        .select_related("vacancy__organisation")
        .order_by("status", "-start_date", "-pk")
    )


def hours_of_placement(*, placement: Placement, limit: int = 10) -> list[HoursEntry]:
    """The last hours logged in the placement, newest first."""
    review_note = (
        HoursTransition.objects.filter(entry=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by("-pk")
        .values("note")[:1]
    )
    return list(
        HoursEntry.objects.filter(placement=placement)
        .annotate(review_note=Subquery(review_note))
        .order_by("-date", "-pk")[:limit]
    )


def placement_year_total(*, placement: Placement, year: int) -> Decimal:
    return total(HoursEntry.objects.filter(placement=placement, date__year=year))


# --- The organisation ------------------------------------------------------------------------


def hours_inbox(*, user):
    """The hours awaiting approval in all of the user's organisations, oldest first."""
    return (
        HoursEntry.objects.filter(
            status=HoursStatus.SUBMITTED,
            placement__vacancy__organisation__members__user=user,
        )
        .select_related("placement__profile", "placement__vacancy__organisation")
        .order_by("date", "pk")
    )


def hours_for_member(*, user, pk: int) -> HoursEntry:
    """The hours ``pk`` if they belong to one of the user's organisations (else 404)."""
    return get_object_or_404(
        HoursEntry.objects.select_related("placement__profile", "placement__vacancy__organisation"),
        pk=pk,
        placement__vacancy__organisation__members__user=user,
    )


def group_placements(*, vacancy: Vacancy) -> list[Placement]:
    """The attendance list of a vacancy (a one-off task's): its started placements, by name."""
    return list(
        Placement.objects.filter(
            vacancy=vacancy,
            status__in=(
                volunteering_constants.PlacementStatus.RUNNING,
                volunteering_constants.PlacementStatus.ENDED,
            ),
        )
        .select_related("profile")
        .order_by("profile__full_name", "pk")
    )


def task_hours(vacancy: Vacancy) -> Decimal | None:
    """The length of a one-off task in hours (rounded to a quarter), when it has both times."""
    if not (vacancy.starts_at and vacancy.ends_at) or vacancy.ends_at <= vacancy.starts_at:
        return None
    quarters = round((vacancy.ends_at - vacancy.starts_at).total_seconds() / 900)
    hours = Decimal(quarters) / 4
    return hours if Decimal("0.25") <= hours <= 24 else None


def organisation_hours_all(*, organisation_id: int):
    return HoursEntry.objects.filter(placement__vacancy__organisation_id=organisation_id)


def organisation_hours(*, organisation_id: int, year: int):
    return HoursEntry.objects.filter(
        placement__vacancy__organisation_id=organisation_id, date__year=year
    )


def totals_per_volunteer(queryset) -> list[dict]:
    """Counted hours per volunteer (name, hours), most hours first; and what awaits approval."""
    rows = (
        queryset.values("placement__profile_id", "placement__profile__full_name")
        .annotate(
            counted=Sum(COUNTED, filter=Q(status__in=volunteering_constants.HOURS_COUNTED)),
            waiting=Sum("hours", filter=Q(status=HoursStatus.SUBMITTED)),
        )
        .order_by("placement__profile__full_name", "placement__profile_id")
    )
    return [
        {
            "name": row["placement__profile__full_name"],
            "hours": row["counted"] or Decimal(0),
            "waiting": row["waiting"] or Decimal(0),
        }
        for row in rows
    ]


def totals_per_organisation(queryset) -> list[dict]:
    rows = (
        counted(queryset)
        .values("placement__vacancy__organisation__name")
        .annotate(hours=Sum(COUNTED))
        .order_by("placement__vacancy__organisation__name")
    )
    return [
        {"name": row["placement__vacancy__organisation__name"], "hours": row["hours"]}
        for row in rows
    ]


def totals_per_domain(queryset) -> list[dict]:
    """Counted hours per domain of the vacancy. A vacancy in two domains counts its hours in
    each, so the domains need not add up to the total."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    rows = counted(queryset).values("placement__vacancy__domains").annotate(hours=Sum(COUNTED))
    for row in rows:
        for domain in row["placement__vacancy__domains"] or []:
            sums[domain] += row["hours"]
    labels = dict(volunteering_constants.Domain.choices)
    return [
        {"code": code, "name": str(labels.get(code, code)), "hours": sums[code]}
        for code in sorted(sums, key=lambda c: str(labels.get(c, c)))
    ]


def broker_hours_all(*, municipality_ids):
    return HoursEntry.objects.filter(municipality_id__in=municipality_ids)


def broker_hours(*, municipality_ids, year: int):
    return HoursEntry.objects.filter(municipality_id__in=municipality_ids, date__year=year)


def years_with_hours(queryset, *, today: datetime.date) -> list[int]:
    years = {d.year for d in queryset.dates("date", "year")}
    years.add(today.year)
    return sorted(years, reverse=True)


# --- Spreadsheets ----------------------------------------------------------------------------


def hours_xlsx(
    *, title: str, queryset, filename: str, progress: Progress | None = None
) -> ExportFile:
    """Every entry (one row each: volunteer, organisation, task, date, logged hours, status,
    corrected hours, counted hours, note) and a sheet of totals per volunteer.

    Made as the entries are read (a write-only workbook in a temporary file), so memory stays
    bounded; the page sends it at once and a background export (common.exports) stores the same
    file. ``progress(done, total)`` is called per entry."""
    rows = queryset.count()
    entries = (
        queryset.select_related("placement__profile", "placement__vacancy__organisation")
        .order_by("placement__profile__full_name", "date", "pk")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    chunks = _hours_xlsx_chunks(
        title=title,
        entries=with_progress(entries, total=rows, progress=progress),
        totals=lambda: totals_per_volunteer(queryset),
    )
    return ExportFile(filename=filename, content_type=XLSX, chunks=chunks, rows=rows)


def organisation_hours_export(*, organisation, year: int, progress=None) -> ExportFile:
    """An organisation's hours of ``year`` as a spreadsheet."""
    return hours_xlsx(
        title=f"{organisation.name} – {year}",
        queryset=organisation_hours(organisation_id=organisation.pk, year=year),
        filename=f"uren-{organisation.pk}-{year}.xlsx",
        progress=progress,
    )


def broker_hours_export(*, municipality_ids, year: int, title: str, progress=None) -> ExportFile:
    """The hours of ``year`` in the broker's municipalities as a spreadsheet."""
    return hours_xlsx(
        title=title,
        queryset=broker_hours(municipality_ids=municipality_ids, year=year),
        filename=f"uren-{year}.xlsx",
        progress=progress,
    )


def build_organisation_hours_export(*, job, progress: Progress) -> ExportFile:
    """The background export's ``build`` (common.exports): the file the page would have sent."""
    return organisation_hours_export(
        organisation=Organisation.objects.get(pk=job.params["organisation"]),
        year=job.params["year"],
        progress=progress,
    )


def build_broker_hours_export(*, job, progress: Progress) -> ExportFile:
    """The background export's ``build`` (common.exports): the file the page would have sent."""
    return broker_hours_export(
        municipality_ids=job.params["municipalities"],
        year=job.params["year"],
        title=job.params["title"],
        progress=progress,
    )


def _hours_xlsx_chunks(*, title: str, entries, totals) -> Iterator[bytes]:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Hours")[:31])
    bold = Font(bold=True)

    def header(target, names):
        cells = xlsx_row(target, names)
        for cell in cells:
            cell.font = bold
        target.append(cells)

    for column, width in zip("ABCDEFGHI", (28, 28, 30, 12, 12, 20, 14, 14, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append(xlsx_row(sheet, [title]))
    sheet.append([])
    header(
        sheet,
        [
            _("Volunteer"),
            _("Organisation"),
            _("Vacancy"),
            _("Date"),
            _("Hours logged"),
            _("Status"),
            _("Corrected hours"),
            _("Hours that count"),
            _("Note"),
        ],
    )
    for entry in entries:
        counts = entry.status in volunteering_constants.HOURS_COUNTED
        sheet.append(
            xlsx_row(
                sheet,
                [
                    entry.placement.profile.full_name,
                    entry.placement.vacancy.organisation.name,
                    entry.placement.vacancy.title,
                    xlsx_cell(sheet, entry.date, "DD-MM-YYYY"),
                    float(entry.hours),
                    entry.get_status_display(),
                    float(entry.corrected_hours) if entry.corrected_hours is not None else None,
                    float(entry.counted_hours) if counts else 0,
                    entry.note,
                ],
            )
        )
    sheet_totals = workbook.create_sheet(_("Totals")[:31])
    sheet_totals.column_dimensions["A"].width = 28
    header(sheet_totals, [_("Volunteer"), _("Hours that count"), _("Awaiting approval")])
    for row in totals():
        sheet_totals.append(
            xlsx_row(sheet_totals, [row["name"], float(row["hours"]), float(row["waiting"])])
        )
    yield from workbook_chunks(workbook)


# --- Figures (the broker's figures page and the policy monitor) ------------------------------


def hours_counts(*, municipality, period) -> dict:
    """Raw: the approved hours of the municipality's placements worked in the period, the
    distinct volunteers they are of, and both per domain of the vacancy."""
    queryset = counted(
        HoursEntry.objects.filter(
            municipality=municipality, date__gte=period.start, date__lte=period.end
        )
    )
    rows = list(
        queryset.values("placement__profile_id", "placement__vacancy__domains").annotate(
            hours=Sum(COUNTED)
        )
    )
    total, people = Decimal(0), set()
    domain_hours: dict[str, Decimal] = defaultdict(Decimal)
    domain_people: dict[str, set] = defaultdict(set)
    for row in rows:
        total += row["hours"]
        people.add(row["placement__profile_id"])
        for domain in row["placement__vacancy__domains"] or []:
            domain_hours[domain] += row["hours"]
            domain_people[domain].add(row["placement__profile_id"])
    return {
        "hours": total,
        "volunteers": len(people),
        "domains": {code: (domain_hours[code], len(domain_people[code])) for code in domain_hours},
    }


def hours_figures(*, municipality, period) -> dict:
    """The hours as a page may show them: a number of hours is shown only with the number of
    volunteers it is of, and hidden with it when that is small (``privacy.statistics``), so
    that no one's own hours can be read from a domain that only they work in."""
    from omzien.privacy.statistics import suppress_count

    counts = hours_counts(municipality=municipality, period=period)
    volunteers = suppress_count(counts["volunteers"])
    labels = dict(volunteering_constants.Domain.choices)
    domains = []
    for code, (hours, people) in sorted(
        counts["domains"].items(), key=lambda item: str(labels.get(item[0], item[0]))
    ):
        figure = suppress_count(people)
        domains.append(
            {
                "code": code,
                "name": str(labels.get(code, code)),
                "volunteers": figure,
                "hours": None if figure.suppressed else hours,
            }
        )
    return {
        "hours": None if volunteers.suppressed else counts["hours"],
        "volunteers": volunteers,
        "domains": domains,
    }
