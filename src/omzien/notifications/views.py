from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.permissions import authenticated
from omzien.notifications import selectors, services
from omzien.notifications.forms import EmailChoiceForm
from omzien.notifications.models import Notification
from omzien.ui.actions import perform
from omzien.ui.pagination import paginate


@authenticated
def notification_list(request):
    unread_only = request.GET.get("show") != "all"
    page, query = paginate(
        request, selectors.notifications_of(request.user, unread_only=unread_only)
    )
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "query": query,
            "unread_only": unread_only,
            "form": EmailChoiceForm(initial={"email": selectors.email_choice(request.user)}),
        },
    )


@authenticated
def notification_bell(request):
    """The bell with the unread count, fetched by htmx after the page has loaded: the pages
    themselves run no query for it (without JavaScript the bell is a plain link)."""
    response = render(
        request,
        "notifications/bell.html",
        {"unread_notifications": selectors.unread_count(request.user), "counted": True},
    )
    response["Cache-Control"] = "no-store"
    return response


@authenticated
@require_POST
def notification_read(request):
    """Open one notification (marked read, then to its page), or mark them all read."""
    if "all" in request.POST:
        services.mark_read(user=request.user)
        return redirect("notifications:list")
    try:
        pk = int(request.POST.get("id", ""))
    except ValueError:
        return redirect("notifications:list")
    notification = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if notification is None:
        raise Http404
    services.mark_read(user=request.user, ids=[notification.pk])
    if notification.url.startswith("/") and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@authenticated
@require_POST
def notification_settings(request):
    form = EmailChoiceForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.email_choice_update(
                user=request.user, email=form.cleaned_data["email"]
            ),
            success=_("Your choice has been saved."),
        )
    return redirect("notifications:list")
