"""Forms rendered with the design system's markup: a field template, widget classes, and an error summary."""

from typing import cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms import BaseForm
from django.forms.renderers import TemplatesSetting

from core.validators import LINE_MAX, LONG_TEXT_MAX, TOO_LONG_MESSAGE, PlainTextValidator


class FormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
    form_template_name = "components/form.html"


def is_single_line(field: forms.Field) -> bool:
    return not isinstance(field.widget, forms.Textarea)


def guard_text(field: forms.Field) -> None:
    """Give a text field a length limit and the plain-text rule (``core.validators``), once.

    A field without a ``max_length`` gets ``LONG_TEXT_MAX`` characters if it has several lines,
    ``LINE_MAX`` if it has one. (An uploaded file's name needs no rule here: Django's multipart parser
    drops its non-printable characters, the direction changes among them.)
    """
    if getattr(field, "text_guarded", False):
        return
    field.text_guarded = True  # type: ignore[attr-defined]
    if isinstance(field, forms.CharField):
        single_line = is_single_line(field)
        if field.max_length is None:
            field.max_length = LINE_MAX if single_line else LONG_TEXT_MAX
            field.validators.append(MaxLengthValidator(field.max_length))
        field.error_messages["max_length"] = TOO_LONG_MESSAGE
        field.validators.append(PlainTextValidator(single_line=single_line))


class DesignSystemFormMixin:
    """Forms rendered through ``components/field.html``; shows services' errors at the right field.

    Every text field is limited and refuses control characters (``guard_text``), fields added by a
    form's own ``__init__`` too: the rule is applied when the form is cleaned.
    """

    def full_clean(self) -> None:
        form = cast(BaseForm, self)  # always mixed into a Form
        for field in form.fields.values():
            guard_text(field)
        super().full_clean()  # type: ignore[misc]

    def apply_domain_error(self, exc) -> None:
        """Show a service's ``DomainError`` at its field, or at the top if it names none the form has."""
        form = cast(BaseForm, self)  # always mixed into a Form
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
