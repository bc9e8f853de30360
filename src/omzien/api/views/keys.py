"""The functional administrator's partner keys (docs/api.md, "Partner keys"): the list per
municipality, issuing (the key is shown once, on the answer to the form) and revoking."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_required
from omzien.accounts.selectors import admin_municipalities, admin_municipality_or_404
from omzien.api.forms import ApiKeyForm
from omzien.api.selectors import api_key_get, api_keys_of
from omzien.api.services.keys import api_key_issue, api_key_revoke
from omzien.common.services import Actor
from omzien.ui.actions import perform
from omzien.ui.municipality import working_municipality

admin_required = staff_required(Role.MUNICIPALITY_ADMIN)


def _list_url(municipality) -> str:
    return f"{reverse('api_keys:list')}?municipality={municipality.pk}"


@admin_required
def key_list(request):
    municipalities = admin_municipalities(request.user)
    chosen = working_municipality(request, municipalities)
    keys = api_keys_of(user=request.user, municipality=chosen) if chosen else []
    return render(
        request,
        "api/keys/list.html",
        {"municipality": chosen, "municipality_choice": municipalities, "keys": keys},
    )


@admin_required
def key_issue(request, municipality_id):
    municipality = admin_municipality_or_404(request.user, municipality_id)
    form = ApiKeyForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: api_key_issue(
                municipality=municipality, actor=Actor.from_request(request), **form.cleaned_data
            ),
            form=form,
        )
        if result:
            key, raw = result.value
            # Shown on this answer only: never stored, never in a redirect or the session.
            response = render(
                request,
                "api/keys/issued.html",
                {"key": key, "raw": raw, "back": _list_url(municipality)},
            )
            add_never_cache_headers(response)
            return response
    return render(request, "api/keys/issue.html", {"form": form, "municipality": municipality})


@require_POST
@admin_required
def key_revoke(request, pk):
    key = api_key_get(user=request.user, pk=pk)
    if perform(request, lambda: api_key_revoke(key=key, actor=Actor.from_request(request))):
        messages.success(request, _("The key has been revoked: it no longer works."))
    return redirect(_list_url(key.municipality))
