"""The notifications' provider for access and erasure requests (``privacy.rights``). A person
is found as an account by e-mail address; the notifications of this municipality are theirs to
see, and are deleted on erasure (they are reminders, nothing the municipality must keep)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from omzien.notifications.models import Notification, NotificationSettings
from omzien.privacy.rights import Erasure, Match, PersonQuery, Record, parse_key, records_of

NAME = "notifications"
User = get_user_model()


class NotificationsProvider:
    label = _("Notifications")
    models = (Notification, NotificationSettings)

    def _match(self, user, reasons) -> Match:
        return Match(
            provider=NAME,
            key=f"user:{user.pk}",
            kind=str(_("Notifications")),
            name=user.full_name,
            matched_on=reasons,
            obj=user,
        )

    def _users(self, municipality):
        return User.objects.filter(notifications__municipality=municipality).distinct()

    def find(self, municipality, query: PersonQuery) -> list[Match]:
        email = query.email.strip()
        if not email:
            return []
        users = self._users(municipality).filter(email__iexact=email).order_by("pk")
        return [self._match(user, ["email"]) for user in users]

    def get(self, municipality, key: str) -> Match | None:
        kind, pk = parse_key(key)
        if kind != "user" or pk is None:
            return None
        user = self._users(municipality).filter(pk=pk).first()
        return self._match(user, []) if user else None

    def _notifications(self, match: Match):
        return Notification.objects.filter(recipient=match.obj, municipality=match.municipality)

    def export(self, match: Match) -> list[Record]:
        return records_of(self._notifications(match).order_by("pk")) + records_of(
            NotificationSettings.objects.filter(user=match.obj)
        )

    def erase(self, match: Match, actor) -> Erasure:
        deleted, _per_model = self._notifications(match).delete()
        return Erasure(erased=[f"{match.kind}: {deleted}"] if deleted else [])
