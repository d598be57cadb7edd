"""Forms rendered with the design system's markup: a field template, widget classes, and an error summary."""

from typing import cast

from django.forms import BaseForm
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
    form_template_name = "components/form.html"


class DesignSystemFormMixin:
    """Forms rendered through ``components/field.html``; shows services' errors at the right field."""

    def apply_domain_error(self, exc) -> None:
        """Show a service's ``DomainError`` at its field, or at the top if it names none the form has."""
        form = cast(BaseForm, self)  # always mixed into a Form
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
