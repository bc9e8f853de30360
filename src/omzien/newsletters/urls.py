from django.urls import path, re_path

from omzien.newsletters.views import newsletters, paper, public

app_name = "newsletters"

# One pattern list per topic; the view modules have the same names. Staff pages keep English
# paths under /newsletters/ (docs/adr/0010-dutch-public-paths.md); the public pages are under
# /nieuwsbrief/ (namespace newsletters_public, included in omzien/urls.py).

newsletters_patterns = [
    path("", newsletters.newsletter_list, name="newsletter_list"),
    path("new/", newsletters.newsletter_create, name="newsletter_create"),
    path("settings/", newsletters.settings_edit, name="settings"),
    path("figures/", newsletters.newsletter_figures, name="figures"),
    path("<int:pk>/", newsletters.newsletter_detail, name="newsletter_detail"),
    path("<int:pk>/edit/", newsletters.newsletter_edit, name="newsletter_edit"),
    path("<int:pk>/preview/", newsletters.newsletter_preview, name="newsletter_preview"),
    path(
        "<int:pk>/preview/email/",
        newsletters.newsletter_preview_email,
        name="newsletter_preview_email",
    ),
]

sections_patterns = [
    path("<int:pk>/sections/new/", newsletters.section_add, name="section_add"),
    path("<int:pk>/sections/<int:section>/", newsletters.section_edit, name="section_edit"),
    path(
        "<int:pk>/sections/<int:section>/delete/",
        newsletters.section_delete,
        name="section_delete",
    ),
    path("<int:pk>/sections/<int:section>/move/", newsletters.section_move, name="section_move"),
    path(
        "<int:pk>/sections/<int:section>/image/",
        newsletters.section_image,
        name="section_image",
    ),
]

sending_patterns = [
    path("<int:pk>/send/", newsletters.newsletter_send, name="newsletter_send"),
    path("<int:pk>/resume/", newsletters.newsletter_resume, name="newsletter_resume"),
]

paper_patterns = [
    path("<int:pk>/paper/pdf/", paper.paper_pdf, name="paper_pdf"),
    re_path(
        r"^(?P<pk>[0-9]+)/paper/addresses\.(?P<file_format>csv|xlsx)$",
        paper.paper_addresses,
        name="paper_addresses",
    ),
]

urlpatterns = newsletters_patterns + sections_patterns + sending_patterns + paper_patterns

# Public, Dutch paths under /nieuwsbrief/.
public_patterns = [
    path("bevestigen/<str:token>/", public.confirm, name="confirm"),
    path("afmelden/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("afbeelding/<int:pk>/", public.image, name="image"),
    path("<slug:municipality>/", public.archive, name="archive"),
    path("<slug:municipality>/aanmelden/", public.subscribe, name="subscribe"),
    path("<slug:municipality>/<int:pk>/", public.issue, name="issue"),
]
