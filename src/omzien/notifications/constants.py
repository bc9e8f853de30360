from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailChoice(models.TextChoices):
    EACH = "each", _("An e-mail for each notification")
    DAILY = "daily", _("One e-mail a day with what is new")
    NONE = "none", _("No e-mail: I look in Omzien")


# Read notifications are deleted this many days after they were read, all others this many
# days after they were made (docs/privacy.md, Retention).
KEEP_READ_DAYS = 90
KEEP_DAYS = 365
