"""Vacancies and one-off tasks: the writes (services), the state machine and the reads.

Organisation members create and edit the vacancies of their organisation. Every change of
state goes through :func:`vacancy_transition`, which checks :data:`TRANSITIONS` (the one
place that says which state may follow which, and who may make that step), locks the row,
appends a :class:`VacancyTransition` and writes the audit event.

Review: a volunteer broker of the municipality reviews a vacancy before its *first*
publication. A member's later edit of a published vacancy keeps it published: the
organisation was approved and the vacancy reviewed once, a fresh review for each correction
of a typo or a date would leave volunteers looking at stale text, and each edit is audited
with the fields it changed. A broker who disagrees with an edit takes the vacancy offline
(back to draft, with a reason), after which it needs a new review. A filled or expired
vacancy may be published again by its members for the same reason.

The public search shows published vacancies within their publication period, of approved
organisations. Text search uses PostgreSQL full-text search with the Dutch dictionary and
falls back to matching every word on SQLite.
"""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor, EditConflict  # noqa: F401 - re-exported
from omzien.common.urls import absolute_url
from omzien.matching.geo import haversine_km
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.tenants.models import Locality, Municipality
from omzien.volunteering import constants as c
from omzien.volunteering.models import Organisation, OrganisationMember, Vacancy, VacancyTransition
from omzien.volunteering.permissions import BROKER_ROLES

S = c.VacancyStatus
PAGE_SIZE = 20
NOTE_MAX = 255
SEARCH_WORDS_MAX = 8

# What the organisation fills in (the municipality follows from the organisation).
VACANCY_FIELDS = (
    "title",
    "description",
    "domains",
    "tasks",
    "target_groups",
    "kind",
    "day_parts",
    "hours_per_week",
    "starts_at",
    "ends_at",
    "places",
    "location_kind",
    "locality",
    "address",
    "min_age",
    "vog_required",
    "driving_licence",
    "languages",
    "suitable_young",
    "suitable_distance_labour",
    "basic_dutch_ok",
    "guidance_offered",
    "publish_from",
    "publish_until",
)
# Members may change a vacancy in these states; a closed vacancy is final.
EDITABLE_STATES = frozenset({S.DRAFT, S.AWAITING_REVIEW, S.PUBLISHED, S.FILLED, S.EXPIRED})
REMOTE_LOCATIONS = (c.LocationKind.AT_HOME, c.LocationKind.ONLINE)

# Who may make a step.
MEMBER = "member"  # a member of the vacancy's organisation
BROKER = "broker"  # a volunteer broker of the vacancy's municipality
SYSTEM = "system"  # the nightly expiry task (no user)


@dataclass(frozen=True)
class Rule:
    by: str
    label: str | Promise
    note_required: bool = False
    needs_approved_organisation: bool = False


_close = Rule(MEMBER, gettext_lazy("Close the vacancy"))
_republish = Rule(MEMBER, gettext_lazy("Publish again"), needs_approved_organisation=True)

# The state machine: (from, to) -> who may take the step. Nothing else changes a status.
TRANSITIONS: dict[tuple[str, str], Rule] = {
    (S.DRAFT, S.AWAITING_REVIEW): Rule(
        MEMBER, gettext_lazy("Submit for review"), needs_approved_organisation=True
    ),
    (S.AWAITING_REVIEW, S.PUBLISHED): Rule(
        BROKER, gettext_lazy("Publish"), needs_approved_organisation=True
    ),
    (S.AWAITING_REVIEW, S.DRAFT): Rule(
        BROKER, gettext_lazy("Send back to the organisation"), note_required=True
    ),
    (S.PUBLISHED, S.DRAFT): Rule(
        BROKER, gettext_lazy("Take offline and send back"), note_required=True
    ),
    (S.PUBLISHED, S.FILLED): Rule(MEMBER, gettext_lazy("Mark as filled")),
    (S.FILLED, S.PUBLISHED): _republish,
    (S.EXPIRED, S.PUBLISHED): _republish,
    (S.PUBLISHED, S.EXPIRED): Rule(SYSTEM, gettext_lazy("Expire")),
    (S.DRAFT, S.CLOSED): _close,
    (S.AWAITING_REVIEW, S.CLOSED): _close,
    (S.PUBLISHED, S.CLOSED): _close,
    (S.FILLED, S.CLOSED): _close,
    (S.EXPIRED, S.CLOSED): _close,
}


