"""Hours: the volunteer logs them on a phone, the organisation records a group's and approves
or corrects them, organisation and broker see totals and export them."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_job_gate
from omzien.common.exports import Exporter, file_response, start_export
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.ui.actions import perform
from omzien.ui.pagination import paginate
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.forms.hours import (
    GroupHoursForm,
    HoursApproveManyForm,
    HoursLogForm,
    HoursReviewForm,
)
from omzien.volunteering.permissions import (
    BROKER_ROLES,
    broker_required,
    member_organisation,
    member_required,
    resident_required,
)
from omzien.volunteering.selectors import hours as selectors
from omzien.volunteering.selectors.responses import placement_for_volunteer
from omzien.volunteering.selectors.vacancies import vacancy_for_member
from omzien.volunteering.services import hours as services


def _year(request, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0]
    return year if year in years else years[0]


# --- The volunteer ---------------------------------------------------------------------------


@resident_required
def hours_mine(request):
    """The volunteer's placements in which they can log hours, with this year's totals."""
    year = timezone.localdate().year
    placements = list(selectors.placements_for_hours(user=request.user))
    for placement in placements:
        placement.year_total = selectors.placement_year_total(placement=placement, year=year)
    return render(request, "volunteering/hours/mine.html", {"placements": placements, "year": year})


@resident_required
def hours_log(request, pk):
    """One placement: log hours in a few taps (today, the hours, save), the last entries."""
    placement = placement_for_volunteer(user=request.user, pk=pk)
    form = HoursLogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.hours_log(
                placement=placement,
                date=form.cleaned_data["date"],
                hours=form.cleaned_data["hours"],
                note=form.cleaned_data["note"],
                token=form.cleaned_data["token"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("Your hours have been saved. The organisation will approve them."),
        )
        if result:
            return redirect("volunteering:hours_log", pk=placement.pk)
    year = timezone.localdate().year
    context = {
        "placement": placement,
        "form": form,
        "entries": selectors.hours_of_placement(placement=placement),
        "year": year,
        "year_total": selectors.placement_year_total(placement=placement, year=year),
        "loggable": placement.status in services.LOGGABLE,
    }
    return render(request, "volunteering/hours/log.html", context)


# --- The organisation ------------------------------------------------------------------------


@member_required
def hours_inbox(request):
    """The hours awaiting approval in the member's organisations; approve several at once."""
    page, query = paginate(request, selectors.hours_inbox(user=request.user))
    entries = list(page.object_list)
    if request.method == "POST":
        form = HoursApproveManyForm(
            request.POST,
            entry_ids=list(selectors.hours_inbox(user=request.user).values_list("pk", flat=True)),
        )
        if form.is_valid():
            result = perform(
                request,
                lambda: services.hours_approve_many(
                    entry_ids=form.cleaned_data["entries"], actor=Actor.from_request(request)
                ),
            )
            if result:
                messages.success(request, _("Hours approved: %(count)s.") % {"count": result.value})
            return redirect("volunteering:hours_inbox")
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return render(
        request,
        "volunteering/hours/inbox.html",
        {"entries": entries, "page": page, "query": query},
    )


