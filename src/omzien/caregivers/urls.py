from django.urls import include, path

from omzien.caregivers.views import awareness, campaigns, caregivers, io, referrals, screening

app_name = "caregivers"

# One pattern list per topic; the view modules have the same names.

caregivers_patterns = [
    path("", caregivers.registry, name="registry"),
    path("new/", caregivers.register, name="register"),
    path("caseload/", caregivers.caseload_view, name="caseload"),
    path("unassigned/", caregivers.unassigned, name="unassigned"),
    path("<int:pk>/take-on/", caregivers.take_on, name="take_on"),
    path("<int:pk>/", caregivers.detail, name="detail"),
    path("<int:pk>/edit/", caregivers.edit, name="edit"),
    path("<int:pk>/timeline/", caregivers.timeline, name="timeline"),
    path("<int:pk>/relationships/new/", caregivers.relationship_new, name="relationship_new"),
    path(
        "<int:pk>/relationships/<int:rel>/", caregivers.relationship_edit, name="relationship_edit"
    ),
    path(
        "<int:pk>/relationships/<int:rel>/end/",
        caregivers.relationship_end,
        name="relationship_end",
    ),
    path("<int:pk>/contacts/new/", caregivers.contact_new, name="contact_new"),
    path("<int:pk>/intensive/", caregivers.intensive, name="intensive"),
    path("<int:pk>/end-care/", caregivers.end_care, name="end_care"),
    path("<int:pk>/reactivate/", caregivers.reactivate, name="reactivate"),
    path("<int:pk>/merge/", caregivers.merge, name="merge"),
    path(
        "<int:pk>/link-account/<int:registration>/",
        caregivers.link_account,
        name="link_account",
    ),
    path("<int:pk>/remove/", caregivers.remove, name="remove"),
]

screening_patterns = [
    path("<int:pk>/screenings/new/", screening.screening_new, name="screening_new"),
    path("<int:pk>/screenings/invite/", screening.screening_invite, name="screening_invite"),
    path("signals/", screening.alert_list, name="alerts"),
    path("signals/<int:alert_pk>/resolve/", screening.alert_resolve, name="alert_resolve"),
    path("signals/<int:alert_pk>/report/", screening.alert_report, name="alert_report"),
    path("settings/", screening.settings_edit, name="settings"),
]

# Public: the carer's own questionnaire through the one-time link (no login), under
# /mantelzorg/vragenlijst/ with the carers' own pages (docs/adr/0010-dutch-public-paths.md).
screening_public_patterns = [
    path("bedankt/", screening.screening_thanks, name="screening_thanks"),
    path("<str:token>/", screening.screening_fill, name="screening_fill"),
]

io_patterns = [
    path("import/", io.import_view, name="import"),
    path("import/<int:pk>/", io.import_job, name="import_job"),
    path("import/template/", io.import_template, name="import_template"),
    path("export/", io.export, name="export"),
]

referrals_patterns = [
    path("<int:pk>/referrals/new/", referrals.referral_new, name="referral_new"),
    path(
        "<int:pk>/referrals/<int:ref>/outcome/", referrals.referral_outcome, name="referral_outcome"
    ),
    path("incoming/", referrals.incoming_list, name="incoming_list"),
    path("incoming/<int:pk>/", referrals.incoming_detail, name="incoming_detail"),
    path("incoming/<int:pk>/link/", referrals.incoming_link, name="incoming_link"),
    path("incoming/<int:pk>/register/", referrals.incoming_register, name="incoming_register"),
    path("incoming/<int:pk>/decline/", referrals.incoming_decline, name="incoming_decline"),
    path("refer/", referrals.refer, name="refer"),
    path("refer/mine/", referrals.my_referrals, name="my_referrals"),
    path("figures/", referrals.figures, name="figures"),
]

# Campaign pages (Week van de mantelzorg, ...): the editors' pages.
campaigns_patterns = [
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/preview/", campaigns.campaign_preview, name="campaign_preview"),
]

# omzien/urls.py includes this module at the root: both prefixes share the namespace.
urlpatterns = [
    path(
        "carers/",
        include(
            caregivers_patterns
            + screening_patterns
            + io_patterns
            + referrals_patterns
            + campaigns_patterns
        ),
    ),
    path("mantelzorg/vragenlijst/", include(screening_public_patterns)),
]

# The pages for carers themselves (public registration, their own registration), under
# /mantelzorg/ with the namespace "carer": omzien/urls.py includes (carer_patterns, "carer").
carer_patterns = [
    path("aanmelden/", caregivers.self_register, name="self_register"),
    path("aanmelden/klaar/", caregivers.self_register_done, name="self_register_done"),
    path("mijn-aanmelding/", caregivers.my_registration, name="mine"),
    path("mijn-aanmelding/<int:pk>/wijzigen/", caregivers.my_edit, name="edit"),
    path("mijn-aanmelding/intrekken/", caregivers.my_withdraw, name="withdraw"),
    # Recognising carers (awareness): what mantelzorg is, the checks, the campaign pages.
    path("wat-is-mantelzorg/", awareness.what_is, name="what_is"),
    path("ben-ik-mantelzorger/", awareness.check, name="check"),
    path("jonge-mantelzorgers/", awareness.young, name="young"),
    path("campagne/<slug:slug>/", campaigns.campaign_public, name="campaign"),
]

# The English paths of the carers' public pages before: omzien/urls.py answers them with a
# permanent redirect (omzien.ui.redirects.moved), each segment translated.
moved_carer_segments = {
    "register": "aanmelden",
    "done": "klaar",
    "mine": "mijn-aanmelding",
    "edit": "wijzigen",
    "withdraw": "intrekken",
}
moved_screening_segments = {"thanks": "bedankt"}
