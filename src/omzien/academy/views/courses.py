"""The broker's pages of the academy: the courses of a year, planning one, a course's dates
with attendance, and turning a certificate into a qualification."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.academy.forms import AttendanceForm, CourseForm, QualificationForm
from omzien.academy.permissions import broker_municipality, broker_required
from omzien.academy.selectors import courses as selectors
from omzien.academy.services import courses as services
from omzien.academy.services import enrolments as enrolment_services
from omzien.common.services import Actor
from omzien.ui.actions import form_page, perform


def _year(request) -> int:
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@broker_required
def course_list(request):
    year = _year(request)
    return render(
        request,
        "academy/courses.html",
        {
            "courses": selectors.course_list(user=request.user, year=year),
            "year": year,
            "previous": year - 1,
            "next": year + 1,
        },
    )


@broker_required
def course_new(request):
    municipality, choice = broker_municipality(request)
    return form_page(
        request,
        CourseForm(request.POST or None),
        lambda data: services.course_create(
            municipality=municipality, data=data, actor=Actor.from_request(request)
        ),
        success=_("The course has been planned in the activity calendar."),
        done=lambda course: reverse("academy:course", args=[course.pk]),
        template="academy/course_form.html",
        context={"municipality": municipality, "municipality_choice": choice},
    )


@broker_required
def course_detail(request, pk):
    course = selectors.course_get(user=request.user, pk=pk)
    return render(
        request,
        "academy/course.html",
        {
            "course": course,
            "dates": selectors.course_dates(course=course),
            "attendance_form": AttendanceForm(),
            "qualification_form": QualificationForm(),
        },
    )


@require_POST
@broker_required
def attendance(request, pk):
    enrolment = selectors.enrolment_get(user=request.user, pk=pk)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: enrolment_services.attendance_record(
                enrolment_id=enrolment.pk,
                attended=form.cleaned_data["attended"],
                actor=Actor.from_request(request),
            ),
            success=_("The attendance of %(name)s has been recorded.")
            % {"name": enrolment.signup.name},
        )
    else:
        messages.error(request, _("Choose attended or absent."))
    return redirect(reverse("academy:course", args=[enrolment.course_id]) + f"#e{enrolment.pk}")


@require_POST
@broker_required
def qualify(request, pk):
    enrolment = selectors.enrolment_get(user=request.user, pk=pk)
    form = QualificationForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: enrolment_services.enrolment_qualify(
                enrolment_id=enrolment.pk,
                expires_on=form.cleaned_data.get("expires_on"),
                actor=Actor.from_request(request),
            ),
            success=_("The certificate of %(name)s is now a qualification.")
            % {"name": enrolment.signup.name},
        )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("academy:course", args=[enrolment.course_id]) + f"#e{enrolment.pk}")
