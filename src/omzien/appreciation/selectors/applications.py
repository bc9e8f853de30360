"""Reads of applications for staff. Applications are special personal data: a page of the queue
is audited with the rows it showed (``audit_read``), one application with ``audit_by``."""

import re

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q

from omzien.accounts.constants import ContactChannel
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.keys import compact, plain
from omzien.appreciation.models import Application, Letter, Payment, Round
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.tenants.query import get_owned_or_404, get_visible_or_404

PER_PAGE = 25
# Applicants not in the registry who consented to be added, waiting for a consultant.
OFFERED = {
    "registration_offered": True,
    "caregiver__isnull": True,
    "personal_data_removed_at__isnull": True,
}
# Submitted applications in the round's random sample whose documents are still to be checked.
TO_CHECK = {
    "status": ApplicationStatus.SUBMITTED,
    "sampled": True,
    "sample_checked_at__isnull": True,
}
POSTCODE = re.compile(r"^[1-9][0-9]{3}\s*[A-Za-z]{0,2}$")


# What staff still have to do with decided applications. The start page counts these rows and
# the services that do the work take the same ones, so a count never promises work the button
# does not find.


def to_pay() -> Q:
    """Granted bank transfers with an amount that are in no payment that has not failed: what
    the next payment batch pays."""
    in_payment = Payment.objects.filter(application=OuterRef("pk")).exclude(
        status=constants.PaymentStatus.FAILED
    )
    return Q(
        status=ApplicationStatus.GRANTED,
        form=constants.AppreciationForm.BANK_TRANSFER,
        amount__gt=0,
        personal_data_removed_at__isnull=True,
    ) & ~Q(Exists(in_payment))


def vouchers_to_issue() -> Q:
    """Granted voucher applications with an amount that have no voucher yet."""
    return Q(
        status=ApplicationStatus.GRANTED,
        form=constants.AppreciationForm.VOUCHER,
        amount__gt=0,
        voucher__isnull=True,
    )


def awaiting_letter() -> Q:
    """Applications whose latest decision has no letter yet: what "make decision letters"
    writes. A letter belongs to one decision (its moment), so a new decision after an
    objection needs a letter of its own."""
    letter = Letter.objects.filter(application=OuterRef("pk"), decided_at=OuterRef("decided_at"))
    return Q(
        status__in=list(constants.LETTER_FOR_STATUS),
        decided_at__isnull=False,
        personal_data_removed_at__isnull=True,
    ) & ~Q(Exists(letter))


def unprinted_letters():
    """Paper decision letters not yet marked printed (of every round)."""
    return Letter.objects.filter(
        channel=ContactChannel.POST,
        printed_at__isnull=True,
        application__personal_data_removed_at__isnull=True,
    )


def application_list(
    *,
    round: Round,  # noqa: A002
    user,
    status: str = "",
    check: str = "",
    query: str = "",
    offered: bool = False,
    to_check: bool = False,
):
    """The round's applications the user may see, filtered: by status, by a failed check, by
    number, name (accents and spacing aside) or postcode, (``offered``) the applicants offered
    to the carer registry who are not in it yet, and (``to_check``) the sampled ones whose
    documents are still to be checked."""
    qs = (
        Application.objects.visible_to(user)
        .filter(round=round)
        .select_related("round", "locality", "caregiver")
    )
    if status:
        qs = qs.filter(status=status)
    if offered:
        qs = qs.filter(**OFFERED)
    if to_check:
        qs = qs.filter(**TO_CHECK)
    if check:
        # check_results is a list of {"code": ..., ...}; a code is a whole JSON string.
        qs = qs.filter(check_results__icontains=f'"{check}"')
    words = (query or "").strip()
    if words:
        match = Q(number__iexact=words)
        if words.isdigit():
            match |= Q(number__endswith=f"-{int(words):05d}")  # "42" finds MW-2026-00042
        if POSTCODE.match(words):
            match |= Q(household_key__startswith=compact(words))
            match |= Q(recipient_key__contains=f"|{compact(words)}")
        elif plain(words):
            match |= Q(search_name__contains=plain(words))
        qs = qs.filter(match)
    return qs.order_by("-received_on", "-pk")


def application_queue(
    *,
    round: Round,  # noqa: A002
    user,
    status: str = "",
    check: str = "",
    query: str = "",
    offered: bool = False,
    to_check: bool = False,
    page=1,
    request=None,
) -> Page:
    """One page of the round's work queue; the read is audited with the applications shown."""
    rows = application_list(
        round=round,
        user=user,
        status=status,
        check=check,
        query=query,
        offered=offered,
        to_check=to_check,
    )
    result = Paginator(rows, PER_PAGE).get_page(page)
    audit_read(
        Actor(user=user, request=request),
        reason="appreciation applications",
        shown=result.object_list,
        municipalities=[round.municipality],
        extra={"page": result.number, "round": round.pk},
    )
    return result


def application_for(user, pk: int, *, request=None) -> Application:
    """One application, if the user may see it as staff (else 404), the read audited."""
    application = get_visible_or_404(
        Application.objects.select_related(
            "round", "municipality", "locality", "caregiver", "applicant", "decided_by"
        ),
        user,
        pk=pk,
    )
    audit_by(AuditAction.VIEW, application, Actor(user=user, request=request))
    return application


def round_counts(round: Round) -> dict:  # noqa: A002
    """How many applications the round has, by status and by channel (one query each)."""
    qs = Application.objects.filter(round=round)
    by_status = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    by_channel = dict(qs.values_list("channel").annotate(n=Count("pk")).order_by())
    return {
        # Submitted, every check passed, not waiting for the sample check: what
        # services.applications.grant_passed would grant.
        "passed": qs.filter(status="submitted", check_results=[], personal_data_removed_at=None)
        .exclude(sampled=True, sample_checked_at__isnull=True)
        .count(),
        "total": sum(by_status.values()),
        "by_status": by_status,
        "by_channel": by_channel,
    }


def own_applications(user):
    """The applications a resident sent from their own account, newest first."""
    return (
        Application.objects.owned_by(user)
        .select_related("round", "municipality")
        .order_by("-received_on", "-pk")
    )


def own_application(user, pk: int) -> Application:
    """One of the resident's own applications (404 for anyone else's)."""
    applications = Application.objects.select_related("round", "municipality")
    return get_owned_or_404(applications, user, pk=pk)


def registry_carers(*, round: Round, user, q: str, limit: int = 20) -> list:  # noqa: A002
    """Carers of the round's municipality in the registry the user may see, matching ``q``
    (name, postcode or e-mail), for the consultant's application; at most ``limit``."""
    from omzien.caregivers.models import Caregiver

    if not q:
        return []
    found = (
        Caregiver.objects.visible_to(user)
        .registered()
        .search(q)
        .filter(municipality_id=round.municipality_id)
        .order_by("last_name", "first_name", "pk")
    )
    return list(found[:limit])


def registry_carer(*, user, pk: int, request=None):
    """One carer in the registry the user may see (404 otherwise), the read audited."""
    from omzien.caregivers.models import Caregiver

    caregiver = get_visible_or_404(
        Caregiver.objects.registered().select_related("municipality"), user, pk=pk
    )
    audit_by(
        AuditAction.VIEW,
        caregiver,
        Actor(user=user, request=request),
        reason="appreciation application by a consultant",
    )
    return caregiver
