"""Checking an uploaded image: the one way every picture a user uploads is checked (a
municipality's logo, a newsletter's image).

:func:`inspect_image` lets Pillow try only the formats the upload accepts, refuses an image
that declares more pixels than the upload takes before it is decoded, and then decodes the
whole image, so a damaged or hostile file never reaches a page, an e-mail or a PDF. What to
tell the user is the caller's: the limits and the words differ per upload.
"""

import warnings
from collections.abc import Iterable


class UnusableImage(Exception):
    """The file is not a whole image in one of the accepted formats."""


class ImageTooLarge(Exception):
    """The image declares more pixels than accepted; its size when Pillow could read it."""

    def __init__(self, width: int | None = None, height: int | None = None):
        super().__init__(width, height)
        self.width, self.height = width, height


def inspect_image(file, *, formats: Iterable[str], max_pixels: int) -> tuple[str, int, int]:
    """The format (Pillow's name, such as "PNG"), width and height of the uploaded ``file``,
    once it has been decoded whole. Only ``formats`` are tried. Raises ImageTooLarge for an
    image of more than ``max_pixels`` (before decoding it) and UnusableImage for anything
    else that is not a whole image of those formats. The file is left at its start.

    Once WeasyPrint is loaded, Pillow accepts pixel data that stops early for the whole
    process (WeasyPrint sets ``ImageFile.LOAD_TRUNCATED_IMAGES``): such an image shows grey
    where data is missing. A file broken in its structure is refused either way."""
    from PIL import Image

    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow warns of a large image as it opens it; the size is checked just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(file, formats=list(formats))
        with opened as image:
            found, (width, height) = image.format, image.size
            if width * height > max_pixels:
                raise ImageTooLarge(width, height)
            image.verify()  # reads the whole file: a damaged PNG fails here
        file.seek(0)
        with Image.open(file, formats=[found]) as image:
            image.load()  # decodes it: pixel data a decoder cannot read fails here
    except ImageTooLarge:
        raise
    except Image.DecompressionBombError as error:  # declared far beyond any limit of ours
        raise ImageTooLarge from error
    except Exception as error:  # Pillow raises many kinds for a damaged or hostile file
        raise UnusableImage from error
    finally:
        file.seek(0)
    return found, width, height
