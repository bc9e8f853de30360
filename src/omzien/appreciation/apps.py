from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppreciationConfig(AppConfig):
    name = "omzien.appreciation"
    verbose_name = _("Carer appreciation")
