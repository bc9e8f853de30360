"""How the authorization walk (ui/tests/test_authorization.py) requests the appreciation URLs."""

import datetime

from django.utils import timezone

from omzien.appreciation import constants as c
from omzien.appreciation.tests.factories import (
    AgeBandFactory,
    ApplicationFactory,
    RoundFactory,
    ShopFactory,
)
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    side.appreciation_round = RoundFactory(municipality=side.municipality)
    AgeBandFactory(round=side.appreciation_round)
    side.shop = ShopFactory(municipality=side.municipality)
    # The side's resident applied from their own account; the walk's staff decide on it.
    side.appreciation_application = ApplicationFactory(
        round=side.appreciation_round,
        applicant=side.resident,
        status=c.ApplicationStatus.REFUSED,
        refusal_reason=c.Check.HOURS,
        objection_until=timezone.localdate() + datetime.timedelta(days=30),
    )


def _round(side) -> dict:
    return {"pk": side.appreciation_round.pk}


def _application(side) -> dict:
    return {"pk": side.appreciation_application.pk}


PAGES = {
    # The administrator and the appreciation staff (consultants, appreciation officers).
    "appreciation:round_list": Page(),
    "appreciation:round_detail": Page(_round),
    # The administrator.
    "appreciation:round_create": Page(),
    "appreciation:round_edit": Page(_round),
    "appreciation:round_copy": Page(_round),  # GET: the confirmation; POST copies
    "appreciation:shop_list": Page(),
    "appreciation:shop_create": Page(),  # the secret link only in the answer to the POST
    "appreciation:shop_deactivate": Page(lambda s: {"pk": s.shop.pk}),
    # The appreciation staff: the queue, one application and what they do with it.
    "appreciation:application_list": Page(_round),
    "appreciation:application_for_carer": Page(_round),  # GET: the carer search
    "appreciation:application_paper": Page(_round),
    "appreciation:application_detail": Page(_application),
    "appreciation:application_decide": Page(_application),
    "appreciation:application_sample_checked": action(_application),
    "appreciation:application_correct": Page(_application),
    "appreciation:application_objection": Page(_application),
    # The public: the open rounds, the form, the code, the thank-you page.
    "appreciation_public:rounds": Page(),
    "appreciation_public:apply": Page(_round),
    "appreciation_public:code": Page(_round),
    # Without a code typed in this session: back to the code page.
    "appreciation_public:apply_invitation": Page(_round, success=302),
    "appreciation_public:done": Page(),
    # The resident's own applications.
    "appreciation_public:mine": Page(),
    "appreciation_public:objection": Page(_application),
}
