"""The organiser's pages, in two families with the same views: an organisation's members
(``activities:org_*``, under /activities/organisation/<org>/) and the municipality's brokers and
consultants (``activities:staff_*``, under /activities/). Each view is written once and
declared twice, with its audience (``permissions``)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.activities.constants import SignUpStatus
from omzien.activities.forms.activities import ActivityForm, CancelOccurrenceForm
from omzien.activities.models import ORGANISER_ROLES
from omzien.activities.permissions import (
    member_organisation,
    member_required,
    organiser_staff_required,
)
from omzien.activities.selectors import activities as selectors
from omzien.activities.selectors.exports import signups_xlsx
from omzien.activities.services import activities as services
from omzien.activities.services import occurrences as occurrence_services
from omzien.activities.services import signups as signup_services
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.ui.actions import form_page, perform, posted_version
from omzien.ui.municipality import working_municipality


class Links:
    """The addresses of one family of pages."""

    def __init__(self, organiser: selectors.Organiser):
        self.organiser = organiser
        self.prefix = "activities:staff_" if organiser.is_staff else "activities:org_"
        self.base = [] if organiser.is_staff else [organiser.organisation.pk]

    def url(self, name: str, *args) -> str:
        return reverse(self.prefix + name, args=[*self.base, *args])

    def list(self) -> str:
        return self.url("list")

    def create(self) -> str:
        return self.url("create")

    def detail(self, activity) -> str:
        return self.url("detail", activity.pk)

    def edit(self, activity) -> str:
        return self.url("edit", activity.pk)

    def date(self, occurrence, name: str = "date") -> str:
        return self.url(name, occurrence.activity_id, occurrence.pk)


def _organiser(request, org) -> selectors.Organiser:
    if org is None:
        return selectors.Organiser(user=request.user)
    return selectors.Organiser(
        user=request.user, organisation=member_organisation(request.user, org)
    )


def _municipality(request, organiser):
    """The municipality of a new activity, and the choice: an organisation's own, or for staff
    the one ``?municipality=`` names among theirs."""
    if organiser.organisation is not None:
        return organiser.organisation.municipality, []
    municipalities = request.user.municipalities(ORGANISER_ROLES)
    return working_municipality(request, municipalities), municipalities


def _page(request, template, organiser, **context):
    links = Links(organiser)
    return render(
        request,
        template,
        {"organiser": organiser, "links": links, "list_url": links.list(), **context},
    )


def activity_list(request, org=None):
    organiser = _organiser(request, org)
    links = Links(organiser)
    activities = list(selectors.activity_list(organiser=organiser))
    for activity in activities:
        activity.manage_url = links.detail(activity)
    return _page(
        request,
        "activities/activities/list.html",
        organiser,
        activities=activities,
        create_url=links.create(),
    )


def activity_create(request, org=None):
    organiser = _organiser(request, org)
    municipality, choice = _municipality(request, organiser)
    form = ActivityForm(request.POST or None, municipality=municipality)
    links = Links(organiser)
    return form_page(
        request,
        form,
        lambda data: services.activity_create(
            municipality=municipality,
            organisation=organiser.organisation,
            data=form.service_data(),
            actor=Actor.from_request(request),
        ),
        success=_("The activity has been saved and is in the calendar."),
        done=links.detail,
        template="activities/activities/form.html",
        context={
            "links": links,
            "list_url": links.list(),
            "activity": None,
            "municipality": municipality,
            "municipality_choice": choice,
        },
    )


def activity_detail(request, pk, org=None):
    organiser = _organiser(request, org)
    activity = selectors.activity_get(organiser=organiser, pk=pk)
    links = Links(organiser)
    dates = selectors.activity_dates(activity)
    for occurrence in dates:
        occurrence.manage_url = links.date(occurrence)
    return _page(
        request,
        "activities/activities/detail.html",
        organiser,
        activity=activity,
        dates=dates,
        edit_url=links.edit(activity),
    )


def activity_edit(request, pk, org=None):
    organiser = _organiser(request, org)
    activity = selectors.activity_get(organiser=organiser, pk=pk)
    links = Links(organiser)
    form = ActivityForm(request.POST or None, instance=activity, municipality=activity.municipality)

    def save(data):
        report = services.activity_update(
            activity_id=activity.pk,
            version=posted_version(request),
            data=form.service_data(),
            actor=Actor.from_request(request),
        )
        if report["cancelled"]:
            messages.warning(
                request,
                _(
                    "%(n)s date(s) with sign-ups no longer fit the new dates: they have been "
                    "cancelled and those who signed up have been told."
                )
                % {"n": report["cancelled"]},
            )
        return activity

    return form_page(
        request,
        form,
        save,
        success=_("The changes have been saved."),
        done=links.detail(activity),
        template="activities/activities/form.html",
        context={"links": links, "list_url": links.list(), "activity": activity},
        conflict_to=links.edit(activity),
    )


def _date(request, org, pk, occurrence_pk):
    organiser = _organiser(request, org)
    activity = selectors.activity_get(organiser=organiser, pk=pk)
    occurrence = selectors.occurrence_get(organiser=organiser, activity=activity, pk=occurrence_pk)
    return organiser, occurrence


def occurrence_detail(request, pk, occurrence, org=None):
    """One date's sign-ups; a POST marks one person attended or absent."""
    organiser, occurrence = _date(request, org, pk, occurrence)
    links = Links(organiser)
    if request.method == "POST":
        try:
            signup_pk = int(request.POST.get("signup", ""))
        except ValueError:
            signup_pk = None
        signups = selectors.signup_list(
            organiser=organiser, occurrence=occurrence, actor=Actor.from_request(request)
        )
        if signup_pk in {s.pk for s in signups}:
            perform(
                request,
                lambda: signup_services.signup_mark(
                    signup_id=signup_pk,
                    status=request.POST.get("status", ""),
                    actor=Actor.from_request(request),
                ),
                success=_("Attendance saved."),
            )
        return redirect(links.date(occurrence))
    signups = selectors.signup_list(
        organiser=organiser, occurrence=occurrence, actor=Actor.from_request(request)
    )
    return _page(
        request,
        "activities/signups/list.html",
        organiser,
        occurrence=occurrence,
        activity=occurrence.activity,
        groups=selectors.order_for_list(signups),
        activity_url=links.detail(occurrence.activity),
        export_url=links.date(occurrence, "export"),
        phones_url=links.date(occurrence, "phones"),
        cancel_url=links.date(occurrence, "cancel"),
        started=occurrence.starts_at <= timezone.now(),
    )


