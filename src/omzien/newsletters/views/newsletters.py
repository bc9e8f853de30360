"""Staff pages: compose a newsletter (sections, audiences), preview it, send it and follow the
sending; the sender settings (functional administrator) and the reach figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.common.services import Actor
from omzien.newsletters import constants, sources
from omzien.newsletters.forms.newsletters import (
    NewsletterForm,
    SettingsForm,
    SourceSectionForm,
    TextSectionForm,
)
from omzien.newsletters.models import STAFF_ROLES
from omzien.newsletters.permissions import (
    ADMIN_ROLES,
    figures_required,
    newsletter_staff_required,
    settings_required,
)
from omzien.newsletters.selectors import figures as figure_selectors
from omzien.newsletters.selectors import newsletters as selectors
from omzien.newsletters.selectors.audiences import audience_build
from omzien.newsletters.selectors.rendering import (
    email_render,
    newsletter_parts,
    staff_image_url,
)
from omzien.newsletters.services import newsletters as services
from omzien.newsletters.services import sending
from omzien.ui.actions import perform, posted_version
from omzien.ui.municipality import working_municipality
from omzien.ui.pagination import paginate


def _posted(request):
    """The form data of a POST (also an empty one, so it shows what is missing), else None."""
    return request.POST if request.method == "POST" else None


def _staff_municipalities(user) -> list:
    municipalities = user.municipalities(STAFF_ROLES)
    if not municipalities:
        raise PermissionDenied
    return municipalities


@newsletter_staff_required
def newsletter_list(request):
    newsletters = selectors.newsletter_list(user=request.user)
    status = request.GET.get("status", "")
    if status in constants.NewsletterStatus.values:
        newsletters = newsletters.filter(status=status)
    if request.GET.get("problems"):
        newsletters = newsletters.filter(problem_count__gt=0)
    page, query = paginate(request, newsletters)
    return render(
        request,
        "newsletters/newsletters/list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": constants.NewsletterStatus.choices,
            "many_municipalities": len(request.user.municipality_ids_for(STAFF_ROLES)) > 1,
        },
    )


@newsletter_staff_required
def newsletter_create(request):
    municipalities = _staff_municipalities(request.user)
    form = NewsletterForm(_posted(request), municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.newsletter_create(
                municipality=form.cleaned_data.get("municipality") or municipalities[0],
                data=form.data_for_service(),
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The newsletter has been created. Now add its sections."),
        )
        if result:
            return redirect("newsletters:newsletter_detail", pk=result.value.pk)
    return render(request, "newsletters/newsletters/form.html", {"form": form, "creating": True})


def _detail_context(request, newsletter) -> dict:
    counts = selectors.delivery_counts(newsletter=newsletter)
    context = {
        "newsletter": newsletter,
        "sections": selectors.sections_of(newsletter),
        "counts": counts,
        "segments": [
            label for value, label in constants.Segment.choices if value in newsletter.segments
        ],
        "sources": sources.sources(),
        "kinds": [
            (constants.SectionKind.TEXT, _("Text")),
            (constants.SectionKind.NEWS, _("News item")),
        ],
    }
    if newsletter.is_draft and newsletter.segments:
        audience = audience_build(
            municipality=newsletter.municipality, segments=newsletter.segments
        )
        context["audience"] = {
            "email": audience.count(constants.Channel.EMAIL),
            "post": audience.count(constants.Channel.POST),
            "unreachable": audience.unreachable,
            "duplicates": audience.duplicates,
        }
    if not newsletter.is_draft:
        context["problems"] = selectors.problem_deliveries(newsletter=newsletter)
        done = counts["sent"] + counts["failed"] + counts["unknown"]
        context["percent"] = round(100 * done / counts["email"]) if counts["email"] else 100
    return context


@newsletter_staff_required
def newsletter_detail(request, pk):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    context = _detail_context(request, newsletter)
    if request.headers.get("HX-Request"):  # the progress polling while sending
        if newsletter.status != constants.NewsletterStatus.SENDING:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, "newsletters/sending/_progress.html", context)
    return render(request, "newsletters/newsletters/detail.html", context)


@newsletter_staff_required
def newsletter_edit(request, pk):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    if not newsletter.is_draft:
        messages.error(request, _("This newsletter is no longer a draft: it cannot be changed."))
        return redirect("newsletters:newsletter_detail", pk=pk)
    form = NewsletterForm(_posted(request), instance=newsletter)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.newsletter_update(
                newsletter=newsletter,
                version=posted_version(request),
                data=form.data_for_service(),
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The changes have been saved."),
        )
        if result:
            return redirect("newsletters:newsletter_detail", pk=pk)
        if result.conflict:
            return redirect("newsletters:newsletter_edit", pk=pk)
    return render(
        request, "newsletters/newsletters/form.html", {"form": form, "newsletter": newsletter}
    )


@newsletter_staff_required
def newsletter_preview(request, pk):
    """The newsletter as a web page, as readers of the archive will see it."""
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    parts = newsletter_parts(newsletter=newsletter, image_url=staff_image_url)
    return render(
        request,
        "newsletters/newsletters/preview.html",
        {"newsletter": newsletter, "parts": parts, "municipality": newsletter.municipality},
    )


@newsletter_staff_required
def newsletter_preview_email(request, pk):
    """The e-mail's HTML as it leaves (with a placeholder unsubscribe link)."""
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    parts = email_render(newsletter=newsletter, image_url=staff_image_url)
    if request.GET.get("format") == "text":
        return HttpResponse(parts.text, content_type="text/plain; charset=utf-8")
    response = HttpResponse(parts.html)
    # The e-mail's own inline styles, shown as they are; nothing else may run in it.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"
    )
    return response


