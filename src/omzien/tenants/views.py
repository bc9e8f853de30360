"""The municipality's texts and look, edited by its functional administrator, and its logo."""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from omzien.accounts.constants import Role
from omzien.accounts.permissions import public, staff_required
from omzien.accounts.selectors import admin_municipality_or_404
from omzien.common.services import Actor
from omzien.tenants import services
from omzien.tenants.forms import MunicipalityTextsForm
from omzien.tenants.models import Municipality
from omzien.ui.actions import perform, posted_version


@staff_required(Role.MUNICIPALITY_ADMIN)
def settings_edit(request, municipality_id):
    municipality = admin_municipality_or_404(request.user, municipality_id)
    municipality = Municipality.objects.get(pk=municipality.pk)  # the current version
    form = MunicipalityTextsForm(request.POST or None, request.FILES or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.TEXT_FIELDS}
        result = perform(
            request,
            lambda: services.municipality_update_texts(
                municipality=municipality,
                version=posted_version(request),
                data=data,
                logo=form.cleaned_data.get("logo_upload"),
                remove_logo=form.cleaned_data.get("remove_logo", False),
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The texts of the municipality have been saved."),
        )
        if result or result.conflict:
            return redirect("tenants:settings", municipality_id=municipality.pk)
    return render(request, "tenants/settings.html", {"form": form, "municipality": municipality})


@public
@cache_control(public=True, max_age=3600)
def logo(request, slug):
    """The municipality's logo, streamed from storage (there is no media serving). Only PNG
    and JPEG are ever stored (validated on upload), sent with their own content type and
    ``nosniff`` so a browser never reads them as anything else."""
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    if not municipality.logo or not default_storage.exists(municipality.logo.name):
        raise Http404
    content_type = mimetypes.guess_type(municipality.logo.name)[0]
    if content_type not in ("image/png", "image/jpeg"):
        raise Http404
    response = FileResponse(default_storage.open(municipality.logo.name), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
