"""The public calendar (Dutch paths, no account): this week or this month grouped by day, with
filters; one activity and one date with the sign-up form; the iCal files and feeds."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from omzien.accounts.permissions import public
from omzien.activities import constants
from omzien.activities.forms.calendar import CalendarFilterForm
from omzien.activities.ical import calendar_for
from omzien.activities.selectors import calendar as selectors
from omzien.common.links import absolute_url
from omzien.directory.constants import TargetGroup
from omzien.tenants.models import Municipality
from omzien.volunteering.selectors.organisations import organisation_public_get


@public
def calendar(request):
    form = CalendarFilterForm(request.GET or None)
    chosen = form.chosen()
    window = selectors.window(chosen["period"], chosen["day"])
    occurrences = selectors.occurrence_list(
        start=window.start,
        end=window.end,
        municipality=chosen["municipality"],
        locality=chosen["locality"],
        target_group=chosen["target_group"],
    )
    params = {k: v for k, v in request.GET.items() if k != "datum"}

    def link(day: datetime.date) -> str:
        return "?" + urlencode({**params, "datum": day.isoformat()})

    feed = None
    if chosen["municipality"] is not None:
        feed = reverse("activities_public:feed_municipality", args=[chosen["municipality"].slug])
    return render(
        request,
        "activities/calendar/calendar.html",
        {
            "form": form,
            "window": window,
            "period": chosen["period"],
            "days": selectors.by_day(occurrences),
            "truncated": len(occurrences) >= constants.CALENDAR_LIMIT,
            "previous": link(window.first_day - datetime.timedelta(days=1)),
            "next": link(window.last_day + datetime.timedelta(days=1)),
            "feed": feed,
            "target_group_feeds": chosen["municipality"] is not None,
            "target_groups": TargetGroup.choices,
        },
    )


@public
def activity_detail(request, pk):
    activity = selectors.activity_public_get(pk=pk)
    return render(
        request,
        "activities/calendar/activity.html",
        {"activity": activity, "dates": selectors.coming_dates(activity)},
    )


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _link(request):
    return lambda occurrence: absolute_url(
        request, reverse("activities_public:occurrence", args=[occurrence.pk])
    )


@public
def activity_ics(request, pk):
    """ "Add to my calendar": the activity's coming dates as one .ics file."""
    activity = selectors.activity_public_get(pk=pk)
    occurrences = selectors.feed_occurrences(activity=activity, days_back=0)
    return _ics(
        calendar_for(occurrences, name=activity.title, link=_link(request)),
        f"activiteit-{activity.pk}.ics",
    )


@public
def feed_municipality(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    occurrences = selectors.feed_occurrences(municipality=municipality)
    name = _("Activities in %(name)s") % {"name": municipality.name}
    return _ics(calendar_for(occurrences, name=name, link=_link(request)), f"{slug}.ics")


@public
def feed_organisation(request, pk):
    organisation = organisation_public_get(pk=pk)
    occurrences = selectors.feed_occurrences(organisation_id=organisation.pk)
    name = _("Activities of %(name)s") % {"name": organisation.name}
    return _ics(calendar_for(occurrences, name=name, link=_link(request)), f"organisatie-{pk}.ics")


@public
def feed_target_group(request, slug, group):
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    if group not in TargetGroup.values:
        raise Http404
    occurrences = selectors.feed_occurrences(municipality=municipality, target_group=group)
    name = _("Activities in %(name)s for %(group)s") % {
        "name": municipality.name,
        "group": TargetGroup(group).label.lower(),
    }
    return _ics(calendar_for(occurrences, name=name, link=_link(request)), f"{slug}-{group}.ics")
