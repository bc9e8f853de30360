"""The pages of an organisation's members: the academy's dates, signing their people up, and
asking for training."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.academy.forms import OrganisationEnrolForm, TrainingRequestForm
from omzien.academy.permissions import member_organisation, member_required
from omzien.academy.selectors import courses as selectors
from omzien.academy.selectors.requests import requests_of
from omzien.academy.services import enrolments as services
from omzien.academy.services.requests import request_create
from omzien.common.services import Actor
from omzien.ui.actions import form_page
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation


def _done(organisation):
    return reverse("academy:organisation", args=[organisation.pk])


@member_required
def organisation_mine(request):
    organisations = list(
        Organisation.objects.owned_by(request.user)
        .filter(status=OrganisationStatus.APPROVED)
        .order_by("name")
    )
    if len(organisations) == 1:
        return redirect(_done(organisations[0]))
    return render(request, "academy/organisation_mine.html", {"organisations": organisations})


@member_required
def organisation(request, pk):
    organisation = member_organisation(request.user, pk)
    return render(
        request,
        "academy/organisation.html",
        {
            "organisation": organisation,
            "dates": selectors.upcoming_dates(municipality_ids=[organisation.municipality_id]),
            "enrolments": selectors.enrolments_of_organisation(organisation=organisation),
            "requests": requests_of(organisation=organisation),
        },
    )


@member_required
def organisation_enrol(request, pk, occurrence):
    organisation = member_organisation(request.user, pk)
    date = next(
        (
            o
            for o in selectors.upcoming_dates(municipality_ids=[organisation.municipality_id])
            if o.pk == occurrence
        ),
        None,
    )
    if date is None:
        raise Http404
    return form_page(
        request,
        OrganisationEnrolForm(request.POST or None),
        lambda data: services.enrol_for_organisation(
            occurrence_id=date.pk,
            organisation=organisation,
            people=data["people"],
            actor=Actor.from_request(request),
            request=request,
        ),
        success=_("They have been signed up; each gets a confirmation by e-mail."),
        done=_done(organisation),
        template="academy/organisation_enrol.html",
        context={"organisation": organisation, "date": date},
    )


@member_required
def organisation_request(request, pk):
    organisation = member_organisation(request.user, pk)
    return form_page(
        request,
        TrainingRequestForm(request.POST or None),
        lambda data: request_create(
            organisation=organisation, data=data, actor=Actor.from_request(request)
        ),
        success=_("Your request has been sent to the volunteer centre."),
        done=_done(organisation),
        template="academy/request_form.html",
        context={"organisation": organisation},
    )