def _section_form(request, newsletter, kind, source, section=None):
    files = request.FILES if request.method == "POST" else None
    data = _posted(request)
    if kind == constants.SectionKind.SOURCE:
        initial = (
            {"heading": section.heading, "source_ids": section.source_ids} if section else None
        )
        return SourceSectionForm(
            data, initial=initial, choices=source.choices(newsletter.municipality)
        )
    initial = None
    if section is not None:
        initial = {
            "heading": section.heading,
            "body": section.body,
            "link": section.link,
            "image_alt": section.image_alt,
        }
    return TextSectionForm(
        data,
        files,
        initial=initial,
        kind=kind,
        has_image=bool(section and section.image),
    )


@newsletter_staff_required
def section_add(request, pk):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    if not newsletter.is_draft:
        messages.error(request, _("This newsletter is no longer a draft: it cannot be changed."))
        return redirect("newsletters:newsletter_detail", pk=pk)
    kind = request.GET.get("kind", "")
    source = None
    if kind.startswith("source:"):
        source = sources.source(kind.partition(":")[2])
        if source is None:
            raise Http404
        kind = constants.SectionKind.SOURCE
    if kind not in constants.SectionKind.values:
        return render(
            request,
            "newsletters/sections/choose.html",
            {"newsletter": newsletter, "sources": sources.sources()},
        )
    form = _section_form(request, newsletter, kind, source)
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        if source is not None:
            data["source_key"] = source.key
        result = perform(
            request,
            lambda: services.section_add(
                newsletter=newsletter, kind=kind, data=data, actor=Actor.from_request(request)
            ),
            form=form,
            success=_("The section has been added."),
        )
        if result:
            return redirect("newsletters:newsletter_detail", pk=pk)
    return render(
        request,
        "newsletters/sections/form.html",
        {"newsletter": newsletter, "form": form, "kind": kind, "source": source},
    )


