"""The authorization walk: every named URL, requested as anonymous and as every role.

Who may open a page is read from the view (``accounts.permissions.audience_of``); this module
only knows how to *request* each page with real records. Each app lists its URL names in
``<app>/tests/access.py``:

- ``PAGES`` maps a URL name to a :class:`Page`: how to build its URL from a :class:`Side`, the
  method, the data, and the answer that means "let in" (200 for a page, 302 for a POST action
  that redirects back, ...);
- ``build(side)`` (optional) adds the app's records to a side.

A side holds the records of one owner. ``own`` is in Heerde and belongs to the walk's users (one
per role, all in Heerde); ``neighbour`` is in Heerde too but belongs to another resident and
another organisation; ``dalfsen`` is another municipality. The walk expects, for every URL:
anonymous users sent to the login (unless the page is public), users outside the audience 403,
users in it ``Page.success`` for their own records and 404 for the records their audience's
object rule keeps from them. A page a user opens offers no link or form to a view whose audience
leaves that user out (:func:`forbidden_targets`).

Owner and staff at once: ``owned_by_staff`` is in Dalfsen and belongs to ``staff_owner``, who
holds every staff role in Heerde and is a resident and an organisation member in Dalfsen (a
consultant who registered as a carer elsewhere, a broker with a volunteer profile there). Staff
pages (object rule ``municipality``) answer that user 404 for those records although they own
them, and pages of one's own records (``own``, ``organisation``) answer it 404 for Heerde's
records although its staff roles are in Heerde: a staff page applies the staff rule only, an
owner's page the owner's rule only.
"""

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)
from django_otp import DEVICE_ID_SESSION_KEY

from omzien.accounts.constants import STAFF_ROLES, Role
from omzien.accounts.permissions import Audience, ObjectRule, audience_of
from omzien.accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from omzien.tenants.tests.factories import MunicipalityFactory, RegionFactory
from omzien.ui.navigation import may_open

# URL names the walk leaves to their own tests, each with the reason.
EXCLUDED = {
    "admin": "Django's admin site (OTPAdminSite: is_staff and a verified second factor).",
    "two_factor": "django-two-factor-auth's login and device pages (accounts/tests).",
}

# Whose records a user in the audience must not reach, by the audience's object rule.
FORBIDDEN_SIDES = {
    ObjectRule.MUNICIPALITY: ("dalfsen",),
    ObjectRule.ORGANISATION: ("neighbour", "dalfsen"),
    ObjectRule.OWN: ("neighbour", "dalfsen"),
    ObjectRule.PUBLISHED: (),
}
SIDES = ("own", "neighbour", "dalfsen", "owned_by_staff")
ANONYMOUS = "anonymous"
# The user who is staff in Heerde and owns the records of the ``owned_by_staff`` side.
STAFF_OWNER = "staff_owner"
SUPERUSER = "superuser"
# Object rules of the pages that show one's own records: the owner reaches them, staff roles
# do not widen them.
OWNER_RULES = (ObjectRule.OWN, ObjectRule.ORGANISATION)
LOGIN = "login"  # the expected answer: a redirect to the login page


def _no_kwargs(side) -> dict:
    return {}


@dataclass(frozen=True)
class Page:
    """How the walk requests one URL name."""

    kwargs: Callable[["Side"], dict] = _no_kwargs
    method: str = "get"
    data: Callable[["Side"], dict] = _no_kwargs
    # The answer that means the user was let in: 200 for a page, 302 for an action that
    # redirects back, ... (a 302 to the login page never counts).
    success: int = 200
    # When it differs for a logged-in user (the sign-up page sends them to My Omzien).
    signed_in: int | None = None
    # When it differs for the platform superuser, who reaches every municipality's records
    # but not what one person made for themselves (an import's report, a juror's scores).
    superuser: int | None = None


def action(kwargs: Callable[["Side"], dict] = _no_kwargs, data=_no_kwargs) -> Page:
    """A POST-only endpoint: it does its work (or says why not) and redirects."""
    return Page(kwargs=kwargs, method="post", data=data, success=302)


