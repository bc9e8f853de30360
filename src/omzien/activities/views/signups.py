"""Signing up (public, rate limited), the thank-you page, cancelling by the link from the
mail, and a resident's own sign-ups ("Mijn aanmeldingen")."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.permissions import public
from omzien.activities import constants
from omzien.activities.forms.signups import SignUpForm
from omzien.activities.models import SignUp
from omzien.activities.permissions import participant_required
from omzien.activities.selectors import calendar as selectors
from omzien.activities.services import signups as services
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.common.services import Actor
from omzien.tenants.query import get_owned_or_404
from omzien.ui.actions import perform

RATE_LIMIT_SCOPE = "activity_signup"
SIGNED_UP_KEY = "activities_signed_up"


@public
def occurrence_detail(request, pk):
    """One date: what, when, where, places left, and the sign-up form."""
    occurrence = selectors.occurrence_public_get(pk=pk)
    activity = occurrence.activity
    open_for_signup = (
        activity.signup_required
        and not occurrence.is_cancelled
        and occurrence.starts_at > timezone.now()
    )
    form = SignUpForm(request.POST or None, user=request.user)
    template = "activities/calendar/occurrence.html"
    context = {
        "occurrence": occurrence,
        "activity": activity,
        "form": form,
        "open_for_signup": open_for_signup,
        "places_left": None
        if activity.capacity is None
        else max(0, activity.capacity - occurrence.taken),
    }
    if request.method == "POST" and open_for_signup and form.is_valid():
        data = form.service_data()
        address = data.get("email") or data.get("phone") or ""
        wait = rate_limit_form(request, form, scope=RATE_LIMIT_SCOPE, address=address)
        if wait is not None:
            return too_many_requests(render(request, template, context), wait)
        result = perform(
            request,
            lambda: services.signup_create(
                occurrence_id=occurrence.pk,
                actor=Actor.from_request(request),
                request=request,
                **data,
            ),
            form=form,
        )
        if result:
            signup = result.value.signup
            request.session[SIGNED_UP_KEY] = signup.pk
            return redirect("activities_public:signed_up")
    return render(request, template, context)


@public
def signed_up(request):
    pk = request.session.get(SIGNED_UP_KEY)
    signup = (
        SignUp.objects.filter(pk=pk).select_related("occurrence__activity__locality").first()
        if pk
        else None
    )
    if signup is None:
        return redirect("activities_public:calendar")
    return render(request, "activities/signups/signed_up.html", {"signup": signup})


@public
def cancel(request, token):
    """The cancel link from the mail: a confirmation page (GET), the cancellation (POST)."""
    signup = services.signup_get_by_token(token)
    if signup is None:
        raise Http404
    if request.method == "POST":
        try:
            result = perform(
                request,
                lambda: services.signup_cancel_by_token(
                    token=token, actor=Actor.from_request(request)
                ),
            )
        except SignUp.DoesNotExist:  # anonymised since the page was opened
            raise Http404 from None
        if result:
            return render(request, "activities/signups/cancelled.html", {"signup": result.value})
    return render(request, "activities/signups/cancel.html", {"signup": signup})


@participant_required
def mine(request):
    signups = list(
        SignUp.objects.owned_by(request.user)
        .filter(occurrence__starts_at__gte=timezone.now())
        .exclude(status=constants.SignUpStatus.CANCELLED)
        .select_related("occurrence__activity__locality")
        .order_by("occurrence__starts_at", "pk")
    )
    return render(request, "activities/signups/mine.html", {"signups": signups})


@participant_required
def mine_cancel(request, pk):
    signup = get_owned_or_404(SignUp, request.user, pk=pk)
    if request.method == "POST":
        result = perform(
            request,
            lambda: services.signup_cancel(signup_id=signup.pk, actor=Actor.from_request(request)),
            success=_("You have cancelled your sign-up."),
        )
        if result:
            return redirect("activities_public:mine")
    messages.info(request, _("Use the cancel button next to the sign-up."))
    return redirect("activities_public:mine")
