"""A request body over OMZIEN_MAX_REQUEST_BYTES is refused (413) before Django reads it."""

from wsgiref.util import is_hop_by_hop

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from omzien.common.middleware import RequestSizeMiddleware

pytestmark = pytest.mark.django_db


def test_a_post_over_the_limit_gets_a_dutch_413(client, settings):
    settings.OMZIEN_MAX_REQUEST_BYTES = 10_000
    upload = SimpleUploadedFile("groot.csv", b"x" * 20_000)
    response = client.post(reverse("two_factor:login"), {"file": upload})
    assert response.status_code == 413
    assert "Bestand te groot" in response.text and "Er is niets opgeslagen." in response.text
    assert not [name for name in response.headers if is_hop_by_hop(name)]  # WSGI forbids them


def test_a_post_within_the_limit_reaches_the_view(client, settings):
    settings.OMZIEN_MAX_REQUEST_BYTES = 10_000
    upload = SimpleUploadedFile("klein.csv", b"x" * 2_000)
    assert client.post(reverse("two_factor:login"), {"file": upload}).status_code != 413


def test_the_body_is_not_read(settings):
    settings.OMZIEN_MAX_REQUEST_BYTES = 10_000
    request = RequestFactory().post("/", {"file": SimpleUploadedFile("groot.csv", b"x" * 20_000)})

    def view(request):
        raise AssertionError("the view was called")

    assert RequestSizeMiddleware(view)(request).status_code == 413
    assert not request.META["wsgi.input"].read_started
