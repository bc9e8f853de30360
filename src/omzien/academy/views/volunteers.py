"""A volunteer's pages: the academy's dates, signing up, and their certificates."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.academy.permissions import volunteer_required
from omzien.academy.selectors import courses as selectors
from omzien.academy.services.enrolments import enrol_volunteer
from omzien.common.pdf import PdfUnavailable
from omzien.common.services import Actor
from omzien.ui.actions import perform
from omzien.volunteering.models import VolunteerProfile


@volunteer_required
def mine(request):
    municipality_ids = set(
        VolunteerProfile.objects.filter(user=request.user).values_list("municipality", flat=True)
    )
    enrolments = selectors.enrolments_of_volunteer(user=request.user)
    enrolled = {e.signup.occurrence_id for e in enrolments if e.signup.status != "cancelled"}
    return render(
        request,
        "academy/mine.html",
        {
            "has_profile": bool(municipality_ids),
            "dates": selectors.upcoming_dates(municipality_ids=municipality_ids),
            "enrolled": enrolled,
            "enrolments": enrolments,
        },
    )


@require_POST
@volunteer_required
def enrol(request):
    try:
        occurrence = int(request.POST.get("occurrence", ""))
    except ValueError:
        messages.error(request, _("Choose a date."))
        return redirect("academy:mine")
    perform(
        request,
        lambda: enrol_volunteer(
            occurrence_id=occurrence, actor=Actor.from_request(request), request=request
        ),
        success=_("You have been signed up; you get a confirmation by e-mail."),
    )
    return redirect("academy:mine")


@volunteer_required
def certificate(request, pk):
    enrolment = selectors.certificate_get(user=request.user, pk=pk)
    try:
        pdf = selectors.certificate_pdf(enrolment=enrolment)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("academy:mine")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificaat-{enrolment.pk}.pdf"'
    return response
