"""The broker's pages of the training requests and the training budget."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.academy import constants
from omzien.academy.forms import BookingForm, BudgetForm
from omzien.academy.models import Course
from omzien.academy.permissions import broker_municipality, broker_required
from omzien.academy.selectors import budget as selectors
from omzien.academy.selectors.requests import request_groups
from omzien.academy.services import budget as services
from omzien.academy.views.courses import _year
from omzien.academy.workflows import BOOKING
from omzien.common.services import Actor
from omzien.ui.actions import form_page, perform


def _budget_url(year: int, municipality) -> str:
    return reverse("academy:budget") + f"?jaar={year}&municipality={municipality.pk}"


@broker_required
def requests(request):
    municipality, choice = broker_municipality(request)
    return render(
        request,
        "academy/requests.html",
        {
            "groups": request_groups(user=request.user, municipality_id=municipality.pk),
            "municipality": municipality,
            "municipality_choice": choice,
        },
    )


@broker_required
def budget(request):
    municipality, choice = broker_municipality(request)
    year = _year(request)
    current = selectors.budget_get(user=request.user, municipality_id=municipality.pk, year=year)
    bookings = selectors.booking_list(budget=current) if current else []
    for booking in bookings:
        booking.steps = BOOKING.allowed(booking, request.user)
    return render(
        request,
        "academy/budget.html",
        {
            "municipality": municipality,
            "municipality_choice": choice,
            "year": year,
            "budget": current,
            "totals": selectors.budget_totals(current) if current else None,
            "bookings": bookings,
            "years": selectors.budget_years(
                user=request.user, municipality_id=municipality.pk, shown=year
            ),
        },
    )


@broker_required
def budget_set(request):
    municipality, _choice = broker_municipality(request)
    year = _year(request)
    current = selectors.budget_get(user=request.user, municipality_id=municipality.pk, year=year)
    shown = {"amount": current.amount, "version": current.version} if current else {}
    return form_page(
        request,
        BudgetForm(request.POST or None, initial=shown),
        lambda data: services.budget_set(
            municipality=municipality,
            year=year,
            amount=data["amount"],
            version=data["version"],
            actor=Actor.from_request(request),
        ),
        success=_("The training budget has been set."),
        done=_budget_url(year, municipality),
        conflict_to=request.get_full_path(),
        template="academy/budget_form.html",
        context={"year": year, "municipality": municipality},
    )


@broker_required
def booking_new(request):
    municipality, _choice = broker_municipality(request)
    year = _year(request)
    current = selectors.budget_get(user=request.user, municipality_id=municipality.pk, year=year)
    if current is None:
        return redirect(
            reverse("academy:budget_set") + f"?jaar={year}&municipality={municipality.pk}"
        )
    topic = request.GET.get("onderwerp", "") or request.POST.get("topic", "")
    if topic not in constants.Topic.values:
        topic = ""
    form = BookingForm(
        request.POST or None,
        initial={"topic": topic},
        courses=Course.objects.visible_to(request.user)
        .filter(municipality=municipality)
        .select_related("activity")
        .order_by("-activity__starts_at"),
    )
    return form_page(
        request,
        form,
        lambda data: services.booking_create(
            budget=current,
            data=data,
            topic=data.get("topic") or "",
            actor=Actor.from_request(request),
        ),
        success=_("The training has been booked."),
        done=_budget_url(year, municipality),
        template="academy/booking_form.html",
        context={
            "year": year,
            "municipality": municipality,
            "topic_label": dict(constants.Topic.choices).get(topic, ""),
            "totals": selectors.budget_totals(current),
        },
    )


@require_POST
@broker_required
def booking_status(request, pk):
    booking = selectors.booking_get(user=request.user, pk=pk)
    perform(
        request,
        lambda: services.booking_transition(
            booking=booking,
            target=request.POST.get("target", ""),
            seen=request.POST.get("seen", ""),
            actor=Actor.from_request(request),
        ),
        success=_("The booking has been changed."),
    )
    return redirect(_budget_url(booking.budget.year, booking.budget.municipality))
