"""Demo accounts: one per role in Heerde and in Dalfsen, a policy advisor and a municipality
admin in Harderwijk and Raalte (whose programmes are in the policy monitor's demo, seeds 003 and
004), a consultant who works for both Heerde and Dalfsen (the municipality choice of the pages
that work in one), plus a platform administrator.

Every account has the same password; staff accounts have a TOTP device whose secret is
derived from the e-mail address, so the README can list it. These exist only in demo data.
"""

import base64
import hashlib

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.accounts.constants import STAFF_ROLES, Role
from omzien.accounts.models import Membership
from omzien.tenants.models import Municipality

DEMO_PASSWORD = "Omzien-demo-2026"  # noqa: S105 - published in the README, demo only
DEMO_DOMAIN = "omzien.test"

ROLE_PREFIX = {
    Role.RESIDENT: "inwoner",
    Role.ORGANISATION_MEMBER: "organisatie",
    Role.BROKER: "makelaar",
    Role.CONSULTANT: "consulent",
    Role.REFERRER: "verwijzer",
    Role.POLICY_ADVISOR: "beleid",
    Role.MUNICIPALITY_ADMIN: "beheer",
    Role.PRIVACY_OFFICER: "privacy",
    Role.APPRECIATION_OFFICER: "waardering",
    Role.WELFARE_WORKER: "welzijn",
}
ROLE_NAME = {
    Role.RESIDENT: "Inge Inwoner",
    Role.ORGANISATION_MEMBER: "Otto Organisatie",
    Role.BROKER: "Mila Makelaar",
    Role.CONSULTANT: "Cor Consulent",
    Role.REFERRER: "Vera Verwijzer",
    Role.POLICY_ADVISOR: "Bas Beleid",
    Role.MUNICIPALITY_ADMIN: "Bea Beheer",
    Role.PRIVACY_OFFICER: "Pim Privacy",
    Role.APPRECIATION_OFFICER: "Wim Waardering",
    Role.WELFARE_WORKER: "Wendy Welzijn",
}
DEMO_MUNICIPALITIES = ("heerde", "dalfsen")
# Municipalities in the demo for their policy programmes only: the monitor's staff.
POLICY_ONLY_MUNICIPALITIES = ("harderwijk", "raalte")
POLICY_ROLES = (Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN)
PLATFORM_ADMIN = f"platform@{DEMO_DOMAIN}"
# A consultant without a second factor yet: shows the enrolment on first login.
NEW_STAFF = f"nieuw.consulent.heerde@{DEMO_DOMAIN}"
# A consultant of a welfare organisation that works for two municipalities.
REGIONAL_STAFF = f"consulent.regio@{DEMO_DOMAIN}"


def totp_key(email: str) -> str:
    """The hex key of the demo TOTP device (20 bytes, as django-otp stores it)."""
    return hashlib.sha256(f"omzien-demo-totp:{email}".encode()).hexdigest()[:40]


def totp_secret_base32(email: str) -> str:
    """The same key as an authenticator app or ``oathtool --totp -b`` wants it."""
    return base64.b32encode(bytes.fromhex(totp_key(email))).decode()


def demo_accounts() -> list[dict]:
    """Every demo account: e-mail, name, role, municipality slugs and whether it has TOTP."""
    rows = []
    roles = [(slug, role) for slug in DEMO_MUNICIPALITIES for role in Role]
    roles += [(slug, role) for slug in POLICY_ONLY_MUNICIPALITIES for role in POLICY_ROLES]
    for slug, role in roles:
        rows.append(
            {
                "email": f"{ROLE_PREFIX[role]}.{slug}@{DEMO_DOMAIN}",
                "name": f"{ROLE_NAME[role]} ({slug.capitalize()})",
                "role": role,
                "municipalities": (slug,),
                "totp": role in STAFF_ROLES,
            }
        )
    rows.append(
        {
            "email": NEW_STAFF,
            "name": "Nina Nieuw",
            "role": Role.CONSULTANT,
            "municipalities": ("heerde",),
            "totp": False,
        }
    )
    rows.append(
        {
            "email": REGIONAL_STAFF,
            "name": "Rik Regio",
            "role": Role.CONSULTANT,
            "municipalities": DEMO_MUNICIPALITIES,
            "totp": True,
        }
    )
    rows.append(
        {
            "email": PLATFORM_ADMIN,
            "name": "Platformbeheer",
            "role": None,
            "municipalities": (),
            "totp": True,
        }
    )
    return rows


def load() -> dict[str, int]:
    User = get_user_model()
    slugs = (*DEMO_MUNICIPALITIES, *POLICY_ONLY_MUNICIPALITIES)
    municipalities = {m.slug: m for m in Municipality.objects.filter(slug__in=slugs)}
    created = 0
    for row in demo_accounts():
        user = User.objects.filter(email=row["email"]).first()
        if user is None:
            user = User.objects.create_user(
                email=row["email"],
                password=DEMO_PASSWORD,
                full_name=row["name"],
                is_staff=row["role"] is None,
                is_superuser=row["role"] is None,
            )
            created += 1
        for slug in row["municipalities"]:
            Membership.objects.get_or_create(
                user=user, municipality=municipalities[slug], role=row["role"]
            )
        if row["totp"]:
            TOTPDevice.objects.get_or_create(
                user=user,
                name="default",
                defaults={"key": totp_key(row["email"]), "confirmed": True},
            )
    return {"users_created": created}
