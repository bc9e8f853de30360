"""Letters of the appreciation round: the decision (grant or refusal) and the invitation.

The same text goes by e-mail or on paper: the carer's preferred way of contact decides (from the
registry where the application is linked to a registered carer, else what the applicant chose),
and paper is used whenever there is no e-mail address. Paper letters come as one PDF to print,
sorted by postcode and house number, with the municipality's logo and the signatory of the
round. Each decision gets one ``Letter`` row (unique per application, kind and decision), so an
e-mail leaves once however often the letters are made; a paper letter stays on the print list
until it is marked printed.

Invitation codes are stored only as a hash, so their letters are made when the codes are: the
e-mails are queued and the paper ones returned as one PDF at once.
"""

import base64
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from omzien.accounts.constants import ContactChannel
from omzien.appreciation import codes
from omzien.appreciation.constants import LETTER_FOR_STATUS, LetterKind
from omzien.appreciation.models import Application, Invitation, Letter, PaymentBatch, Round
from omzien.appreciation.selectors.applications import awaiting_letter, unprinted_letters
from omzien.appreciation.services.payments import require_staff
from omzien.caregivers.models import Caregiver
from omzien.common.mail import queue_mail
from omzien.common.pdf import html_to_pdf
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

LANGUAGE = "nl"  # letters go out in Dutch


def channel_for(application: Application) -> str:
    """E-mail or post: the registered carer's preference where linked, else the applicant's;
    post whenever there is no e-mail address to write to."""
    carer = application.caregiver
    if carer is not None and carer.anonymised_at is None:
        reach_by, email = carer.reach_by, carer.email or application.email
    else:
        reach_by, email = application.reach_by, application.email
    if reach_by == ContactChannel.EMAIL and email:
        return ContactChannel.EMAIL
    return ContactChannel.POST


def _email_of(application: Application) -> str:
    carer = application.caregiver
    if carer is not None and carer.anonymised_at is None and carer.email:
        return carer.email
    return application.email


def _logo_data_uri(municipality) -> str:
    """The municipality's logo embedded in the letter (no file or URL lookup at print time)."""
    if not municipality.logo:
        return ""
    try:
        with municipality.logo.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return ""
    kind = "png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


@dataclass
class Body:
    subject: str
    text: str


def _render(kind: str, context: dict) -> Body:
    with translation.override(LANGUAGE):
        subject = " ".join(
            render_to_string(f"appreciation/letters/{kind}_subject.txt", context).split()
        )
        text = render_to_string(f"appreciation/letters/{kind}.txt", context).strip()
    return Body(subject=subject, text=text)


def band_descriptions(round: Round) -> dict[str, str]:
    """What the carer receives, by form (the last band of that form with a description, in
    band order): read once per run of letters, not once per letter."""
    descriptions = {}
    for band in round.age_bands.order_by("min_age", "pk"):
        if band.description:
            descriptions[band.form] = band.description
    return descriptions


def decision_body(
    application: Application, kind: str, descriptions: dict[str, str] | None = None
) -> Body:
    """The text of a decision letter; ``descriptions`` is ``band_descriptions(round)``, passed
    in by a run of many letters (read here when not)."""
    round_ = application.round
    if descriptions is None:
        descriptions = band_descriptions(round_)
    return _render(
        kind,
        {
            "application": application,
            "round": round_,
            "municipality": application.municipality,
            "band_description": descriptions.get(application.form, ""),
            "iban_end": application.iban[-4:] if application.iban else "",
        },
    )


# --- Decision letters ------------------------------------------------------------------------


def record_decision_letters(*, round: Round, actor: Actor) -> dict[str, int]:
    """One letter for every decision of the round that has none yet: e-mails are queued (sent
    after the commit), paper letters join the print list. Returns the counts by channel."""
    require_staff(round.municipality_id, actor)
    counts = {ContactChannel.EMAIL.value: 0, ContactChannel.POST.value: 0}
    applications = (
        Application.objects.filter(awaiting_letter(), round=round)
        .select_related("caregiver", "round", "municipality")
        .order_by("pk")
    )
    descriptions = band_descriptions(round)
    for application in applications.iterator(chunk_size=500):
        kind = LETTER_FOR_STATUS[application.status]
        channel = channel_for(application)
        try:
            with transaction.atomic():
                letter = Letter.objects.create(
                    application=application,
                    kind=kind,
                    channel=channel,
                    decided_at=application.decided_at,
                )
        except IntegrityError:  # made by a request running at the same time
            continue
        if channel == ContactChannel.EMAIL:
            body = decision_body(application, kind, descriptions)
            to = [_email_of(application)]
            transaction.on_commit(
                lambda body=body, to=to: queue_mail(subject=body.subject, body=body.text, to=to)
            )
        audit_by(AuditAction.CREATE, letter.application, actor, extra={"letter": kind})
        counts[channel] += 1
    return counts


def letters_to_print(round: Round):
    """Paper decision letters of the round not yet marked printed, in print order."""
    return (
        unprinted_letters()
        .filter(application__round=round)
        .select_related("application", "application__round", "application__municipality")
        .order_by("application__postcode", "application__house_number", "pk")
    )


def _page(addressee: dict, body: Body) -> dict:
    return {"addressee": addressee, "subject": body.subject, "paragraphs": body.text.split("\n\n")}