# --- Helpers ---------------------------------------------------------------------------------


def is_member(user, organisation_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return OrganisationMember.objects.filter(organisation_id=organisation_id, user=user).exists()


def _may(rule: Rule, vacancy: Vacancy, user) -> bool:
    if rule.by == SYSTEM:
        return user is None
    if user is None or not user.is_authenticated:
        return False
    if rule.by == BROKER:
        return user.has_role_in(vacancy.municipality, Role.BROKER)
    return is_member(user, vacancy.organisation_id)


def _audit(action: str, vacancy: Vacancy, actor: Actor, **kwargs) -> None:
    audit_log(
        action=action,
        actor=actor.user,
        obj=vacancy,
        municipality=vacancy.municipality,
        request=actor.request,
        **kwargs,
    )


def _lock(vacancy: Vacancy) -> Vacancy:
    return (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("municipality", "organisation")
        .get(pk=vacancy.pk)
    )


def _local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def _validate(vacancy: Vacancy) -> None:
    """The rules a form alone cannot check; raises one ValidationError with every field."""
    errors: dict[str, list[str]] = {}
    try:
        vacancy.full_clean(
            exclude=[
                "version",
                "municipality",
                "organisation",
                "status",
                "created_by",
                "first_published_at",
            ]
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if not vacancy.domains:
        errors.setdefault("domains", []).append(_("Choose at least one domain."))
    for field, known in (
        ("domains", set(c.Domain.values)),
        ("target_groups", set(c.TargetGroup.values)),
        ("languages", {code for code, _label in c.LANGUAGES}),
        ("day_parts", set(c.DAY_PART_CODES)),
    ):
        unknown = set(getattr(vacancy, field) or []) - known
        if unknown:
            errors.setdefault(field, []).append(
                _("Unknown choice: %s") % ", ".join(sorted(unknown))
            )
    if vacancy.kind == c.VacancyKind.ONE_OFF:
        if vacancy.starts_at is None:
            errors.setdefault("starts_at", []).append(
                _("A one-off task needs a date and a starting time.")
            )
        if vacancy.day_parts:
            errors.setdefault("day_parts", []).append(
                _("A one-off task has a date and time, not day-parts of the week: untick them.")
            )
    elif vacancy.kind and not vacancy.day_parts:
        errors.setdefault("day_parts", []).append(
            _("Choose at least one day-part when the volunteer is needed.")
        )
    if vacancy.starts_at and vacancy.ends_at and vacancy.ends_at <= vacancy.starts_at:
        errors.setdefault("ends_at", []).append(_("The end lies before the start."))
    at_address = vacancy.location_kind == c.LocationKind.ADDRESS
    if at_address and vacancy.locality_id is None and not vacancy.address:
        errors.setdefault("locality", []).append(
            _("Choose a village or town, or fill in the address.")
        )
    if vacancy.locality_id and vacancy.locality.municipality_id != vacancy.municipality_id:
        errors.setdefault("locality", []).append(
            _("Choose a village or town in the municipality of the organisation.")
        )
    until = vacancy.publish_until
    if until and vacancy.publish_from and until < vacancy.publish_from:
        errors.setdefault("publish_until", []).append(
            _("The end of the publication lies before its start.")
        )
    one_off_date = vacancy.kind == c.VacancyKind.ONE_OFF and vacancy.starts_at
    if until and one_off_date and until > _local_date(vacancy.starts_at):
        errors.setdefault("publish_until", []).append(
            _("A one-off task cannot stay published after its date.")
        )
    if errors:
        raise ValidationError(errors)


def _prepare(vacancy: Vacancy) -> None:
    """Derived values: tidy text, and a one-off task is published until its date."""
    vacancy.address = (vacancy.address or "").strip()
    vacancy.title = (vacancy.title or "").strip()
    if vacancy.kind == c.VacancyKind.ONE_OFF and vacancy.starts_at and not vacancy.publish_until:
        vacancy.publish_until = _local_date(vacancy.starts_at)


def _log(vacancy: Vacancy, from_status: str, to_status: str, actor: Actor, note: str = ""):
    VacancyTransition.objects.create(
        vacancy=vacancy,
        from_status=from_status,
        to_status=to_status,
        actor=actor.authenticated_user,
        note=note,
    )


def _broker_emails(municipality) -> list[str]:
    return sorted(
        Membership.objects.filter(
            municipality=municipality, role__in=BROKER_ROLES, is_active=True, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )


def _member_emails(vacancy: Vacancy) -> list[str]:
    return sorted(
        OrganisationMember.objects.filter(
            organisation_id=vacancy.organisation_id, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def _mail(template: str, recipients: list[str], context: dict) -> None:
    def send() -> None:
        # One mail per person: addresses of colleagues are not shared.
        for email in recipients:
            send_templated_mail(
                template=f"volunteering/email/{template}", context=context, to=[email]
            )

    transaction.on_commit(send)


def _notify(vacancy: Vacancy, from_status: str, to_status: str, actor: Actor, note: str) -> None:
    """Brokers hear of a vacancy to review; members hear the outcome of the review."""
    context = {
        "title": vacancy.title,
        "organisation": vacancy.organisation.name,
        "municipality": vacancy.municipality.name,
        "note": note,
    }
    if to_status == S.AWAITING_REVIEW:
        context["link"] = absolute_url(
            actor.request, reverse("volunteering:vacancy_review", args=[vacancy.pk])
        )
        _mail("vacancy_review_request", _broker_emails(vacancy.municipality), context)
    elif (
        from_status in (S.AWAITING_REVIEW, S.PUBLISHED)
        and TRANSITIONS[(from_status, to_status)].by == BROKER
    ):
        context["link"] = absolute_url(
            actor.request, reverse("volunteering:vacancy_manage", args=[vacancy.pk])
        )
        context["public_link"] = absolute_url(
            actor.request, reverse("volunteering:vacancy_detail", args=[vacancy.pk])
        )
        template = "vacancy_published" if to_status == S.PUBLISHED else "vacancy_sent_back"
        _mail(template, _member_emails(vacancy), context)


# --- Services ------------------------------------------------------------------------------


def _apply(vacancy: Vacancy, data: dict) -> list[str]:
    changed = []
    for field in VACANCY_FIELDS:
        if field in data and getattr(vacancy, field) != data[field]:
            setattr(vacancy, field, data[field])
            changed.append(field)
    return changed


@transaction.atomic
def vacancy_create(*, organisation: Organisation, data: dict, actor: Actor) -> Vacancy:
    """A member of the organisation writes a new vacancy; it starts as a draft."""
    if not is_member(actor.user, organisation.pk):
        raise PermissionDenied
    vacancy = Vacancy(
        organisation=organisation,
        municipality_id=organisation.municipality_id,
        status=S.DRAFT,
        created_by=actor.user,
    )
    _apply(vacancy, data)
    _prepare(vacancy)
    _validate(vacancy)
    vacancy.save()
    _log(vacancy, "", S.DRAFT, actor)
    _audit(AuditAction.CREATE, vacancy, actor)
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, version: int, data: dict, actor: Actor) -> Vacancy:
    """A member changes the vacancy; refused if someone else saved it since ``version``.

    The status stays as it is (see the module's docstring for why a published vacancy
    stays published).
    """
    current = _lock(vacancy)
    if not is_member(actor.user, current.organisation_id):
        raise PermissionDenied
    if current.version != version:
        raise EditConflict
    if current.status not in EDITABLE_STATES:
        raise ValidationError(_("A closed vacancy can no longer be changed."))
    changed = _apply(current, data)
    _prepare(current)
    _validate(current)
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    _audit(
        AuditAction.UPDATE,
        current,
        actor,
        reason=",".join(changed)[:255],
        extra={"status": current.status},
    )
    return current


def _check_publishable(vacancy: Vacancy) -> None:
    today = timezone.localdate()
    if vacancy.publish_until and vacancy.publish_until < today:
        raise ValidationError(
            _(
                "The publication period has ended. Change the date in “publish until” first, "
                "then try again."
            )
        )


@transaction.atomic
def vacancy_transition(
    *, vacancy: Vacancy, to_status: str, actor: Actor, note: str = ""
) -> Vacancy:
    """Move the vacancy to ``to_status`` if :data:`TRANSITIONS` allows it for this actor."""
    current = _lock(vacancy)
    from_status = current.status
    rule = TRANSITIONS.get((from_status, to_status))
    if rule is None:
        raise ValidationError(
            _("A vacancy that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": current.get_status_display().lower(),
                "to": dict(S.choices).get(to_status, to_status).lower(),
            }
        )
    if not _may(rule, current, actor.user):
        raise PermissionDenied
    note = " ".join((note or "").split())
    if rule.note_required and not note:
        raise ValidationError(
            {"note": [_("Give the reason, so the organisation knows what to change.")]}
        )
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": [_("The reason may be at most 255 characters long.")]})
    if rule.needs_approved_organisation and not current.organisation.is_approved:
        raise ValidationError(
            _(
                "The volunteer broker has not yet approved the organisation. Its vacancies "
                "can be reviewed and published after approval."
            )
        )
    if to_status in (S.AWAITING_REVIEW, S.PUBLISHED):
        _validate(current)
        _check_publishable(current)
    current.status = to_status
    fields = ["status", "updated_at"]
    if to_status == S.PUBLISHED and current.first_published_at is None:
        current.first_published_at = timezone.now()
        fields.append("first_published_at")
    current.save(update_fields=fields)
    _log(current, from_status, to_status, actor, note)
    _audit(
        AuditAction.UPDATE,
        current,
        actor,
        reason=f"status {from_status} -> {to_status}",
        extra={"from_status": from_status, "to_status": to_status},
    )
    _notify(current, from_status, to_status, actor, note)
    return current


def vacancies_expire(*, today: datetime.date | None = None) -> int:
    """Move published vacancies whose publication period has ended to expired."""
    today = today or timezone.localdate()
    done = 0
    due = Vacancy.objects.filter(status=S.PUBLISHED, publish_until__lt=today)
    for pk in due.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            vacancy = Vacancy.objects.select_for_update(of=("self",)).get(pk=pk)
            # Checked again under the lock: a member may have just changed the dates.
            if vacancy.status != S.PUBLISHED or not (
                vacancy.publish_until and vacancy.publish_until < today
            ):
                continue
            vacancy_transition(vacancy=vacancy, to_status=S.EXPIRED, actor=Actor())
            done += 1
    return done


@task()
def vacancies_expire_task() -> int:
    return vacancies_expire()


# --- Selectors -------------------------------------------------------------------------------


def allowed_transitions(*, vacancy: Vacancy, user, by: str) -> list[tuple[str, Rule]]:
    """The steps ``user`` may take from the vacancy's status, as a member or as a broker."""
    return [
        (to, rule)
        for (frm, to), rule in TRANSITIONS.items()
        if frm == vacancy.status and rule.by == by and _may(rule, vacancy, user)
    ]


def vacancy_for_member(*, user, pk: int) -> Vacancy:
    """The vacancy ``pk`` if the user is a member of its organisation (else 404)."""
    return get_object_or_404(
        Vacancy.objects.select_related("organisation", "municipality", "locality", "campaign"),
        pk=pk,
        organisation__members__user=user,
    )


def vacancy_history(*, vacancy: Vacancy) -> list[VacancyTransition]:
    return list(vacancy.transitions.select_related("actor").order_by("created_at", "pk"))


def vacancy_mine(*, user) -> list[Organisation]:
    """The user's organisations, each with all its vacancies (two queries)."""
    organisations = list(
        Organisation.objects.filter(members__user=user)
        .select_related("municipality")
        .order_by("name", "pk")
    )
    by_org: dict[int, list[Vacancy]] = {o.pk: [] for o in organisations}
    for vacancy in (
        Vacancy.objects.filter(organisation_id__in=list(by_org))
        .select_related("locality")
        .order_by("status", "-updated_at", "pk")
    ):
        by_org[vacancy.organisation_id].append(vacancy)
    for organisation in organisations:
        organisation.vacancy_list = by_org[organisation.pk]
    return organisations


def vacancy_review_list(*, user):
    """Vacancies awaiting review in the municipalities where the user is a broker.

    ``visible_to`` also lets members see their own organisation's rows; the broker's
    municipalities narrow it to what this broker may review.
    """
    return (
        Vacancy.objects.visible_to(user)
        .filter(status=S.AWAITING_REVIEW, municipality_id__in=_broker_municipality_ids(user))
        .select_related("organisation", "municipality", "locality")
        .order_by("updated_at", "pk")
    )


def _broker_municipality_ids(user) -> list[int]:
    if user.is_superuser:
        return list(Municipality.objects.values_list("pk", flat=True))
    return sorted(user.municipality_ids_for(BROKER_ROLES))


def vacancy_for_broker(*, user, pk: int) -> Vacancy:
    """A vacancy of a municipality where the user is a broker (else 404)."""
    vacancy = (
        Vacancy.objects.filter(pk=pk, municipality_id__in=_broker_municipality_ids(user))
        .select_related("organisation", "municipality", "locality")
        .first()
    )
    if vacancy is None:
        raise Http404
    return vacancy


def public_vacancies(*, today: datetime.date | None = None):
    """Published vacancies within their publication period, of approved organisations."""
    today = today or timezone.localdate()
    return Vacancy.objects.filter(
        status=S.PUBLISHED,
        publish_from__lte=today,
        organisation__status=c.OrganisationStatus.APPROVED,
        municipality__is_active=True,
    ).filter(Q(publish_until__isnull=True) | Q(publish_until__gte=today))


def vacancy_public_get(*, pk: int, user=None) -> Vacancy:
    """The vacancy page: public when published, otherwise only for its members and brokers."""
    qs = Vacancy.objects.select_related("organisation", "municipality", "locality")
    vacancy = (
        public_vacancies()
        .filter(pk=pk)
        .select_related("organisation", "municipality", "locality")
        .first()
    )
    if vacancy is not None:
        vacancy.is_public = True
        return vacancy
    vacancy = qs.filter(pk=pk).first()
    if vacancy is None or user is None or not user.is_authenticated:
        raise Http404
    if not (
        is_member(user, vacancy.organisation_id)
        or user.has_role_in(vacancy.municipality, Role.BROKER)
    ):
        raise Http404
    vacancy.is_public = False
    return vacancy


def _any_day_part(codes: list[str]) -> Q:
    condition = Q(pk__in=[])
    for code in codes:
        if connection.vendor == "postgresql":
            condition |= Q(day_parts__contains=[code])
        else:
            # SQLite has no JSON containment: match the quoted code in the stored JSON text.
            condition |= Q(day_parts_text__contains=f'"{code}"')
    return condition


def _text_search(qs, q: str):
    """Full text with the Dutch dictionary on PostgreSQL; every word must match on SQLite."""
    if connection.vendor == "postgresql":
        vector = SearchVector("title", weight="A", config="dutch") + SearchVector(
            "description", "tasks", weight="B", config="dutch"
        )
        query = SearchQuery(q, config="dutch", search_type="websearch")
        return qs.annotate(search=vector, rank=SearchRank(vector, query)).filter(search=query)
    words = q.split()[:SEARCH_WORDS_MAX]
    rank = Value(0, output_field=IntegerField())
    for word in words:
        qs = qs.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(tasks__icontains=word)
        )
        rank = rank + Case(
            When(title__icontains=word, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return qs.annotate(rank=rank)


SORTS = ("relevance", "newest", "soonest")


def localities_within(locality: Locality, km: float) -> list[int]:
    """Villages whose centre lies within ``km`` of this one (as the crow flies), itself
    included; one query. A village without coordinates only finds itself."""
    if locality.latitude is None or locality.longitude is None:
        return [locality.pk]
    here = (locality.latitude, locality.longitude)
    return [
        pk
        for pk, lat, lon in Locality.objects.exclude(latitude=None)
        .exclude(longitude=None)
        .values_list("pk", "latitude", "longitude")
        if pk == locality.pk or haversine_km(here, (lat, lon)) <= km
    ]


def vacancy_search(
    *,
    q: str = "",
    domain: str = "",
    kind: str = "",
    municipality: Municipality | None = None,
    whole_region: bool = True,
    locality=None,
    distance_km: int | None = None,
    day_parts: list[str] | None = None,
    young: bool = False,
    no_vog: bool = False,
    include_remote: bool = False,
    sort: str = "",
):
    """The public search. One query for the count and one for a page of results."""
    qs = public_vacancies().select_related("organisation", "municipality", "locality")
    q = " ".join((q or "").split())
    if q:
        qs = _text_search(qs, q)
    if domain:
        if connection.vendor == "postgresql":
            qs = qs.filter(domains__contains=[domain])
        else:
            qs = qs.alias(domains_text=Cast("domains", output_field=TextField())).filter(
                domains_text__contains=f'"{domain}"'
            )
    if kind:
        qs = qs.filter(kind=kind)
    place = Q()
    if municipality is not None:
        ids = municipality.region_municipality_ids() if whole_region else [municipality.pk]
        place &= Q(municipality_id__in=ids)
    if locality is not None and distance_km:
        place &= Q(locality_id__in=localities_within(locality, distance_km))
    elif locality is not None:
        place &= Q(locality=locality)
    if place:
        if include_remote:
            place |= Q(location_kind__in=REMOTE_LOCATIONS)
        qs = qs.filter(place)
    if day_parts:
        if connection.vendor != "postgresql":
            qs = qs.alias(day_parts_text=Cast("day_parts", output_field=TextField()))
        qs = qs.filter(_any_day_part(day_parts))
    if young:
        qs = qs.filter(suitable_young=True)
    if no_vog:
        qs = qs.filter(vog_required=False)
    if sort not in SORTS or (sort == "relevance" and not q):
        sort = "relevance" if q else "newest"
    if sort == "relevance":
        return qs.order_by("-rank", "-publish_from", "-pk")
    if sort == "soonest":
        return qs.order_by(F("starts_at").asc(nulls_last=True), "-publish_from", "-pk")
    return qs.order_by("-publish_from", "-created_at", "-pk")


def day_part_schedule(codes: list[str]) -> list[tuple[str, list[str]]]:
    """A vacancy's day-parts as (day name, [parts]) in week order, for reading."""
    chosen = set(codes or [])
    schedule = []
    for day, day_label in c.DAYS:
        parts = [str(label) for part, label in c.PARTS if f"{day}_{part}" in chosen]
        if parts:
            schedule.append((capfirst(str(day_label)), parts))
    return schedule


def labels(codes: list[str], choices) -> list[str]:
    names = dict(choices)
    return [str(names[code]) for code in codes or [] if code in names]