def occurrence_export(request, pk, occurrence, org=None):
    organiser, occurrence = _date(request, org, pk, occurrence)
    actor = Actor.from_request(request)
    signups = [
        s
        for s in selectors.signup_list(organiser=organiser, occurrence=occurrence, actor=actor)
        if s.status != SignUpStatus.CANCELLED
    ]
    audit_by(
        AuditAction.EXPORT,
        occurrence.activity,
        actor,
        reason="activity sign-ups (xlsx)",
        extra={"occurrence": occurrence.pk, "rows": len(signups)},
    )
    response = HttpResponse(
        signups_xlsx(occurrence, signups),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{occurrence.pk}.xlsx"'
    return response


def occurrence_phones(request, pk, occurrence, org=None):
    """A printable list of those with a place and no e-mail address, to phone."""
    organiser, occurrence = _date(request, org, pk, occurrence)
    signups = [
        s
        for s in selectors.signup_list(
            organiser=organiser, occurrence=occurrence, actor=Actor.from_request(request)
        )
        if s.status in (SignUpStatus.CONFIRMED, SignUpStatus.WAITING) and not s.email
    ]
    return _page(
        request,
        "activities/signups/phones.html",
        organiser,
        occurrence=occurrence,
        activity=occurrence.activity,
        signups=signups,
        back_url=Links(organiser).date(occurrence),
    )


def occurrence_cancel(request, pk, occurrence, org=None):
    organiser, occurrence = _date(request, org, pk, occurrence)
    links = Links(organiser)
    form = CancelOccurrenceForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: occurrence_services.occurrence_cancel(
            occurrence_id=occurrence.pk,
            message=data["message"],
            actor=Actor.from_request(request),
        ),
        success=_("The date has been cancelled; those who signed up have been told."),
        done=links.date(occurrence),
        template="activities/signups/cancel_date.html",
        context={
            "occurrence": occurrence,
            "activity": occurrence.activity,
            "back_url": links.date(occurrence),
        },
    )


VIEWS = {
    "list": activity_list,
    "create": activity_create,
    "detail": activity_detail,
    "edit": activity_edit,
    "date": occurrence_detail,
    "export": occurrence_export,
    "phones": occurrence_phones,
    "cancel": occurrence_cancel,
}


def _declared(view, gate):
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return gate(wrapper)


staff_views = {name: _declared(view, organiser_staff_required) for name, view in VIEWS.items()}
member_views = {name: _declared(view, member_required) for name, view in VIEWS.items()}
