import pytest

from omzien.accounts.constants import Role
from omzien.common import indicators
from omzien.common.services import Actor
from omzien.monitor.models import ExternalValue
from omzien.testing.login import login_verified

CODE = "testapp.values"


@pytest.fixture
def advisor(make_member, heerde):
    return make_member(Role.POLICY_ADVISOR, heerde, totp=True)


@pytest.fixture
def actor(advisor):
    return Actor(user=advisor)


@pytest.fixture
def advisor_client(client, advisor):
    return login_verified(client, advisor)


@pytest.fixture
def test_indicator():
    """A new indicator registered the way a capability does (no monitor change needed): the
    number of external values entered in the municipality up to the end of the period, one
    query however many there are."""

    def source(*, municipality, period):
        count = ExternalValue.objects.filter(
            indicator__municipality=municipality, measured_on__lte=period.end
        ).count()
        return {CODE: indicators.Result(value=count)}

    ind = indicators.Indicator(CODE, "Testwaarden", people=False, measure=indicators.STOCK)
    indicators.register(ind, source=source)
    yield ind
    indicators.unregister(CODE)
