from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaregiversConfig(AppConfig):
    name = "omzien.caregivers"
    verbose_name = _("Informal carers")