class Side(SimpleNamespace):
    """The records of one owner, and the users who own them; apps' ``build`` add to it."""


@dataclass
class World:
    users: dict[str, object]  # role -> the walk's user with that role in Heerde
    sides: dict[str, Side]
    staff_owner: object = None  # every staff role in Heerde, owns ``owned_by_staff``
    superuser: object = None  # the platform superuser: every staff role everywhere, owns nothing
    sessions: dict[str, str] = field(default_factory=dict)  # role -> session key


# --- Discovery ---------------------------------------------------------------------------------


def access_modules() -> list:
    """``<app>.tests.access`` of every Omzien app that has one, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("omzien."):
            continue
        name = f"{config.name}.tests.access"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return found


def all_pages() -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for module in access_modules():
        for name, page in getattr(module, "PAGES", {}).items():
            assert name not in pages, f"{name} is listed twice"
            pages[name] = page
    return pages


# --- The records ------------------------------------------------------------------------------


def _user(role, municipality, **fields):
    user = UserFactory(**fields)
    MembershipFactory(user=user, municipality=municipality, role=role)
    TOTPDeviceFactory(user=user)
    return user


def _side(name, municipality, *, resident, member, staff) -> Side:
    return Side(
        name=name,
        municipality=municipality,
        resident=resident,
        member=member,
        broker=staff[Role.BROKER],
        consultant=staff[Role.CONSULTANT],
        referrer=staff[Role.REFERRER],
    )


def build_world() -> World:
    """The users (one per role, in Heerde), their sessions, and every app's records on the
    three sides. Call inside a transaction that is rolled back afterwards."""
    region = RegionFactory(name="Heerde, Epe en Hattem", slug="heerde-epe-hattem")
    heerde = MunicipalityFactory(cbs_code="GM0246", name="Heerde", slug="heerde", region=region)
    dalfsen = MunicipalityFactory(cbs_code="GM0148", name="Dalfsen", slug="dalfsen")
    users = {role: _user(role, heerde, full_name=f"Walk {role.label}") for role in Role}
    dalfsen_staff = {role: _user(role, dalfsen) for role in Role}
    sides = {
        "own": _side(
            "own",
            heerde,
            resident=users[Role.RESIDENT],
            member=users[Role.ORGANISATION_MEMBER],
            staff=users,
        ),
        "neighbour": _side(
            "neighbour",
            heerde,
            resident=_user(Role.RESIDENT, heerde),
            member=_user(Role.ORGANISATION_MEMBER, heerde),
            staff=users,
        ),
        "dalfsen": _side(
            "dalfsen",
            dalfsen,
            resident=dalfsen_staff[Role.RESIDENT],
            member=dalfsen_staff[Role.ORGANISATION_MEMBER],
            staff=dalfsen_staff,
        ),
    }
    # Staff in Heerde (every staff role) and, in Dalfsen, a resident and organisation member.
    staff_owner = _user(Role.RESIDENT, dalfsen, full_name="Walk staff and owner")
    MembershipFactory(user=staff_owner, municipality=dalfsen, role=Role.ORGANISATION_MEMBER)
    for role in STAFF_ROLES:
        MembershipFactory(user=staff_owner, municipality=heerde, role=role)
    staff_owner = type(staff_owner).objects.get(pk=staff_owner.pk)  # its roles read afresh
    sides["owned_by_staff"] = _side(
        "owned_by_staff",
        dalfsen,
        resident=staff_owner,
        member=staff_owner,
        staff={**dalfsen_staff, Role.REFERRER: staff_owner},
    )
    superuser = UserFactory(is_superuser=True, is_staff=True, full_name="Walk superuser")
    TOTPDeviceFactory(user=superuser)
    world = World(users=users, sides=sides, staff_owner=staff_owner, superuser=superuser)
    # Log in first: a login changes the account, which would void tokens made before it.
    for role, user in [*users.items(), (STAFF_OWNER, staff_owner), (SUPERUSER, superuser)]:
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
        session.save()
        world.sessions[role] = session.session_key
    for module in access_modules():
        build = getattr(module, "build", None)
        if build is not None:
            for name in SIDES:
                build(sides[name])
    return world


# --- Coverage: every URL name is known and declares its audience -------------------------------


def _excluded(name: str) -> bool:
    return name in EXCLUDED or name.split(":", 1)[0] in EXCLUDED


def url_patterns(patterns=None, namespace=""):
    """(qualified name or None, pattern, namespace) of every URL pattern, included ones too."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, pattern, namespace


