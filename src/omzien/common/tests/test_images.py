"""common.images: every uploaded picture is decoded whole, in an accepted format, before use."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from omzien.common.images import ImageTooLarge, UnusableImage, inspect_image
from omzien.testing.files import png_declaring

FORMATS = ("PNG", "JPEG")


def _upload(data: bytes, name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _saved(fmt: str, size=(200, 120)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 160)).save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_whole_image_of_an_accepted_format_is_read(fmt):
    upload = _upload(_saved(fmt))
    assert inspect_image(upload, formats=FORMATS, max_pixels=10**6) == (fmt, 200, 120)
    assert upload.tell() == 0  # ready to be stored


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"<svg onload='alert(1)'/>", id="svg"),
        pytest.param(b"<html><script>alert(1)</script></html>", id="html"),
        pytest.param(_saved("GIF"), id="another format"),
        pytest.param(_saved("PNG")[:60], id="truncated png"),
        pytest.param(_saved("JPEG")[:300], id="truncated jpeg"),
    ],
)
@pytest.mark.parametrize("tolerant", [False, True], ids=["strict Pillow", "after WeasyPrint"])
def test_anything_but_a_whole_image_is_unusable(data, tolerant, monkeypatch):
    """Also once WeasyPrint is loaded: it makes Pillow accept images whose pixel data stops
    early (ImageFile.LOAD_TRUNCATED_IMAGES, for the whole process), which then show grey where
    data is missing; a file broken in its structure is refused either way."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", tolerant)
    with pytest.raises(UnusableImage):
        inspect_image(_upload(data), formats=FORMATS, max_pixels=10**6)


@pytest.mark.parametrize(
    ("width", "height", "known"),
    [(2000, 2000, True), (100_000, 100_000, False)],  # the second beyond Pillow's own limit
)
def test_an_image_declaring_too_many_pixels_is_refused_before_decoding(width, height, known):
    with pytest.raises(ImageTooLarge) as refused:
        inspect_image(_upload(png_declaring(width, height)), formats=FORMATS, max_pixels=10**6)
    assert (refused.value.width, refused.value.height) == (
        (width, height) if known else (None, None)
    )
