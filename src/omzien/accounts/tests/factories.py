import hashlib
from datetime import timedelta

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership, StaffInvitation, User
from omzien.tenants.tests.factories import MunicipalityFactory

PASSWORD = "Een-goed-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    # Predictable names: a random one could collide with text a test says must not appear.
    full_name = factory.Sequence(lambda n: f"Test Gebruiker{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.RESIDENT


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "default"
    confirmed = True


class StaffInvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation; ``token`` is the link's token (only its hash is stored)."""

    class Meta:
        model = StaffInvitation
        exclude = ["token"]

    municipality = factory.SubFactory(MunicipalityFactory)
    email = factory.Sequence(lambda n: f"uitgenodigd{n}@example.org")
    role = Role.BROKER
    token = factory.Sequence(lambda n: f"invitation-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
