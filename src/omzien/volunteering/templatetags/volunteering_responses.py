from django import template

from omzien.accounts.constants import Role

register = template.Library()


@register.filter
def brokers_for(user, vacancy) -> bool:
    """Whether the user is a volunteer broker of the vacancy's municipality."""
    return bool(user.is_authenticated and user.has_role_in(vacancy.municipality, Role.BROKER))
