"""Pre-match suggestions: for each request of an event, the offers that fit it best, ranked by
kind and by text and domain similarity. The text and domain parts are the matching engine's
(``omzien.matching.text``: Dutch stems and the cosine of two term sets), called, not copied."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from omzien.marketplace import constants
from omzien.marketplace.models import Entry, Event, PreMatch
from omzien.matching import text

# How much each part counts (they add up to 1).
W_KIND = 0.4
W_TEXT = 0.45
W_DOMAINS = 0.15


@dataclass
class Suggestion:
    offer: Entry
    score: float
    reasons: list = field(default_factory=list)


@dataclass
class RequestSuggestions:
    request: Entry
    suggestions: list[Suggestion]
    confirmed: list[Entry]


def _terms(entry: Entry) -> frozenset[str]:
    return text.terms(f"{entry.title} {entry.description}")


def _domains(entry: Entry) -> frozenset[str]:
    organisation = entry.participant.organisation
    return frozenset(organisation.domains or ()) if organisation is not None else frozenset()


def score(offer: Entry, request: Entry, *, offer_terms=None, request_terms=None):
    """The fit of ``offer`` for ``request`` (0..1) and why, or None when nothing fits."""
    offer_terms = _terms(offer) if offer_terms is None else offer_terms
    request_terms = _terms(request) if request_terms is None else request_terms
    same_kind = offer.kind == request.kind
    common = offer_terms & request_terms
    similarity = text.similarity(len(common), len(offer_terms), len(request_terms))
    offer_domains, request_domains = _domains(offer), _domains(request)
    shared = offer_domains & request_domains
    domain_fit = text.similarity(len(shared), len(offer_domains), len(request_domains))
    if not common and not shared:
        return None
    reasons = []
    if same_kind:
        reasons.append(_("Both are about: %(kind)s") % {"kind": offer.get_kind_display().lower()})
    words = text.matched_words(f"{offer.title} {offer.description}", common)
    if words:
        reasons.append(_("Words in common: %(words)s") % {"words": ", ".join(words)})
    if shared:
        reasons.append(_("The same field of work"))
    value = W_KIND * same_kind + W_TEXT * similarity + W_DOMAINS * domain_fit
    return value, reasons


def suggestions_page(*, event: Event, page_number, per_page: int):
    """One page of the event's requests, each with its best offers (not yet confirmed) and
    the offers confirmed for it. Four queries whatever the size of the event: the count, the
    page of requests, every offer of the event, the confirmed pre-matches."""
    requests = (
        Entry.objects.filter(participant__event=event, direction=constants.Direction.REQUEST)
        .select_related("participant__organisation")
        .order_by("participant__name", "pk")
    )
    page = Paginator(requests, per_page).get_page(page_number)
    page_requests = list(page.object_list)
    offers = list(
        Entry.objects.filter(participant__event=event, direction=constants.Direction.OFFER)
        .select_related("participant__organisation")
        .order_by("pk")
    )
    confirmed: dict[int, list[Entry]] = {}
    by_pk = {offer.pk: offer for offer in offers}
    for offer_id, request_id in PreMatch.objects.filter(
        event=event, request__in=[r.pk for r in page_requests]
    ).values_list("offer_id", "request_id"):
        if offer_id in by_pk:
            confirmed.setdefault(request_id, []).append(by_pk[offer_id])
    offer_terms = {offer.pk: _terms(offer) for offer in offers}
    rows = []
    for request in page_requests:
        request_terms = _terms(request)
        taken = {offer.pk for offer in confirmed.get(request.pk, [])}
        found = []
        for offer in offers:
            if offer.participant_id == request.participant_id or offer.pk in taken:
                continue
            result = score(
                offer, request, offer_terms=offer_terms[offer.pk], request_terms=request_terms
            )
            if result is not None:
                found.append(Suggestion(offer=offer, score=result[0], reasons=result[1]))
        found.sort(key=lambda s: (-s.score, s.offer.pk))
        rows.append(
            RequestSuggestions(
                request=request,
                suggestions=found[: constants.SUGGESTIONS_PER_REQUEST],
                confirmed=confirmed.get(request.pk, []),
            )
        )
    page.object_list = rows
    return page
