from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.phone import PhoneNumberField
from omzien.privacy.constants import REQUEST_WARNING_DAYS, AuditAction, RequestKind
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet


class AppendOnlyError(Exception):
    """Audit events are never changed or deleted through the application."""


class AuditEventQuerySet(TenantQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """Who did what to which record, when: append-only.

    ``object_type`` is ``app_label.model`` and ``object_id`` the primary key as text, so an
    event outlives the record it describes (e.g. after anonymisation).
    """

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("actor (as recorded)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    municipality = models.ForeignKey(
        "tenants.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    request_id = models.CharField(_("request id"), max_length=128, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    extra = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()
    tenant_field = "municipality"
    visible_roles = (Role.MUNICIPALITY_ADMIN,)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "-created_at"], name="privacy_aud_mun_time"),
            models.Index(fields=["object_type", "object_id"], name="privacy_aud_object"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class SubjectRequest(TenantScoped):
    """A request of a person in the registry: access, rectification or erasure (AVG art. 15,
    16, 17), recorded and answered by the municipality's privacy officer.

    ``matches`` holds the records the officer confirmed as the person's, as the providers'
    keys (``privacy.rights``) with what they were; ``erasure`` what an erasure erased and what
    stays under a legal hold, with why. Deleted two years after it was closed.
    """

    kind = models.CharField(_("kind of request"), max_length=16, choices=RequestKind.choices)
    name = models.CharField(_("name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    received_on = models.DateField(_("received on"))
    deadline_on = models.DateField(_("answer before"))
    matches = models.JSONField(_("records of the person"), default=list, blank=True)
    correction = models.TextField(_("what was corrected"), blank=True, max_length=4000)
    erasure = models.JSONField(_("erasure carried out"), default=dict, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, max_length=4000)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    visible_roles = (Role.PRIVACY_OFFICER,)

    class Meta:
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        ordering = ["closed_at", "deadline_on", "pk"]
        indexes = [
            models.Index(fields=["municipality", "closed_at", "deadline_on"], name="privacy_req"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def deadline_state(self, today) -> str:
        """'over' past the deadline, 'near' within the warning days, '' otherwise or closed."""
        if self.closed_at is not None:
            return ""
        if today > self.deadline_on:
            return "over"
        if (self.deadline_on - today).days <= REQUEST_WARNING_DAYS:
            return "near"
        return ""
