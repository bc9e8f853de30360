"""The rights of the people in the registry (AVG art. 15, 16, 17): find, export and erase a
person across every capability.

The platform names no capability. Each app registers a :class:`Provider` from its
``AppConfig.ready()`` with :func:`register_provider`, as it registers its retention rules; the
privacy officer's pages (``privacy.views``) ask every registered provider. A provider:

- ``find(municipality, query)`` returns the :class:`Match` es for a :class:`PersonQuery`: the
  records of that municipality that belong to the person (one match per person record, e.g.
  a carer registration, a volunteer profile, an account);
- ``get(municipality, key)`` finds one match again by its ``key`` (the request stores keys);
- ``export(match)`` returns the :class:`Record` s it holds about the person, in every model;
- ``erase(match, actor)`` erases the person's data and returns an :class:`Erasure`: what was
  erased and the :class:`Hold` s, the records the law makes the municipality keep, with why.

``models`` names every model the provider covers; the tests of each capability compare it with
the app's models, so a new model with personal data cannot be left out.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.common.phone import phone_key
from omzien.common.text import fold
from omzien.tenants.validators import normalise_postcode


@dataclass(frozen=True)
class PersonQuery:
    """What the person gave to be found by. A record matches on name with date of birth, on
    e-mail address, on phone number, or on postcode with house number."""

    name: str = ""
    date_of_birth: datetime.date | None = None
    email: str = ""
    phone: str = ""
    postcode: str = ""
    house_number: str = ""

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else "",
            "email": self.email,
            "phone": self.phone,
            "postcode": self.postcode,
            "house_number": self.house_number,
        }


@dataclass
class Match:
    """One record of a person that a provider found."""

    provider: str
    key: str
    kind: str  # what the record is, e.g. "Mantelzorgregistratie"
    name: str  # the person's name as recorded
    matched_on: list[str]
    obj: models.Model  # the main record: the officer's read of it is audited
    edit_url: str = ""  # where the capability corrects it (rectification)
    municipality: object = None  # set by the privacy selectors: whose request it is


@dataclass
class Record:
    """One row of personal data, readable: field labels and values as text."""

    model: str  # app_label.model
    kind: str  # the model's verbose name
    pk: int | str
    fields: dict[str, str]

    def as_dict(self) -> dict:
        return {"model": self.model, "kind": self.kind, "id": self.pk, "fields": self.fields}


@dataclass
class Hold:
    """A record that stays: the law makes the municipality keep it."""

    record: str
    reason: str


@dataclass
class Erasure:
    erased: list[str] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)


class Provider(Protocol):
    label: str
    models: tuple[type[models.Model], ...]

    def find(self, municipality, query: PersonQuery) -> list[Match]: ...

    def get(self, municipality, key: str) -> Match | None: ...

    def export(self, match: Match) -> list[Record]: ...

    def erase(self, match: Match, actor) -> Erasure: ...


_providers: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    """Ask ``provider`` with every access, rectification or erasure request."""
    registered = _providers.get(name)
    if registered is not None and registered is not provider:
        raise ImproperlyConfigured(f"Two rights providers are called {name!r}.")
    _providers[name] = provider


def providers() -> dict[str, Provider]:
    """The registered providers by name, in the order the apps registered them."""
    return dict(_providers)


def parse_key(key: str) -> tuple[str, int | None]:
    """``"caregiver:12"`` -> ``("caregiver", 12)``; a number that is no primary key -> None."""
    kind, _sep, number = (key or "").partition(":")
    if not number.isdigit() or len(number) > 18:
        return kind, None
    return kind, int(number)


# --- A provider made of kinds of record -------------------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    """One kind of record a provider finds a person by; its matches have the key
    ``"<key>:<pk>"``.

    - ``rows(municipality)``: the municipality's records of this kind (``get`` looks here);
    - ``findable(rows, query)``: the rows a search goes through (default: all of them), e.g.
      without anonymised records, or narrowed in the database by the e-mail address asked for;
    - ``details(obj)``: what :func:`match_reasons` compares (name, date_of_birth, email, ...);
    - ``export(match)`` / ``erase(match, actor)``: the records, and the erasure; ``erase``
      may return an :class:`Erasure` (with holds); whatever else it returns (the erase service's
      result) means "the record was erased".
    """

    key: str
    label: str
    rows: Callable[[object], models.QuerySet]
    name: Callable[[models.Model], str]
    details: Callable[[models.Model], dict]
    export: Callable[[Match], list[Record]]
    erase: Callable[[Match, object], object]
    findable: Callable[[models.QuerySet, PersonQuery], models.QuerySet] = lambda rows, query: rows
    edit_url: Callable[[models.Model], str] | None = None


class KindsProvider:
    """A :class:`Provider` declared as a table of :class:`RecordKind` s: ``find`` asks each
    kind, ``get``, ``export`` and ``erase`` go to the kind named by the match's key."""

    name: str
    label: str
    models: tuple[type[models.Model], ...]
    kinds: tuple[RecordKind, ...]

    def _match(self, kind: RecordKind, obj: models.Model, reasons: list[str]) -> Match:
        return Match(
            provider=self.name,
            key=f"{kind.key}:{obj.pk}",
            kind=str(kind.label),
            name=kind.name(obj),
            matched_on=reasons,
            obj=obj,
            edit_url=kind.edit_url(obj) if kind.edit_url else "",
        )

    def _kind(self, key: str) -> tuple[RecordKind | None, int | None]:
        prefix, pk = parse_key(key)
        return next((kind for kind in self.kinds if kind.key == prefix), None), pk

    def find(self, municipality, query: PersonQuery) -> list[Match]:
        found = []
        for kind in self.kinds:
            rows = kind.findable(kind.rows(municipality), query).order_by("pk")
            for obj in rows.iterator():
                reasons = match_reasons(query, **kind.details(obj))
                if reasons:
                    found.append(self._match(kind, obj, reasons))
        return found

    def get(self, municipality, key: str) -> Match | None:
        kind, pk = self._kind(key)
        if kind is None or pk is None:
            return None
        obj = kind.rows(municipality).filter(pk=pk).first()
        return self._match(kind, obj, []) if obj is not None else None

    def export(self, match: Match) -> list[Record]:
        kind, _pk = self._kind(match.key)
        return kind.export(match)

    def erase(self, match: Match, actor) -> Erasure:
        kind, _pk = self._kind(match.key)
        erasure = kind.erase(match, actor)
        if isinstance(erasure, Erasure):
            return erasure
        return Erasure(erased=[f"{match.kind} #{match.obj.pk}"])


