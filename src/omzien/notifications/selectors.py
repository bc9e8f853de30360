from omzien.notifications.constants import EmailChoice
from omzien.notifications.models import Notification, NotificationSettings


def notifications_of(user, *, unread_only: bool = False):
    """The user's notifications, newest first."""
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.unread()
    return notifications.order_by("-created_at", "-pk")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_choice(user) -> str:
    choice = NotificationSettings.objects.filter(user=user).values_list("email", flat=True).first()
    return choice or EmailChoice.EACH
