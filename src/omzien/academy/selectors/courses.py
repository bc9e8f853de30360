"""Academy courses and their dates, enrolments and certificates."""

import datetime

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone

from omzien.academy.models import Course, Enrolment
from omzien.activities.constants import HOLDS_PLACE
from omzien.activities.models import Occurrence
from omzien.common.dates import add_months
from omzien.common.pdf import html_to_pdf


def course_list(*, user, year: int) -> list[Course]:
    """The courses of the user's municipalities starting in ``year``, with the number of
    dates and enrolments (one query)."""
    return list(
        Course.objects.visible_to(user)
        .filter(activity__starts_at__year=year)
        .select_related("activity", "municipality")
        .annotate(
            dates=Count("activity__occurrences", distinct=True),
            enrolled=Count("enrolments", distinct=True),
            attended=Count(
                "enrolments", filter=Q(enrolments__attended_at__isnull=False), distinct=True
            ),
        )
        .order_by("activity__starts_at", "pk")
    )


def course_get(*, user, pk: int) -> Course:
    return get_object_or_404(
        Course.objects.visible_to(user).select_related("activity__locality", "municipality"),
        pk=pk,
    )


def course_dates(*, course: Course) -> list[Occurrence]:
    """The course's dates, each with its enrolments (``academy_enrolments``) and sign-ups
    (three queries)."""
    enrolments = Enrolment.objects.filter(course=course).select_related(
        "signup", "organisation", "profile", "qualification"
    )
    occurrences = list(
        Occurrence.objects.filter(activity=course.activity_id).order_by("starts_at", "pk")
    )
    by_occurrence: dict[int, list] = {}
    for enrolment in enrolments.order_by("signup__name", "pk"):
        by_occurrence.setdefault(enrolment.signup.occurrence_id, []).append(enrolment)
    now = timezone.now()
    months = course.qualification_valid_months
    for occurrence in occurrences:
        occurrence.academy_enrolments = by_occurrence.get(occurrence.pk, [])
        occurrence.begun = occurrence.starts_at <= now
        expires_on = (
            add_months(timezone.localtime(occurrence.starts_at).date(), months) if months else None
        )
        for enrolment in occurrence.academy_enrolments:
            enrolment.default_expires_on = expires_on
    return occurrences


def upcoming_dates(*, municipality_ids, days: int = 366) -> list[Occurrence]:
    """The academy's dates to come in the municipalities, with their course (two queries)."""
    now = timezone.now()
    return list(
        Occurrence.objects.filter(
            activity__academy_course__municipality__in=list(municipality_ids),
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=days),
            cancelled_at__isnull=True,
        )
        .select_related("activity__academy_course", "activity__locality")
        .annotate(taken=Count("signups", filter=Q(signups__status__in=HOLDS_PLACE)))
        .order_by("starts_at", "pk")[:100]
    )


def enrolments_of_volunteer(*, user) -> list[Enrolment]:
    """The user's own enrolments (as a volunteer), newest date first (one query)."""
    return list(
        Enrolment.objects.owned_by(user)
        .select_related("course__activity", "signup__occurrence", "qualification")
        .order_by("-signup__occurrence__starts_at", "-pk")[:100]
    )


def enrolments_of_organisation(*, organisation) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(organisation=organisation)
        .select_related("course__activity", "signup__occurrence")
        .order_by("-signup__occurrence__starts_at", "signup__name", "pk")[:200]
    )


def certificate_get(*, user, pk: int) -> Enrolment:
    """A certificate of the user's own: an enrolment they attended; 404 for any other."""
    return get_object_or_404(
        Enrolment.objects.owned_by(user)
        .filter(attended_at__isnull=False)
        .select_related("course__activity", "course__municipality", "signup__occurrence"),
        pk=pk,
    )


def certificate_pdf(*, enrolment: Enrolment) -> bytes:
    """The certificate as a PDF (WeasyPrint; ``common.pdf.PdfUnavailable`` without it)."""
    return html_to_pdf(render_to_string("academy/certificate_pdf.html", {"item": enrolment}))


def enrolment_get(*, user, pk: int) -> Enrolment:
    return get_object_or_404(Enrolment.objects.visible_to(user), pk=pk)
