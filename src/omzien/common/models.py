"""Abstract bases that capabilities share; this app has no tables of its own."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransitionLog(models.Model):
    """Base of the append-only logs of a workflow's status changes (who, when, why).

    A concrete log adds the foreign key to its record and ``from_status`` / ``to_status`` with
    the record's choices; ``common.workflow.Workflow.record`` writes its rows.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"
