"""The functional administrator's settings of the social map: how often entries are confirmed."""

from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.directory.forms.entries import SettingsForm
from omzien.directory.models import DirectorySettings
from omzien.directory.permissions import settings_admin_required
from omzien.directory.services import entries as services
from omzien.ui.actions import form_page, posted_version
from omzien.ui.municipality import working_municipality


@settings_admin_required
def settings_edit(request):
    municipalities = request.user.municipalities([Role.MUNICIPALITY_ADMIN])
    chosen = working_municipality(request, municipalities)
    current = DirectorySettings.objects.filter(municipality=chosen).first() or DirectorySettings(
        municipality=chosen
    )
    form = SettingsForm(request.POST or None, instance=current)
    return form_page(
        request,
        form,
        lambda data: services.settings_update(
            municipality=chosen,
            data={k: v for k, v in data.items() if k != "version"},
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The settings of the social map have been saved."),
        done=reverse("directory:settings") + f"?municipality={chosen.pk}",
        template="directory/settings/settings.html",
        context={"municipality": chosen, "municipality_choice": municipalities},
        conflict_to=reverse("directory:settings") + f"?municipality={chosen.pk}",
    )