def by_email(rows: models.QuerySet, query: PersonQuery) -> models.QuerySet:
    """``findable`` for records found by e-mail address only (an account, an invitation)."""
    email = query.email.strip()
    return rows.filter(email__iexact=email) if email else rows.none()


def account_kind(*, label, rows, export, erase) -> RecordKind:
    """The kind ``user:<pk>``: an account among ``rows(municipality)``, found by its e-mail
    address (an account holds no date of birth)."""
    return RecordKind(
        key="user",
        label=label,
        rows=rows,
        findable=by_email,
        name=lambda user: user.full_name,
        details=lambda user: {"email": user.email},
        export=export,
        erase=erase,
    )


# --- Comparing what the person gave with what a record holds ----------------------------------


def postcode_key(value: str | None) -> str:
    try:
        return normalise_postcode((value or "").strip())
    except ValidationError:
        return ""


def house_number_key(value: str | None) -> str:
    """'12 a', '12-A' and '12a' are one house number."""
    return re.sub(r"[\s\-]", "", (value or "")).casefold()


def _has_house_number(street: str, number: str) -> bool:
    if not number:
        return False
    squeezed = re.sub(r"(\d)[\s\-]+([a-zA-Z]{1,4}\b)", r"\1\2", street or "").casefold()
    return re.search(rf"(?<![\w]){re.escape(number)}(?![\w])", squeezed) is not None