def url_for(name: str, page: Page, side: Side) -> str:
    return reverse(name, kwargs=page.kwargs(side))


def coverage_problems(world: World, pages: dict[str, Page] | None = None) -> list[str]:
    """What keeps the walk from proving every URL: names it does not know, views without an
    audience, pages that name records without an object rule, URLs it cannot build."""
    pages = all_pages() if pages is None else pages
    problems = []
    named = set()
    for name, pattern, namespace in url_patterns():
        if name is None:
            if not _excluded(namespace) and audience_of(pattern.callback) is None:
                problems.append(f"unnamed URL {pattern.pattern}: its view declares no audience")
            continue
        if _excluded(name) or name in named:
            continue
        named.add(name)
        page = pages.get(name)
        if page is None:
            problems.append(f"{name}: no expectation (add it to its app's tests/access.py)")
            continue
        audience = audience_of(pattern.callback)
        if audience is None:
            problems.append(f"{name}: its view declares no audience")
            continue
        takes_records = bool(pattern.pattern.converters)
        if takes_records and audience.login and not audience.rule:
            problems.append(f"{name}: names records but its audience declares no object rule")
            continue
        forbidden = FORBIDDEN_SIDES[audience.rule] if takes_records and audience.login else ()
        for side in ("own", *forbidden):
            try:
                url = url_for(name, page, world.sides[side])
            except (AttributeError, KeyError, NoReverseMatch) as error:
                problems.append(f"{name}: cannot build its URL with {side}'s records ({error!r})")
                continue
            if audience_of(resolve(url).func) != audience:
                problems.append(f"{name}: {url} resolves to another view")
    problems.extend(f"{name}: listed in PAGES but not a URL name" for name in pages.keys() - named)
    return problems


# --- The walk ----------------------------------------------------------------------------------


def plan(world: World, name: str, page: Page, audience: Audience) -> list[tuple[str, str, object]]:
    """(who, whose records, expected answer) for one URL name."""
    takes_records = bool(resolve(url_for(name, page, world.sides["own"])).kwargs)
    rows = [(ANONYMOUS, "own", page.success if audience.is_public else LOGIN)]
    for role, user in world.users.items():
        if not audience.admits(user):
            rows.append((role, "own", 403))
            continue
        rows.append((role, "own", page.signed_in or page.success))
        if takes_records and not audience.is_public:
            rows.extend((role, side, 404) for side in FORBIDDEN_SIDES[audience.rule])
    if takes_records and not audience.is_public and audience.admits(world.staff_owner):
        rows.extend(_staff_owner_rows(audience, page))
    rows.extend(_superuser_rows(world, audience, page, takes_records))
    return rows


def _superuser_rows(world: World, audience: Audience, page: Page, takes_records: bool):
    """The platform superuser holds every staff role in every municipality and no resident's
    or organisation member's role (``User.has_role``): staff pages let it in, for Heerde's
    records and Dalfsen's alike; the pages of one's own records and organisation answer 403."""
    if not audience.admits(world.superuser):
        return [(SUPERUSER, "own", 403)]
    expected = page.superuser or page.signed_in or page.success
    rows = [(SUPERUSER, "own", expected)]
    if takes_records and audience.rule == ObjectRule.MUNICIPALITY:
        rows.append((SUPERUSER, "dalfsen", expected))
    return rows


