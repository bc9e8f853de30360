"""A municipality's texts, contact details and look, edited by its functional administrator."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from omzien.accounts.constants import Role
from omzien.common.services import Actor, EditConflict
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.tenants import services
from omzien.tenants.models import Municipality
from omzien.tenants.validators import contrast_ratio, validate_logo, validate_primary_colour
from omzien.testing.errors import error_codes

TEXTS = {
    "welcome_text": "Welkom in Heerde!",
    "volunteer_insurance_text": "Vrijwilligers zijn collectief verzekerd.",
    "contact_name": "Team Omzien",
    "contact_email": "omzien@heerde.test",
    "contact_phone": "0578 123 456",
    "primary_colour": "#1A5E8C",
}


def _image(fmt="PNG", size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1a5e8c").save(buffer, format=fmt)
    return buffer.getvalue()


def _upload(content: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- Contrast (WCAG 2.1) -----------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#1a5e8c", "#000000", "#767676", "#B00020"])
def test_dark_enough_colours_pass(colour):
    validate_primary_colour(colour)


@pytest.mark.parametrize(
    ("colour", "code"),
    [
        ("#777777", "low_contrast"),  # 4.48:1, just under
        ("#ffcc00", "low_contrast"),
        ("#ffffff", "low_contrast"),
        ("1a5e8c", "invalid_colour"),
        ("#1a5e8", "invalid_colour"),
        ("red", "invalid_colour"),
        ("#12345g", "invalid_colour"),
    ],
)
def test_unreadable_or_malformed_colours_are_refused(colour, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_primary_colour(colour)
    assert excinfo.value.code == code


# --- The logo: only real PNG and JPEG ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_real_png_and_jpeg_pass(fmt):
    assert validate_logo(_upload(_image(fmt))) in ("image/png", "image/jpeg")


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        # A valid PNG header and then garbage.
        (_image()[:40] + b"\x00garbage" * 50, "logo.png", "invalid_logo"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
            b"<script>alert(1)</script></svg>",
            "logo.svg",
            "invalid_logo",
        ),
        (b"<html><script>alert(document.cookie)</script></html>", "logo.png", "invalid_logo"),
        (b"GIF89a" + _image("GIF")[6:], "logo.gif", "invalid_logo"),
        (b"", "logo.png", "invalid_logo"),
    ],
)
def test_hostile_files_are_refused(content, name, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_logo(_upload(content, name))
    assert excinfo.value.code == code


def test_a_file_over_512_kb_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_logo(_upload(_image() + b"\x00" * (512 * 1024)))
    assert excinfo.value.code == "logo_too_large"


def test_a_huge_image_is_refused_before_decoding():
    # A small file that decodes into a very large image (a decompression bomb).
    buffer = io.BytesIO()
    Image.new("1", (10000, 10000)).save(buffer, format="PNG", optimize=True)
    assert len(buffer.getvalue()) < 512 * 1024
    with pytest.raises(ValidationError) as excinfo:
        validate_logo(_upload(buffer.getvalue()))
    assert excinfo.value.code == "logo_too_large"


# --- The service ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_update_saves_texts_and_logo_and_audits(heerde, admin_heerde):
    updated = services.municipality_update_texts(
        municipality=heerde,
        version=heerde.version,
        data=TEXTS,
        logo=_upload(_image()),
        actor=Actor(user=admin_heerde),
    )
    assert updated.welcome_text == "Welkom in Heerde!"
    assert updated.primary_colour == "#1a5e8c"
    assert updated.logo.name.endswith(".png")
    assert updated.version == heerde.version + 1
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="tenants.municipality")
    assert "logo" in event.extra["fields"] and "welcome_text" in event.extra["fields"]


@pytest.mark.django_db
def test_a_stale_edit_overwrites_nothing(heerde, admin_heerde):
    actor = Actor(user=admin_heerde)
    services.municipality_update_texts(
        municipality=heerde, version=heerde.version, data=TEXTS, actor=actor
    )
    with pytest.raises(EditConflict):
        services.municipality_update_texts(
            municipality=heerde,
            version=heerde.version,  # the version the second editor started from
            data={**TEXTS, "welcome_text": "Anders"},
            actor=actor,
        )
    assert Municipality.objects.get(pk=heerde.pk).welcome_text == "Welkom in Heerde!"


@pytest.mark.django_db
def test_low_contrast_colour_is_refused_by_the_service(heerde, admin_heerde):
    with pytest.raises(ValidationError) as excinfo:
        services.municipality_update_texts(
            municipality=heerde,
            version=heerde.version,
            data={**TEXTS, "primary_colour": "#ffcc00"},
            actor=Actor(user=admin_heerde),
        )
    assert error_codes(excinfo.value) == {"primary_colour": ["low_contrast"]}


# --- The pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_settings_page_saves_and_refuses_hostile_logo(admin_client, heerde):
    url = reverse("tenants:settings", args=[heerde.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {**TEXTS, "version": heerde.version, "logo_upload": _upload(b"<svg></svg>", "x.png")},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert "PNG" in response.content.decode()
    assert Municipality.objects.get(pk=heerde.pk).welcome_text == ""
    response = admin_client.post(
        url, {**TEXTS, "version": heerde.version, "logo_upload": _upload(_image())}
    )
    assert response.status_code == 302
    heerde.refresh_from_db()
    assert heerde.contact_email == "omzien@heerde.test" and heerde.logo
    # The header shows it from where it is served (there is no media directory on the web).
    page = admin_client.get(url).content.decode()
    src = re.search(r'class="omzien-header__logo" src="([^"]+)"', page).group(1)
    assert src == reverse("tenants:logo", args=[heerde.slug])
    image = admin_client.get(src)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


@pytest.mark.django_db
def test_settings_of_another_municipality_answer_404(admin_client, dalfsen):
    assert admin_client.get(reverse("tenants:settings", args=[dalfsen.pk])).status_code == 404


@pytest.mark.django_db
def test_logo_is_streamed_with_its_content_type(client, heerde, admin_heerde):
    services.municipality_update_texts(
        municipality=heerde,
        version=heerde.version,
        data=TEXTS,
        logo=_upload(_image("JPEG"), "logo.jpg", "image/jpeg"),
        actor=Actor(user=admin_heerde),
    )
    response = client.get(reverse("tenants:logo", args=[heerde.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.django_db
def test_403_page_shows_the_municipality_contact(client, heerde, make_member):
    Municipality.objects.filter(pk=heerde.pk).update(
        contact_name="Team Omzien Heerde", contact_email="omzien@heerde.test"
    )
    resident = make_member(Role.RESIDENT, heerde)
    client.force_login(resident)
    response = client.get(reverse("privacy:audit_list"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Team Omzien Heerde" in content and "mailto:omzien@heerde.test" in content


@pytest.mark.django_db
def test_welcome_text_on_home_page(client, heerde, make_member):
    Municipality.objects.filter(pk=heerde.pk).update(welcome_text="Welkom, inwoners van Heerde")
    client.force_login(make_member(Role.RESIDENT, heerde))
    assert "Welkom, inwoners van Heerde" in client.get(reverse("ui:home")).content.decode()


def test_the_municipalitys_contact_number_is_stored_in_its_one_form():
    from omzien.tenants.forms import MunicipalityTextsForm

    form = MunicipalityTextsForm(data={"contact_phone": "0578-699300"})
    form.is_valid()
    assert form.cleaned_data["contact_phone"] == "0578 699 300"
    assert "contact_phone" in MunicipalityTextsForm(data={"contact_phone": "123"}).errors