def _pdf(round: Round, pages: list[dict]) -> bytes:
    municipality = round.municipality
    with translation.override(LANGUAGE):
        html = render_to_string(
            "appreciation/letters/letters_pdf.html",
            {
                "round": round,
                "municipality": municipality,
                "logo": _logo_data_uri(municipality),
                "pages": pages,
                "today": timezone.localdate(),
            },
        )
    return html_to_pdf(html)


def _addressee(application: Application) -> dict:
    return {
        "name": application.full_name,
        "street": f"{application.street} {application.house_number}".strip(),
        "postcode": application.postcode,
        "town": application.town,
    }


def _letter_pages(round: Round, letters) -> list[dict]:
    descriptions = band_descriptions(round)
    return [
        _page(
            _addressee(letter.application),
            decision_body(letter.application, letter.kind, descriptions),
        )
        for letter in letters
    ]


def print_letters_pdf(*, round: Round, actor: Actor, letters=None) -> bytes:
    """One PDF of the paper letters (by default: all not yet printed), sorted by postcode."""
    require_staff(round.municipality_id, actor)
    letters = list(letters_to_print(round) if letters is None else letters)
    pages = _letter_pages(round, letters)
    audit_by(AuditAction.EXPORT, round, actor, extra={"letters": len(pages)})
    return _pdf(round, pages)


def batch_letters(batch: PaymentBatch):
    """The paper grant letters of the applications paid in ``batch`` (the letter of each one's
    current decision), in print order: postcode, house number."""
    return (
        Letter.objects.filter(
            application__payments__batch=batch,
            kind=LetterKind.GRANT,
            channel=ContactChannel.POST,
            decided_at=F("application__decided_at"),
            application__personal_data_removed_at__isnull=True,
        )
        .select_related("application", "application__round", "application__municipality")
        .order_by("application__postcode", "application__house_number", "pk")
    )


def batch_letters_pdf(*, batch: PaymentBatch, actor: Actor) -> bytes:
    """One print-ready PDF of the paper letters of a payment batch, to send with the payment
    (audited as an export of the batch). Refuses a batch without paper letters
    (``no_letters``: make the decision letters first, or all went by e-mail)."""
    require_staff(batch.municipality_id, actor)
    letters = list(batch_letters(batch))
    if not letters:
        raise ValidationError(
            _(
                "This batch has no paper letters: make the decision letters first, or every "
                "carer in it gets theirs by e-mail."
            ),
            code="no_letters",
        )
    round_ = batch.round
    pages = _letter_pages(round_, letters)
    audit_by(
        AuditAction.EXPORT, batch, actor, reason="batch letters", extra={"letters": len(pages)}
    )
    return _pdf(round_, pages)


def mark_printed(*, round: Round, letter_ids, actor: Actor) -> int:
    require_staff(round.municipality_id, actor)
    return Letter.objects.filter(
        application__round=round, pk__in=list(letter_ids), printed_at__isnull=True
    ).update(printed_at=timezone.now())


# --- Invitations -----------------------------------------------------------------------------


@dataclass
class InvitationRun:
    emailed: int
    posted: int
    pdf: bytes | None  # the paper invitations, to print now: the codes are not kept


def invitable_carers(round: Round):
    """Registered, active carers of the municipality whose age on the round's closing day falls
    in one of its age bands, and who have no invitation for the round yet."""
    carers = Caregiver.objects.filter(municipality_id=round.municipality_id).active()
    bands = list(round.age_bands.all())
    invited = Invitation.objects.filter(round=round).values("caregiver_id")
    found = []
    for carer in carers.exclude(pk__in=invited).order_by("postcode", "pk"):
        age = carer.age_on(round.closes_on)
        if age is not None and any(band.covers(age) for band in bands):
            found.append(carer)
    return found


def _carer_channel(carer: Caregiver) -> str:
    if carer.reach_by == ContactChannel.EMAIL and carer.email:
        return ContactChannel.EMAIL
    return ContactChannel.POST


def invite(*, round: Round, apply_url: str, actor: Actor) -> InvitationRun:
    """Give every invitable carer a personal code: by e-mail, or on paper in the returned PDF.

    ``apply_url`` is the public page where the code opens the prefilled application."""
    require_staff(round.municipality_id, actor)
    emailed, pages = 0, []
    now = timezone.now()
    with transaction.atomic():
        for carer in invitable_carers(round):
            code = codes.new_code(10)
            Invitation.objects.create(
                round=round, caregiver=carer, code_hash=codes.hash_code(code), sent_at=now
            )
            body = _render(
                "invitation",
                {
                    "carer": carer,
                    "round": round,
                    "municipality": round.municipality,
                    "code": codes.show_code(code),
                    "apply_url": apply_url,
                },
            )
            if _carer_channel(carer) == ContactChannel.EMAIL:
                to = [carer.email]
                transaction.on_commit(
                    lambda body=body, to=to: queue_mail(subject=body.subject, body=body.text, to=to)
                )
                emailed += 1
            else:
                addressee = {
                    "name": carer.full_name,
                    "street": carer.street_address,
                    "postcode": carer.postcode,
                    "town": carer.town,
                }
                pages.append(_page(addressee, body))
        audit_by(AuditAction.CREATE, round, actor, extra={"invitations": emailed + len(pages)})
    return InvitationRun(
        emailed=emailed, posted=len(pages), pdf=_pdf(round, pages) if pages else None
    )


def invitation_for_code(round: Round, typed: str) -> Invitation | None:
    """The unused invitation of the round with this code, or None."""
    return (
        Invitation.objects.filter(
            round=round, code_hash=codes.hash_code(typed), used_by__isnull=True
        )
        .select_related("caregiver")
        .first()
    )
