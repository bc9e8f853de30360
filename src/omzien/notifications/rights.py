"""The notifications' provider for access and erasure requests (``privacy.rights``). A person
is found as an account by e-mail address; the notifications of this municipality are theirs to
see, and are deleted on erasure (they are reminders, nothing the municipality must keep)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from omzien.notifications.models import Notification, NotificationSettings
from omzien.privacy.rights import (
    Erasure,
    KindsProvider,
    Match,
    Record,
    account_kind,
    records_of,
)

NAME = "notifications"
User = get_user_model()


def _notifications(match: Match):
    return Notification.objects.filter(recipient=match.obj, municipality=match.municipality)


def _records(match: Match) -> list[Record]:
    return records_of(_notifications(match).order_by("pk")) + records_of(
        NotificationSettings.objects.filter(user=match.obj)
    )


def _erase(match: Match, actor) -> Erasure:
    deleted, _per_model = _notifications(match).delete()
    return Erasure(erased=[f"{match.kind}: {deleted}"] if deleted else [])


class NotificationsProvider(KindsProvider):
    name = NAME
    label = _("Notifications")
    models = (Notification, NotificationSettings)
    kinds = (
        account_kind(
            label=_("Notifications"),
            rows=lambda municipality: User.objects.filter(
                notifications__municipality=municipality
            ).distinct(),
            export=_records,
            erase=_erase,
        ),
    )