@member_required
def hours_review(request, pk):
    """Approve, correct or reject one entry."""
    entry = selectors.hours_for_member(user=request.user, pk=pk)
    form = HoursReviewForm(request.POST or None, initial={"expected": entry.status})
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.hours_review(
                entry=entry,
                to_status=form.cleaned_data["to_status"],
                expected=form.cleaned_data["expected"],
                note=form.cleaned_data["note"],
                corrected_hours=form.cleaned_data["corrected_hours"],
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            messages.success(
                request,
                _("The hours are now: %(status)s.")
                % {"status": result.value.get_status_display().lower()},
            )
            return redirect("volunteering:hours_inbox")
    return render(request, "volunteering/hours/review.html", {"entry": entry, "form": form})


@member_required
def hours_group(request, pk):
    """A vacancy's attendance list (a one-off task's) becomes hours in one step."""
    vacancy = vacancy_for_member(user=request.user, pk=pk)
    placements = selectors.group_placements(vacancy=vacancy)
    initial = {}
    if vacancy.starts_at:
        initial["date"] = min(timezone.localtime(vacancy.starts_at).date(), timezone.localdate())
    form = GroupHoursForm(
        request.POST or None,
        placements=placements,
        default_hours=selectors.task_hours(vacancy),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        chosen, hours = form.chosen()
        result = perform(
            request,
            lambda: services.hours_record_group(
                placements=chosen,
                hours=hours,
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                token=form.cleaned_data["token"],
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            messages.success(
                request,
                _("Hours recorded for %(count)s volunteers.") % {"count": len(result.value)},
            )
            return redirect("volunteering:vacancy_responses", pk=vacancy.pk)
    return render(
        request,
        "volunteering/hours/group.html",
        {"vacancy": vacancy, "form": form, "placements": placements},
    )


@member_required
def hours_organisation(request, pk):
    """An organisation's hours in a year: totals per volunteer, and the export."""
    organisation = member_organisation(request.user, pk)
    today = timezone.localdate()
    everything = selectors.organisation_hours_all(organisation_id=organisation.pk)
    years = selectors.years_with_hours(everything, today=today)
    year = _year(request, years)
    queryset = selectors.organisation_hours(organisation_id=organisation.pk, year=year)
    context = {
        "organisation": organisation,
        "year": year,
        "years": years,
        "volunteers": selectors.totals_per_volunteer(queryset),
        "total": selectors.total(queryset),
        "domains": selectors.totals_per_domain(queryset),
    }
    return render(request, "volunteering/hours/organisation.html", context)


@member_required
def hours_organisation_export(request, pk):
    organisation = member_organisation(request.user, pk)
    today = timezone.localdate()
    years = selectors.years_with_hours(
        selectors.organisation_hours_all(organisation_id=organisation.pk), today=today
    )
    year = _year(request, years)
    exported = selectors.organisation_hours_export(organisation=organisation, year=year)
    job = start_export(
        kind=ORGANISATION_EXPORT,
        rows=exported.rows,
        user=request.user,
        municipality=organisation.municipality,
        params={"organisation": organisation.pk, "year": year},
    )
    if job is not None:
        return redirect("common:export_job", pk=job.pk)
    _organisation_export_audit(request, organisation, year=year, rows=exported.rows)
    return file_response(exported)


def _organisation_export_audit(request, organisation, *, year: int, rows: int, extra=None):
    audit_by(
        AuditAction.EXPORT,
        organisation,
        Actor.from_request(request),
        reason="hours (xlsx)",
        extra={"year": year, "rows": rows, **(extra or {})},
    )


# An organisation's hours of a year in the background (common.exports): its member asked.
ORGANISATION_EXPORT = "volunteering_hours_organisation"


def _organisation_export_gate(request, job):
    """A member of the organisation still (the role, and the organisation: 404 if not)."""
    response = _role_gate(request, Role.ORGANISATION_MEMBER)
    member_organisation(request.user, job.params["organisation"])
    return response


def _organisation_export_audit_job(*, job, request):
    organisation = member_organisation(request.user, job.params["organisation"])
    _organisation_export_audit(
        request,
        organisation,
        year=job.params["year"],
        rows=job.rows_total,
        extra={"export_job": job.pk},
    )


def _role_gate(request, role):
    if not request.user.has_role(role):
        raise PermissionDenied
    return None


def _back_to_hours(url: str, job) -> tuple[str, str]:
    """Where an hours export's page leads back to: the hours of the year exported."""
    return f"{url}?{urlencode({'year': job.params['year']})}", _("Back to the hours")


ORGANISATION_EXPORTER = Exporter(
    build=selectors.build_organisation_hours_export,
    audit=_organisation_export_audit_job,
    gate=_organisation_export_gate,
    back=lambda job: _back_to_hours(
        reverse("volunteering:hours_organisation", args=[job.params["organisation"]]), job
    ),
)


# --- The broker ------------------------------------------------------------------------------


def _broker_scope(request):
    municipalities = request.user.municipalities(BROKER_ROLES)
    if not municipalities:
        raise PermissionDenied
    ids = [m.pk for m in municipalities]
    today = timezone.localdate()
    years = selectors.years_with_hours(
        selectors.broker_hours_all(municipality_ids=ids), today=today
    )
    year = _year(request, years)
    return municipalities, ids, years, year


@broker_required
def hours_broker(request):
    """The municipality's hours in a year per organisation and per domain."""
    municipalities, ids, years, year = _broker_scope(request)
    queryset = selectors.broker_hours(municipality_ids=ids, year=year)
    organisations = selectors.totals_per_organisation(queryset)
    audit_read(
        Actor.from_request(request),
        reason="hours per organisation",
        municipalities=municipalities,
        extra={"year": year},
    )
    context = {
        "year": year,
        "years": years,
        "total": selectors.total(queryset),
        "waiting": queryset.filter(status=volunteering_constants.HoursStatus.SUBMITTED).count(),
        "organisations": organisations,
        "domains": selectors.totals_per_domain(queryset),
    }
    return render(request, "volunteering/hours/broker.html", context)


@broker_required
def hours_broker_export(request):
    municipalities, ids, years, year = _broker_scope(request)
    title = f"{', '.join(m.name for m in municipalities)} – {year}"
    exported = selectors.broker_hours_export(municipality_ids=ids, year=year, title=title)
    job = start_export(
        kind=BROKER_EXPORT,
        rows=exported.rows,
        user=request.user,
        municipality=municipalities[0] if len(municipalities) == 1 else None,
        params={"municipalities": ids, "year": year, "title": title},
    )
    if job is not None:
        return redirect("common:export_job", pk=job.pk)
    _broker_export_audit(request, municipalities, year=year, rows=exported.rows)
    return file_response(exported)


def _broker_export_audit(request, municipalities, *, year: int, rows: int, extra=None):
    audit_read(
        Actor.from_request(request),
        reason="hours (xlsx)",
        municipalities=municipalities,
        extra={"year": year, "rows": rows, **(extra or {})},
    )


# The municipality's hours of a year in the background (common.exports): a broker asked.
BROKER_EXPORT = "volunteering_hours_broker"


def _broker_export_municipalities(request, job) -> list:
    """The job's municipalities, if the user is a broker in each of them still (else 404)."""
    mine = {m.pk: m for m in request.user.municipalities(BROKER_ROLES)}
    if not set(job.params["municipalities"]) <= set(mine):
        raise Http404
    return [mine[pk] for pk in job.params["municipalities"]]


def _broker_export_audit_job(*, job, request):
    _broker_export_audit(
        request,
        _broker_export_municipalities(request, job),
        year=job.params["year"],
        rows=job.rows_total,
        extra={"export_job": job.pk},
    )


BROKER_EXPORTER = Exporter(
    build=selectors.build_broker_hours_export,
    audit=_broker_export_audit_job,
    gate=staff_job_gate(BROKER_ROLES, _broker_export_municipalities),
    back=lambda job: _back_to_hours(reverse("volunteering:hours_broker"), job),
)
