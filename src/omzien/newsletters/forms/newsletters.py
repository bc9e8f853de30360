from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omzien.common.images import ImageTooLarge, UnusableImage, inspect_image
from omzien.newsletters import constants
from omzien.newsletters.models import NewsletterSettings
from omzien.ui.forms import VersionedModelForm, date_field, offer_municipalities


class NewsletterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, empty_label=None, required=True
    )
    title = forms.CharField(label=_("Title"), max_length=constants.TITLE_MAX)
    issue_date = date_field(
        label=_("Issue date"),
        years_back=1,
        years_ahead=1,
        help_text=_("The date printed on the newsletter."),
    )
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences at the top. At most 2000 characters."),
    )
    segments = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=constants.Segment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only people who asked for the newsletter. Someone in two groups gets one."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, municipalities=None, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": instance.title,
                    "issue_date": instance.issue_date,
                    "intro": instance.intro,
                    "segments": instance.segments,
                    "version": instance.version,
                },
            )
        super().__init__(*args, **kwargs)
        if instance is not None:
            del self.fields["municipality"]
        else:
            del self.fields["version"]
            offer_municipalities(self, municipalities or [])

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in {"municipality", "version"}}


def validate_image(upload) -> str:
    """Type (JPEG or PNG, by content), size and dimensions, the whole image decoded
    (``common.images``). Returns the format ("JPEG" or "PNG")."""
    if upload.size > constants.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is too large: at most %(mb)d MB.")
            % {"mb": constants.IMAGE_MAX_BYTES // 2**20},
            code="too_large",
        )
    try:
        found, width, height = inspect_image(
            upload, formats=constants.IMAGE_FORMATS, max_pixels=constants.IMAGE_MAX_SIDE**2
        )
    except UnusableImage as error:
        raise ValidationError(
            _("This file is not an image we can use. Upload a JPEG or PNG file."),
            code="not_image",
        ) from error
    except ImageTooLarge as error:  # refused below, by its sides
        found, width, height = "", error.width, error.height
        if width is None:  # so large that Pillow would not even say how large
            raise ValidationError(
                _("The image must be at most %(max)d pixels wide and high.")
                % {"max": constants.IMAGE_MAX_SIDE},
                code="dimensions",
            ) from error
    if (
        min(width, height) < constants.IMAGE_MIN_SIDE
        or max(width, height) > constants.IMAGE_MAX_SIDE
    ):
        raise ValidationError(
            _(
                "The image must be at least %(min)d and at most %(max)d pixels wide and high; "
                "this one is %(width)d × %(height)d."
            )
            % {
                "min": constants.IMAGE_MIN_SIDE,
                "max": constants.IMAGE_MAX_SIDE,
                "width": width,
                "height": height,
            },
            code="dimensions",
        )
    return found


class TextSectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=constants.TITLE_MAX, required=False)
    body = forms.CharField(
        label=_("Text"),
        max_length=constants.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("A web address for “Read more”."),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_(
            "JPEG or PNG, at most 2 MB, 100 to 4000 pixels wide and high. After an error, "
            "choose the file again."
        ),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)
    image_alt = forms.CharField(
        label=_("Description of the image"),
        max_length=250,
        required=False,
        help_text=_("Required with an image: what it shows, for readers who cannot see it."),
    )

    def __init__(self, *args, kind=constants.SectionKind.TEXT, has_image=False, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == constants.SectionKind.NEWS:
            self.fields["heading"].required = True
        if not has_image:
            del self.fields["remove_image"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            # Named by what it is, not what it was called: it is stored and served by that name.
            upload.name = "afbeelding.png" if validate_image(upload) == "PNG" else "afbeelding.jpg"
        return upload

    def data_for_service(self) -> dict:
        data = {k: self.cleaned_data.get(k, "") for k in ("heading", "body", "link", "image_alt")}
        if self.cleaned_data.get("image"):
            data["image"] = self.cleaned_data["image"]
        elif self.cleaned_data.get("remove_image"):
            data["image"] = False
        return data


class SourceSectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=constants.TITLE_MAX, required=False)
    source_ids = forms.MultipleChoiceField(
        label=_("Choose the items"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_ids"].choices = list(choices)

    def data_for_service(self) -> dict:
        return {
            "heading": self.cleaned_data.get("heading", ""),
            "source_ids": self.cleaned_data["source_ids"],
        }


class SettingsForm(VersionedModelForm):
    class Meta:
        model = NewsletterSettings
        fields = ["sender_name", "sender_email", "per_minute"]
