"""The API documentation page in headless Chromium: Swagger UI from our own static files runs
under the site's Content-Security-Policy (no inline script, no CDN) and shows the API."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.testing.browser import BROWSER_MARKS

pytestmark = BROWSER_MARKS


def test_the_docs_page_shows_the_api_without_csp_errors(live_server, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + reverse("api:docs"))
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Omzien API")
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/vacancies/").first
    ).to_be_visible()
    # The operation opens and shows its parameters (the UI's own script runs).
    page.locator(".opblock-summary-path", has_text="/api/v1/vacancies/").first.click()
    expect(page.locator(".parameters-container").first).to_contain_text("municipality")
    assert not [e for e in page.csp_errors if "Content Security Policy" in e], page.csp_errors
    assert page.csp_errors == []
    # Everything came from this site.
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
