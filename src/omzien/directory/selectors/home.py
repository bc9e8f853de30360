"""The social map's block on the public home page (ui.homepage): a search box and the link to
the respite-care overview of the visitor's municipality. One query at most."""

from django.utils.translation import gettext_lazy as _

from omzien.directory import constants
from omzien.tenants.models import Municipality
from omzien.ui.homepage import Block


def home_block(request) -> Block:
    municipalities = list(
        Municipality.objects.filter(is_active=True).order_by("name").values("name", "slug")
    )
    return Block(
        template="directory/public/_home_block.html",
        context={
            "municipalities": municipalities,
            "categories": constants.Category.choices,
            "title": _("Find help and support"),
        },
        order=20,
    )
