"""Needs surveys: a short questionnaire a municipality's staff send to a group (young carers,
adult carers, young volunteers, organisations) through an anonymous link, and its responses.

Responses are anonymous by design: a response stores the day it came in and the answers,
never an account, an address, an IP address or the invitation it came through. An invitation
by e-mail is only the SHA-256 hash of its token, with no recipient."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.surveys import constants
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet

# The staff who run surveys: policy advisors, welfare workers, carer consultants (the
# coordinator of carer support) and volunteer brokers (young volunteers).
RUNNERS = (Role.POLICY_ADVISOR, Role.WELFARE_WORKER, Role.CONSULTANT, Role.BROKER)


class Survey(TenantScoped):
    title = models.CharField(_("title"), max_length=150)
    introduction = models.TextField(
        _("introduction"),
        max_length=2000,
        blank=True,
        help_text=_("What the survey is for, how long it takes and that answers are anonymous."),
    )
    target_group = models.CharField(
        _("target group"), max_length=20, choices=constants.TargetGroup.choices
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=constants.Status.choices,
        default=constants.Status.DRAFT,
    )
    # The built-in template it was made from (presets.PRESETS), empty for one built from scratch.
    preset = models.CharField(max_length=30, blank=True, editable=False)
    # The open link's key: the survey's public address, the same for everyone.
    public_key = models.CharField(max_length=32, unique=True, editable=False)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # When the free-text answers were erased by the retention rule.
    texts_erased_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    visible_roles = RUNNERS

    class Meta:
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"], name="surveys_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.status == constants.Status.DRAFT


class SurveyTransition(TransitionLog):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=8, choices=constants.Status.choices, blank=True)
    to_status = models.CharField(max_length=8, choices=constants.Status.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "survey__municipality"
    visible_roles = RUNNERS

    class Meta(TransitionLog.Meta):
        verbose_name = _("survey status change")
        verbose_name_plural = _("survey status changes")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(_("kind of question"), max_length=8, choices=constants.QuestionKind)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)
    # Single and multiple choice: the choices in order.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # Scale: 1 to scale_max, with a label at either end.
    scale_max = models.PositiveSmallIntegerField(
        _("scale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(10)],
    )
    low_label = models.CharField(_("label at 1"), max_length=60, blank=True)
    high_label = models.CharField(_("label at the top of the scale"), max_length=60, blank=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()
    tenant_field = "survey__municipality"
    visible_roles = RUNNERS

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One anonymous response: the day it came in and nothing about who sent it."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    received_on = models.DateField(_("received on"))
    # The one-time key of the form it was sent with: a double-clicked or retried submission
    # carries the same key and is stored once. A random value, linked to nobody.
    form_key = models.CharField(max_length=64, editable=False)

    objects = TenantQuerySet.as_manager()
    tenant_field = "survey__municipality"
    visible_roles = RUNNERS

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "form_key"], name="surveys_response_once")
        ]
        indexes = [models.Index(fields=["survey", "received_on"], name="surveys_response_day")]

    def __str__(self) -> str:
        return str(self.received_on)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Positions (from 0) of the chosen choices: one for single choice, any for multiple.
    chosen = models.JSONField(default=list, blank=True)
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=constants.TEXT_MAX)

    objects = TenantQuerySet.as_manager()
    tenant_field = "response__survey__municipality"
    visible_roles = RUNNERS

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["response", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="surveys_answer_per_question"
            )
        ]
        indexes = [
            models.Index(fields=["question"], condition=~Q(text=""), name="surveys_answer_texts")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class Invitation(models.Model):
    """A one-time invitation sent by e-mail: only the SHA-256 hash of its token, no recipient,
    so a response cannot be traced to the person it was sent to. It answers once."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    objects = TenantQuerySet.as_manager()
    tenant_field = "survey__municipality"
    visible_roles = RUNNERS

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["survey", "pk"]

    def __str__(self) -> str:
        return self.token_hash[:8]


class InvitedAddress(models.Model):
    """That an address was invited to a survey, so no address is invited twice: a keyed hash
    (HMAC with the site's secret and the survey) of the normalised address, nothing else. It
    is not linked to the invitation or to a response, and without the secret it says nothing
    about who was invited."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invited")
    address_hash = models.CharField(max_length=64)

    objects = TenantQuerySet.as_manager()
    tenant_field = "survey__municipality"
    visible_roles = RUNNERS

    class Meta:
        verbose_name = _("invited address")
        verbose_name_plural = _("invited addresses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "address_hash"], name="survey_invited_once")
        ]

    def __str__(self) -> str:
        return self.address_hash[:8]
