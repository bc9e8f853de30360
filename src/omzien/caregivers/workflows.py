"""The status workflows of the carer registry, on the shared workflow abstraction.

Each table says which status may follow which and who may take the step; the services take
every step through ``check`` and ``record`` (see ``omzien.common.workflow``), so nothing else
changes a carer's status, a referral's outcome or an incoming referral's status.
"""

from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.caregivers.constants import CaregiverStatus, IncomingStatus, ReferralOutcome
from omzien.caregivers.models import (
    Caregiver,
    CaregiverTransition,
    IncomingReferral,
    IncomingReferralTransition,
    Referral,
    ReferralTransition,
)
from omzien.caregivers.permissions import CONSULTANT_ROLES
from omzien.common.workflow import SYSTEM, Step, Workflow

# The parties.
CONSULTANT = "consultant"  # a carer consultant of the record's municipality
CARER = "carer"  # the carer, through the account their registration is linked to
# The municipality's privacy officer, carrying out an erasure request (AVG art. 17).
PRIVACY_OFFICER = "privacy_officer"

__all__ = [
    "CARER",
    "CONSULTANT",
    "PRIVACY_OFFICER",
    "SYSTEM",
    "CAREGIVER",
    "REFERRAL_OUTCOME",
    "INCOMING",
]


def _consultant_in(municipality_id: int, user) -> bool:
    """A consultant of the municipality, or a platform superuser."""
    return user.has_role_in(municipality_id, *CONSULTANT_ROLES)


# --- Carers ----------------------------------------------------------------------------------


def _consultant_of_caregiver(caregiver: Caregiver, user) -> bool:
    return _consultant_in(caregiver.municipality_id, user)


def _carer_themself(caregiver: Caregiver, user) -> bool:
    return caregiver.user_id is not None and caregiver.user_id == user.pk


def _privacy_officer_of_caregiver(caregiver: Caregiver, user) -> bool:
    return user.has_role_in(caregiver.municipality_id, Role.PRIVACY_OFFICER)


# Removal on request (consultant), withdrawn consent (the carer) and, after the after-care
# period, the nightly retention job all end in anonymisation; it is final.
CAREGIVER = Workflow(
    model=Caregiver,
    log=CaregiverTransition,
    parties={
        CONSULTANT: _consultant_of_caregiver,
        CARER: _carer_themself,
        PRIVACY_OFFICER: _privacy_officer_of_caregiver,
    },
    steps=[
        Step(CaregiverStatus.ACTIVE, CaregiverStatus.AFTERCARE, CONSULTANT),
        Step(CaregiverStatus.AFTERCARE, CaregiverStatus.ACTIVE, CONSULTANT),
        Step(
            CaregiverStatus.ACTIVE,
            CaregiverStatus.ANONYMISED,
            (CONSULTANT, CARER, PRIVACY_OFFICER),
        ),
        Step(
            CaregiverStatus.AFTERCARE,
            CaregiverStatus.ANONYMISED,
            (CONSULTANT, CARER, PRIVACY_OFFICER, SYSTEM),
        ),
    ],
    refused=_("A carer with status “%(from)s” cannot become “%(to)s”."),
)


# --- Referrals by the consultant -------------------------------------------------------------


def _consultant_of_referral(referral: Referral, user) -> bool:
    return _consultant_in(referral.caregiver.municipality_id, user)


# Started, declined and not possible are final.
REFERRAL_OUTCOME = Workflow(
    model=Referral,
    field="outcome",
    log=ReferralTransition,
    parties={CONSULTANT: _consultant_of_referral},
    steps=[
        Step(ReferralOutcome.PENDING, ReferralOutcome.STARTED, CONSULTANT),
        Step(ReferralOutcome.PENDING, ReferralOutcome.DECLINED, CONSULTANT),
        Step(ReferralOutcome.PENDING, ReferralOutcome.WAITING_LIST, CONSULTANT),
        Step(ReferralOutcome.PENDING, ReferralOutcome.NOT_POSSIBLE, CONSULTANT),
        Step(ReferralOutcome.WAITING_LIST, ReferralOutcome.STARTED, CONSULTANT),
        Step(ReferralOutcome.WAITING_LIST, ReferralOutcome.DECLINED, CONSULTANT),
        Step(ReferralOutcome.WAITING_LIST, ReferralOutcome.NOT_POSSIBLE, CONSULTANT),
    ],
    refused=_("A referral with outcome “%(from)s” cannot change to “%(to)s”."),
)


# --- Referrals received from outside ---------------------------------------------------------


def _consultant_of_incoming(incoming: IncomingReferral, user) -> bool:
    return _consultant_in(incoming.municipality_id, user)


# A consultant takes a new referral on or declines it, once; the referrer is told either way.
_handled = _("This referral has already been handled by another consultant. Nothing was saved.")

INCOMING = Workflow(
    model=IncomingReferral,
    log=IncomingReferralTransition,
    log_parent="incoming",
    parties={CONSULTANT: _consultant_of_incoming},
    steps=[
        Step(IncomingStatus.NEW, IncomingStatus.ACCEPTED, CONSULTANT),
        Step(IncomingStatus.NEW, IncomingStatus.DECLINED, CONSULTANT, note_required=True),
    ],
    refused=_handled,
    stale=_handled,
    note_required=_("Say why the referral is not taken on."),
)
