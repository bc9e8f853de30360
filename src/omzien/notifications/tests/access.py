"""How the authorization walk (ui/tests/test_authorization.py) requests the notification URLs."""

from omzien.notifications.tests.factories import NotificationFactory
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    side.notification = NotificationFactory(recipient=side.resident, municipality=side.municipality)


PAGES = {
    "notifications:list": Page(),
    "notifications:bell": Page(),
    "notifications:read": action(),
    "notifications:settings": action(data=lambda side: {"email": "daily"}),
}