def match_reasons(
    query: PersonQuery,
    *,
    name: str = "",
    date_of_birth: datetime.date | None = None,
    email: str = "",
    phone: str = "",
    postcode: str = "",
    street: str = "",
) -> list[str]:
    """Why a record with these details is the person asked for (empty: it is not)."""
    reasons = []
    if (
        query.name
        and query.date_of_birth
        and date_of_birth == query.date_of_birth
        and fold(name) == fold(query.name)
    ):
        reasons.append("name_dob")
    if query.email and email and email.strip().casefold() == query.email.strip().casefold():
        reasons.append("email")
    wanted_phone = phone_key(query.phone)
    if wanted_phone and phone_key(phone) == wanted_phone:
        reasons.append("phone")
    wanted_postcode = postcode_key(query.postcode)
    if (
        wanted_postcode
        and postcode_key(postcode) == wanted_postcode
        and _has_house_number(street, house_number_key(query.house_number))
    ):
        reasons.append("address")
    return reasons


# --- Turning rows into readable records --------------------------------------------------------


def _text(obj: models.Model, model_field) -> str:
    value = getattr(obj, model_field.attname)
    if value is None or value == "" or value == []:
        return ""
    if model_field.choices:
        display = getattr(obj, f"get_{model_field.name}_display")()
        return str(display)
    if model_field.is_relation:
        return str(getattr(obj, model_field.name))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | dict):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)


def record_of(obj: models.Model, *, skip: Iterable[str] = ()) -> Record:
    """Every concrete field of ``obj`` as label and text, except ``skip`` (secrets such as a
    password hash or a link's token) and the primary key."""
    skipped = {"id", "password", "token_hash", *skip}
    meta = obj._meta
    fields = {}
    for model_field in meta.concrete_fields:
        if model_field.name in skipped:
            continue
        fields[str(model_field.verbose_name)] = _text(obj, model_field)
    return Record(model=meta.label_lower, kind=str(meta.verbose_name), pk=obj.pk, fields=fields)


def records_of(objs: Iterable[models.Model], **kwargs) -> list[Record]:
    return [record_of(obj, **kwargs) for obj in objs]


# --- The audit trail's own provider: the person's actions are kept (a legal hold) -------------


class AuditTrailProvider:
    """What the person did in Omzien, as the audit trail recorded it under their e-mail
    address. It is exported, and kept on erasure: the audit trail is the municipality's
    accountability (AVG art. 5(2), 32) and is never changed."""

    label = _("Audit trail")

    @property
    def models(self):
        from omzien.privacy.models import AuditEvent

        return (AuditEvent,)

    def _events(self, municipality, email: str):
        from omzien.privacy.models import AuditEvent

        return AuditEvent.objects.filter(
            models.Q(municipality=municipality) | models.Q(municipality__isnull=True),
            actor_label__iexact=email.strip(),
        ).select_related("actor", "municipality")

    def _match(self, municipality, email: str, reasons) -> Match | None:
        first = self._events(municipality, email).order_by("pk").first()
        if first is None:
            return None
        return Match(
            provider=AUDIT,
            key=f"actor:{email.strip().casefold()}",
            kind=str(_("Your actions in the audit trail")),
            name=email.strip(),
            matched_on=reasons,
            obj=first,
        )

    def find(self, municipality, query: PersonQuery) -> list[Match]:
        if not query.email.strip():
            return []
        match = self._match(municipality, query.email, ["email"])
        return [match] if match else []

    def get(self, municipality, key: str) -> Match | None:
        kind, _sep, email = key.partition(":")
        if kind != "actor" or not email:
            return None
        return self._match(municipality, email, [])

    def export(self, match: Match) -> list[Record]:
        events = self._events(match.municipality, match.name)
        return records_of(events.order_by("created_at", "pk"))

    def erase(self, match: Match, actor) -> Erasure:
        count = self._events(match.municipality, match.name).count()
        return Erasure(
            holds=[
                Hold(
                    record=str(_("Audit trail: %(count)s events") % {"count": count}),
                    reason=str(
                        _(
                            "The audit trail records who did what with personal data. The "
                            "municipality must be able to show this (AVG art. 5(2) and 32), so "
                            "it is never changed or deleted; it keeps your e-mail address as "
                            "the person who acted."
                        )
                    ),
                )
            ]
        )


AUDIT = "audit"
