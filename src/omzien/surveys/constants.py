from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    YOUNG_CARERS = "young_carers", _("Young carers")
    ADULT_CARERS = "adult_carers", _("Adult carers")
    YOUNG_VOLUNTEERS = "young_volunteers", _("Young volunteers")
    ORGANISATIONS = "organisations", _("Organisations")
    OTHER = "other", _("Other")


# Who a survey's target group invites from the registers (selectors.group_addresses): the
# segment of people who agreed to be mailed by the municipality, and the ages (from, under) of
# seed 001 §3.3–3.4: young carers 8 to 18, carers from 18, young volunteers 18 to 30.
GROUP_AGES = {
    TargetGroup.YOUNG_CARERS: (8, 18),
    TargetGroup.ADULT_CARERS: (18, None),
    TargetGroup.YOUNG_VOLUNTEERS: (18, 30),
    TargetGroup.ORGANISATIONS: None,
}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale")
    TEXT = "text", _("Free text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
# The scales a question may have: 1 to 5 or 1 to 10.
SCALE_SIZES = (5, 10)
# A question offers 2 to this many choices, each at most CHOICE_MAX characters long.
MAX_CHOICES = 12
CHOICE_MAX = 150
# A free-text answer is at most this long.
TEXT_MAX = 2000
# A survey has at most this many questions ("a short survey").
MAX_QUESTIONS = 40


def text_retention_months() -> int:
    """Months after closing after which the free-text answers are erased (they may name
    someone). Setting ``OMZIEN_SURVEY_TEXT_RETENTION_MONTHS``, default 12."""
    value = int(getattr(settings, "OMZIEN_SURVEY_TEXT_RETENTION_MONTHS", 12))
    if value < 1:
        raise ValueError("OMZIEN_SURVEY_TEXT_RETENTION_MONTHS must be at least 1")
    return value
