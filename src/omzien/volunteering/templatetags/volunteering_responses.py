from django import template

from omzien.volunteering.permissions import is_broker_for

register = template.Library()


@register.filter
def brokers_for(user, vacancy) -> bool:
    """Whether the user is a volunteer broker of the vacancy's municipality."""
    return bool(user.is_authenticated and is_broker_for(user, vacancy.municipality))
