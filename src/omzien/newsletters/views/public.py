"""The public pages (Dutch paths under /nieuwsbrief/): the archive of a municipality's sent
newsletters with the subscribe form, the web version of each, the confirmation of a
subscription, and the unsubscribe page (also the RFC 8058 one-click POST of mail programs)."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from omzien.accounts.permissions import public
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.common.services import Actor
from omzien.newsletters.forms.subscribers import SubscribeForm
from omzien.newsletters.selectors import newsletters as selectors
from omzien.newsletters.selectors.rendering import newsletter_parts, public_image_url
from omzien.newsletters.services import subscribers as services
from omzien.newsletters.views.newsletters import image_response
from omzien.ui.pagination import paginate


def _archive(request, municipality, form, status=200):
    page, query = paginate(request, selectors.archive_list(municipality=municipality))
    response = render(
        request,
        "newsletters/public/archive.html",
        {"municipality": municipality, "page": page, "query": query, "form": form},
    )
    response.status_code = status
    return response


@public
def archive(request, municipality):
    municipality = selectors.municipality_by_slug(municipality)
    return _archive(request, municipality, SubscribeForm())


@public
def subscribe(request, municipality):
    municipality = selectors.municipality_by_slug(municipality)
    if request.method != "POST":
        return redirect("newsletters_public:archive", municipality=municipality.slug)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _archive(request, municipality, form)
    email = form.cleaned_data["email"]
    wait = rate_limit_form(request, form, scope="newsletter_subscribe", address=email)
    if wait is not None:
        return too_many_requests(_archive(request, municipality, form), wait)
    services.subscriber_subscribe(
        municipality=municipality, email=email, actor=Actor.from_request(request)
    )
    return render(request, "newsletters/public/subscribed.html", {"municipality": municipality})


@public
def issue(request, municipality, pk):
    municipality = selectors.municipality_by_slug(municipality)
    newsletter = selectors.archive_get(municipality=municipality, pk=pk)
    return render(
        request,
        "newsletters/public/issue.html",
        {
            "newsletter": newsletter,
            "municipality": municipality,
            "parts": newsletter_parts(newsletter=newsletter, image_url=public_image_url),
        },
    )


@public
def image(request, pk):
    return image_response(selectors.public_section_get(pk=pk))


@public
def confirm(request, token):
    """GET: one button (link checkers open links, so a GET subscribes nobody). POST: the
    subscription is confirmed."""
    try:
        subscriber = services.subscriber_for_token(token)
    except services.InvalidLink:
        return render(request, "newsletters/public/invalid_link.html", status=404)
    if request.method == "POST":
        services.subscriber_confirm(token=token, actor=Actor.from_request(request))
        return render(
            request, "newsletters/public/confirmed.html", {"municipality": subscriber.municipality}
        )
    return render(
        request, "newsletters/public/confirm.html", {"municipality": subscriber.municipality}
    )


@public
@csrf_exempt  # RFC 8058: mail programs POST without a form; the signed link is the proof.
def unsubscribe(request, token):
    """GET: one button (link checkers and virus scanners open links, so a GET changes
    nothing). POST: unsubscribed, from the button or from the mail program (RFC 8058)."""
    try:
        delivery = services.delivery_for_token(token)
    except services.InvalidLink:
        return render(request, "newsletters/public/invalid_link.html", status=404)
    municipality = delivery.newsletter.municipality
    if request.method == "POST":
        services.newsletter_unsubscribe(token=token, actor=Actor.from_request(request))
        return render(
            request, "newsletters/public/unsubscribed.html", {"municipality": municipality}
        )
    return render(
        request,
        "newsletters/public/unsubscribe.html",
        {
            "municipality": municipality,
            "action": reverse("newsletters_public:unsubscribe", args=[token]),
        },
    )
