from django.forms.renderers import DjangoTemplates


class OmzienFormRenderer(DjangoTemplates):
    """Renders every form with NL Design System markup.

    Label, description and error message are linked to the field (``aria-describedby``),
    and a form with errors starts with an error summary that links to each field.
    """

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"
