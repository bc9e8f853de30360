"""Reading the participating shops of a municipality."""

from omzien.appreciation.models import Shop
from omzien.appreciation.permissions import ADMIN_ROLES
from omzien.tenants.query import get_visible_or_404


def shop_list(*, user):
    """The shops of the municipalities the user administers, active ones first."""
    shops = Shop.objects.visible_to(user).select_related("municipality")
    shops = shops.filter(municipality_id__in=user.municipality_ids_for(ADMIN_ROLES))
    return shops.order_by("-active", "name", "pk")


def shop_for_admin(*, user, pk: int) -> Shop:
    """One shop of a municipality the user administers (404 otherwise)."""
    return get_visible_or_404(shop_list(user=user), user, pk=pk)