def _staff_owner_rows(audience: Audience, page: Page) -> list[tuple[str, str, object]]:
    """A staff account that owns records as a resident elsewhere: the staff rule on staff
    pages, the owner's rule on the owner's pages, never the two combined."""
    if audience.two_factor:
        # A staff page: its own records in Dalfsen are not its staff roles' records. (Heerde's
        # records are left to the walk's users: some staff pages show only what the staff
        # member made themselves, such as an import's report.)
        return [(STAFF_OWNER, "owned_by_staff", 404)]
    if audience.rule in (*OWNER_RULES, ObjectRule.MUNICIPALITY):
        # A page of one's own records (or of the municipality where one is a resident):
        # Heerde's records are its staff roles' municipality's, but not its own.
        return [(STAFF_OWNER, "owned_by_staff", page.success), (STAFF_OWNER, "own", 404)]
    return []


def fetch(world: World, who: str, name: str, page: Page, side: Side):
    """One request, in a transaction that is rolled back: the records stay as built."""
    client = Client()
    if who != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[who]
    with transaction.atomic():
        send = getattr(client, page.method)
        response = send(url_for(name, page, side), page.data(side))
        if response.streaming:
            b"".join(response.streaming_content)  # downloads are produced while read
        transaction.set_rollback(True)
    return response


def _answer(response) -> str:
    if response.status_code in (301, 302):
        return f"{response.status_code} to {response['Location']}"
    return str(response.status_code)


def _matches(response, expected) -> bool:
    login = reverse(settings.LOGIN_URL)
    redirect_to_login = response.status_code == 302 and response["Location"].startswith(login)
    if expected == LOGIN:
        return redirect_to_login
    return response.status_code == expected and not redirect_to_login


# The address a link or a form of a page leads to (a path of this site; query left off).
_TARGET = re.compile(r'<(?:a|form)\b[^>]*?\s(?:href|action)="(/[^"?#]*)')


def forbidden_targets(response, user) -> list[str]:
    """The links and forms of a page that lead ``user`` to a view whose declared audience
    does not admit them: a page offers no way to a 403."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return []
    found = []
    for path in sorted(set(_TARGET.findall(response.content.decode()))):
        try:
            if not may_open(user, path):
                found.append(path)
        except Resolver404:
            continue  # static and media files
    return found


def _user_of(world: World, who: str):
    return {STAFF_OWNER: world.staff_owner, SUPERUSER: world.superuser}.get(who) or world.users[who]


def walk_problems(world: World, name: str, page: Page) -> list[str]:
    """Every answer of ``name`` that differs from what its view declares, and every link or
    form on a page its user may not follow."""
    audience = audience_of(resolve(url_for(name, page, world.sides["own"])).func)
    if audience is None:
        return [f"{name}: its view declares no audience"]
    problems = []
    for who, side, expected in plan(world, name, page, audience):
        response = fetch(world, who, name, page, world.sides[side])
        if not _matches(response, expected):
            problems.append(
                f"{name} as {who} with {side}'s records: {_answer(response)}, expected {expected}"
            )
        if who != ANONYMOUS:
            user = _user_of(world, who)
            problems.extend(
                f"{name} as {who} with {side}'s records links to {target}, which answers 403"
                for target in forbidden_targets(response, user)
            )
    return problems


# --- The platform's own pages ------------------------------------------------------------------

PAGES = {
    "ui:home": Page(),
    "ui:privacy": Page(),
    "ui:dashboard": Page(),
    # The language switch: a POST that sets the language and goes back (ui/tests/test_pages.py).
    "set_language": action(data=lambda s: {"language": "en", "next": "/"}),
    # The old English paths of pages that moved (ui.redirects): public, 301 to the Dutch path
    # (where to: ui/tests/test_redirects.py).
    "moved_carer": Page(lambda s: {"rest": "register/"}, success=301),
    "moved_screening": Page(lambda s: {"rest": "thanks/"}, success=301),
    "moved_volunteering": Page(lambda s: {"rest": f"vacancies/{s.vacancy.pk}/"}, success=301),
}
