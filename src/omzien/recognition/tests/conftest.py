import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.recognition.tests.factories import CriterionFactory, JuryMemberFactory, RoundFactory
from omzien.testing.login import login_verified


@pytest.fixture
def broker(make_member, heerde):
    return make_member(Role.BROKER, heerde, totp=True, full_name="Mila Makelaar")


@pytest.fixture
def broker_client(client, broker):
    return login_verified(client, broker)


@pytest.fixture
def actor(broker):
    return Actor(user=broker)


@pytest.fixture
def round_(heerde):
    return RoundFactory(municipality=heerde)


@pytest.fixture
def criteria(round_):
    return [
        CriterionFactory(round=round_, name="Inzet", weight=2),
        CriterionFactory(round=round_, name="Betekenis voor anderen", weight=1),
    ]


@pytest.fixture
def chair(make_member, heerde, round_):
    user = make_member(Role.POLICY_ADVISOR, heerde, totp=True, full_name="Bea Beleid")
    return JuryMemberFactory(round=round_, user=user, is_chair=True)


@pytest.fixture
def juror(make_member, heerde, round_):
    user = make_member(Role.WELFARE_WORKER, heerde, totp=True, full_name="Wim Welzijn")
    return JuryMemberFactory(round=round_, user=user)


NOMINATION = {
    "nominee_kind": "person",
    "nominee_name": "Gerda Jansen",
    "organisation_name": "Voedselbank Heerde",
    "motivation": "Staat al twintig jaar elke zaterdag klaar om pakketten uit te delen.",
    "nominator_name": "Piet de Vries",
    "nominator_email": "piet@example.org",
    "nominator_phone": "0578 123 456",
}
