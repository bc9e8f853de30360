"""The policy advisor sees every capability's aggregate figures, never a record (issue 16).

The authorization walk (test_authorization.py) checks every page against its view's audience;
this test states the policy advisor's part of it in one place: each capability's figures page
opens, and the pages that list or show records answer 403 (the audience is checked before any
record is looked up, so a record that does not exist answers the same).
"""

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.testing.login import login_verified

# One a capability: where the policy advisor finds its figures.
FIGURE_PAGES = (
    "activities:figures",
    "appreciation:figures",
    "buddies:figures",
    "caregivers:figures",
    "directory:figures",
    "newsletters:figures",
    "volunteering:figures",
)

# Pages of records (lists and single records) of each capability.
RECORD_PAGES = (
    ("activities:staff_list", {}),
    ("activities:staff_date", {"pk": 1, "occurrence": 1}),
    ("appreciation:application_list", {"pk": 1}),
    ("appreciation:application_detail", {"pk": 1}),
    ("buddies:programme_list", {}),
    ("buddies:pair_detail", {"pk": 1}),
    ("caregivers:registry", {}),
    ("caregivers:detail", {"pk": 1}),
    ("caregivers:incoming_list", {}),
    ("directory:entry_list", {}),
    ("directory:entry_detail", {"pk": 1}),
    ("newsletters:newsletter_list", {}),
    ("newsletters:paper_addresses", {"pk": 1, "file_format": "csv"}),
    ("volunteering:volunteer_list", {}),
    ("volunteering:volunteer_detail", {"pk": 1}),
    ("volunteering:work_queue", {}),
)


@pytest.fixture
def advisor_client(client, make_member, heerde):
    return login_verified(client, make_member(Role.POLICY_ADVISOR, heerde, totp=True))


@pytest.mark.parametrize("name", FIGURE_PAGES)
def test_the_policy_advisor_sees_each_capabilitys_figures(advisor_client, name):
    assert advisor_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name,kwargs", RECORD_PAGES, ids=[name for name, _k in RECORD_PAGES])
def test_the_policy_advisor_sees_no_record(advisor_client, name, kwargs):
    assert advisor_client.get(reverse(name, kwargs=kwargs)).status_code in (403, 404)
