"""A newsletter as its readers see it: the sections in order, free text split into paragraphs,
and the items of each "source" section asked from its source (one call per section)."""

import base64
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from omzien.common.links import absolute_url
from omzien.newsletters import sources
from omzien.newsletters.constants import IMAGE_FORMATS, SectionKind
from omzien.newsletters.models import Newsletter, Section

LANGUAGE = "nl"  # newsletters go out in Dutch
# Where the worker puts each recipient's own unsubscribe link in the rendered message.
UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/__omzien_unsubscribe__"


@dataclass
class Part:
    kind: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    link: str = ""
    image_url: str = ""
    image_alt: str = ""
    items: list[sources.Item] = field(default_factory=list)
    source_label: str = ""


def paragraphs(text: str) -> list[str]:
    """Plain text into paragraphs: a blank line starts a new one."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def sections_of(newsletter: Newsletter) -> list[Section]:
    return list(Section.objects.filter(newsletter=newsletter).order_by("position", "pk"))


def public_image_url(section: Section) -> str:
    return reverse("newsletters_public:image", args=[section.pk])


def staff_image_url(section: Section) -> str:
    return reverse("newsletters:section_image", args=[section.newsletter_id, section.pk])


def data_image_url(section: Section) -> str:
    """The image inline (for the PDF, which reads no URLs of this site)."""
    with section.image.open("rb") as handle:
        content = handle.read()
    kind = IMAGE_FORMATS["PNG"] if section.image.name.endswith(".png") else IMAGE_FORMATS["JPEG"]
    return f"data:{kind};base64,{base64.b64encode(content).decode()}"


def _absolute(url: str) -> str:
    return url if "://" in url else absolute_url(None, url) if url else ""


def newsletter_parts(
    *,
    newsletter: Newsletter,
    image_url: Callable[[Section], str],
    absolute: bool = False,
    section_list: list[Section] | None = None,
) -> list[Part]:
    parts = []
    for section in section_list if section_list is not None else sections_of(newsletter):
        part = Part(kind=section.kind, heading=section.heading)
        if section.kind in (SectionKind.TEXT, SectionKind.NEWS):
            part.paragraphs = paragraphs(section.body)
            part.link = section.link
            if section.image:
                url = image_url(section)
                part.image_url = _absolute(url) if absolute and url.startswith("/") else url
                part.image_alt = section.image_alt
        elif section.kind == SectionKind.SOURCE:
            source = sources.source(section.source_key)
            if source is None:
                continue
            part.source_label = str(source.label)
            part.items = list(
                source.items(newsletter.municipality, [str(i) for i in section.source_ids])
            )
            if absolute:
                part.items = [
                    sources.Item(
                        title=item.title,
                        when=item.when,
                        where=item.where,
                        text=item.text,
                        url=_absolute(item.url),
                    )
                    for item in part.items
                ]
            if not part.items:
                continue
        parts.append(part)
    return parts


def web_url(newsletter: Newsletter) -> str:
    return reverse("newsletters_public:issue", args=[newsletter.municipality.slug, newsletter.pk])


@dataclass(frozen=True)
class EmailParts:
    subject: str
    text: str
    html: str


def email_render(
    *, newsletter: Newsletter, image_url: Callable[[Section], str] = public_image_url
) -> EmailParts:
    """The message once, with :data:`UNSUBSCRIBE_PLACEHOLDER` where each recipient's own
    unsubscribe link goes."""
    context = {
        "newsletter": newsletter,
        "municipality": newsletter.municipality,
        "parts": newsletter_parts(newsletter=newsletter, image_url=image_url, absolute=True),
        "web_url": absolute_url(None, web_url(newsletter)),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
    }
    with translation.override(LANGUAGE):
        return EmailParts(
            subject=newsletter.title,
            text=render_to_string("newsletters/email/newsletter.txt", context),
            html=render_to_string("newsletters/email/newsletter.html", context),
        )