@newsletter_staff_required
def section_edit(request, pk, section):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    section = selectors.section_get(newsletter=newsletter, pk=section)
    if not newsletter.is_draft:
        messages.error(request, _("This newsletter is no longer a draft: it cannot be changed."))
        return redirect("newsletters:newsletter_detail", pk=pk)
    source = (
        sources.source(section.source_key) if section.kind == constants.SectionKind.SOURCE else None
    )
    if section.kind == constants.SectionKind.SOURCE and source is None:
        messages.error(request, _("The source of this section is no longer available."))
        return redirect("newsletters:newsletter_detail", pk=pk)
    form = _section_form(request, newsletter, section.kind, source, section)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.section_update(
                section=section,
                data=form.data_for_service(),
                actor=Actor.from_request(request),
                version=posted_version(request),
            ),
            form=form,
            success=_("The section has been saved."),
        )
        if result:
            return redirect("newsletters:newsletter_detail", pk=pk)
        if result.conflict:  # the section as it is now
            return redirect(request.get_full_path())
    return render(
        request,
        "newsletters/sections/form.html",
        {
            "newsletter": newsletter,
            "form": form,
            "kind": section.kind,
            "source": source,
            "section": section,
        },
    )


@newsletter_staff_required
@require_POST
def section_delete(request, pk, section):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    section = selectors.section_get(newsletter=newsletter, pk=section)
    perform(
        request,
        lambda: services.section_delete(section=section, actor=Actor.from_request(request)),
        success=_("The section has been removed."),
    )
    return redirect("newsletters:newsletter_detail", pk=pk)


@newsletter_staff_required
@require_POST
def section_move(request, pk, section):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    section = selectors.section_get(newsletter=newsletter, pk=section)
    perform(
        request,
        lambda: services.section_move(
            section=section,
            up=request.POST.get("direction") == "up",
            actor=Actor.from_request(request),
        ),
    )
    return redirect(f"{request.path.rsplit('/sections/', 1)[0]}/#section-{section.pk}")


@newsletter_staff_required
def section_image(request, pk, section):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    section = selectors.section_get(newsletter=newsletter, pk=section)
    return image_response(section)


def image_response(section):
    if not section.image:
        raise Http404
    kind = "image/png" if section.image.name.endswith(".png") else "image/jpeg"
    response = FileResponse(section.image.open("rb"), content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@newsletter_staff_required
@require_POST
def newsletter_send(request, pk):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    result = perform(
        request,
        lambda: sending.newsletter_send(
            newsletter=newsletter,
            actor=Actor.from_request(request),
            expected=request.POST.get("expected", constants.NewsletterStatus.DRAFT),
        ),
    )
    if result:
        messages.success(
            request,
            _("Sending has started: %(count)d recipients. This page shows the progress.")
            % {"count": result.value},
        )
    return redirect("newsletters:newsletter_detail", pk=pk)


@newsletter_staff_required
@require_POST
def newsletter_resume(request, pk):
    newsletter = selectors.newsletter_get(user=request.user, pk=pk)
    perform(
        request,
        lambda: sending.newsletter_resume(newsletter=newsletter, actor=Actor.from_request(request)),
        success=_("Sending carries on with the e-mails still waiting."),
    )
    return redirect("newsletters:newsletter_detail", pk=pk)


@settings_required
def settings_edit(request):
    municipalities = request.user.municipalities(ADMIN_ROLES)
    municipality = working_municipality(request, municipalities)
    current = selectors.settings_get(municipality=municipality)
    form = SettingsForm(_posted(request), instance=current)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.settings_save(
                municipality=municipality,
                data=form.data_for_service(),
                actor=Actor.from_request(request),
                version=posted_version(request),
            ),
            form=form,
            success=_("The newsletter settings have been saved."),
        )
        if result or result.conflict:  # after a conflict: the current settings
            return redirect(f"{request.path}?municipality={municipality.pk}")
    return render(
        request,
        "newsletters/settings/form.html",
        {"form": form, "municipality": municipality, "municipality_choice": municipalities},
    )


@figures_required
def newsletter_figures(request):
    return render(
        request,
        "newsletters/figures/reach.html",
        {
            "rows": figure_selectors.reach_list(user=request.user),
            "many_municipalities": len(
                request.user.municipality_ids_for(figure_selectors.FIGURE_ROLES)
            )
            > 1,
        },
    )
