"""Forms rendered with the design system's markup: a field template, widget classes, and an error summary."""

import datetime
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from core.errors import DomainError
from core.uploads import ACCEPT
from core.validators import LINE_MAX, LONG_TEXT_MAX, TOO_LONG_MESSAGE, PlainTextValidator


class FormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
    form_template_name = "components/form.html"

    def render(self, template_name, context, request=None):
        if template_name == "django/forms/widgets/select.html":
            return select_html(context["widget"])
        return super().render(template_name, context, request)


def select_html(widget: dict) -> SafeString:
    """A select box written out directly: the same HTML as Django's template, several times faster for the
    long lists of units (a template include per option, or even an inline loop, costs more than the query)."""
    parts = [f'<select name="{escape(widget["name"])}"', _attrs_html(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            selected = " selected" if option["selected"] else ""
            parts.append(
                f'<option value="{escape(str(option["value"]))}"{selected}>{conditional_escape(option["label"])}</option>'
            )
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _attrs_html(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name alone.
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class _PersonChoices(forms.models.ModelChoiceIterator):
    """The people to choose from as ``(id, name, email)`` rows, labelled as a person names themself (``User.__str__``:
    the name, else the email): a city's hundreds of coaches built as model instances cost more than the rest of an
    idea's page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, email in self.queryset.values_list("pk", "name", "email"):
            yield (pk, str(name or email))


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of one person from ``queryset``: the choice made is the person, the list offered is read as rows."""

    iterator = _PersonChoices


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

    def apply_domain_error(self, exc: DomainError) -> None:
        """Show a service's ``DomainError`` at its field, or at the top if it names none the form has."""
        show_domain_error(cast(BaseForm, self), exc)  # always mixed into a Form


def show_domain_error(form: BaseForm, exc: DomainError) -> None:
    """Put a service's ``DomainError`` on the form: at the field it names, or at the top if the form has no such field."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


T = TypeVar("T")


def apply(form: BaseForm, action: Callable[[], T], *, raising: tuple[type[DomainError], ...] = ()) -> T | None:
    """Run a service call for a valid form: its result, or None with the refusal shown on the form.

    A ``DomainError`` goes to the field it names, or to the top of the form (``show_domain_error``; a form with its
    own ``apply_domain_error``, which may know the field by another name, puts it there itself); errors of the
    kinds in ``raising`` (a ``ConflictError`` the page answers its own way, say) go on up to the view. When the
    service returns nothing, ``form.is_valid()`` afterwards tells whether it was refused::

        idea = apply(form, lambda: services.idea_submit(author=request.user, **form.cleaned_data))
        if idea is not None:
            return redirect(idea)
    """
    try:
        return action()
    except DomainError as exc:
        if isinstance(exc, raising):
            raise
        apply_domain_error = getattr(form, "apply_domain_error", None)
        if apply_domain_error is not None:
            apply_domain_error(exc)
        else:
            show_domain_error(form, exc)
        return None


#: Month names as people write them, in Swedish and English, full and short (``maj`` and ``may`` both).
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
#: 1/3 2027, 1/3/2027, 1.3.2027, 1-3-2027: day first, as in Sweden.
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})")
#: 1 mars 2027, 1:a mars 2027, 1 March 2027, March 1, 2027.
_DAY_MONTH = re.compile(r"(\d{1,2})(?::[ae])?\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


def parse_written_date(text: str) -> datetime.date | None:
    """The date in ``text`` as Swedish people write it, or ``None``.

    Accepts 2027-03-01, 1 mars 2027, 1/3 2027, 1/3/2027 and 1.3.2027 (day before month), and the
    English 1 March 2027 and March 1, 2027.
    """
    text = " ".join(text.strip().lower().split())
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NUMERIC.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif (match := _DAY_MONTH.fullmatch(text)) and match.group(2) in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
    elif (match := _MONTH_DAY.fullmatch(text)) and match.group(1) in _MONTHS:
        day, month, year = int(match.group(2)), _MONTHS[match.group(1)], int(match.group(3))
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _examples() -> dict[str, str]:
    """Next 1 March, written both ways a date field reads: ``2027-03-01`` and ``1 mars 2027``."""
    example = datetime.date(timezone.localdate().year + 1, 3, 1)
    return {"iso": example.isoformat(), "written": date_format(example, "j F Y")}


def _date_examples() -> str:
    return gettext("For example %(iso)s or %(written)s.") % _examples()


def _date_invalid() -> str:
    return gettext("Enter a real date, for example %(iso)s or %(written)s.") % _examples()


date_examples = lazy(_date_examples, str)
date_invalid = lazy(_date_invalid, str)


class DateInput(forms.TextInput):
    """A plain text box for a date: people type it as they write it (a browser's date picker refuses "1 mars 2027")."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return super().format_value(value)


class DateField(forms.DateField):
    """The project's one date field: reads the ways Swedish people write a date and says the format.

    Its hint ends with examples (2027-03-01 or 1 mars 2027), and so does its error.
    """

    widget = DateInput

    def __init__(self, *, help_text="", **kwargs) -> None:
        hint = format_lazy("{} {}", help_text, date_examples()) if help_text else date_examples()
        super().__init__(help_text=hint, **kwargs)
        self.error_messages["invalid"] = date_invalid()

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        parsed = parse_written_date(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


# Links and attached files ------------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"accept": ACCEPT, **(attrs or {})})


class MultipleFileField(forms.FileField):
    """Several files chosen at once; cleaned into a list (empty when none is chosen)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class StoredFileChoiceField(forms.ModelMultipleChoiceField):
    """Files already attached (``core.models.StoredFile``), each by the name it was uploaded with."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.original_name


#: Empty rows of links the form offers beyond those the record has, and the most rows a sent form may have.
SPARE_LINK_ROWS = 2
LINK_ROWS_MAX = 20


def link_rows_in(data: Any) -> int:
    """How many rows of links a sent form had (``link_url_1`` …), so that none of what was typed is lost."""
    if not data:
        return 0
    found = [
        int(key.rsplit("_", 1)[1]) for key in data if key.startswith("link_url_") and key.rsplit("_", 1)[1].isdigit()
    ]
    return min(max(found, default=0), LINK_ROWS_MAX)


def attached_files(*, model: type[Model], help_text: Any) -> tuple[MultipleFileField, StoredFileChoiceField]:
    """The attached files' two fields, declared in a form's class body where the form shows them::

        attachments, remove_files = attached_files(model=NeedFile, help_text=_("For example …"))

    ``LinksAndFilesMixin.show_files`` then offers the files the record already has for removal."""
    return (
        MultipleFileField(label=gettext_lazy("Files"), required=False, help_text=help_text),
        StoredFileChoiceField(
            label=gettext_lazy("Remove files"),
            required=False,
            queryset=model._default_manager.none(),
            widget=forms.CheckboxSelectMultiple,
        ),
    )


class LinksAndFilesMixin:
    """The shared group of a record's links and attached files (a need's, a good example's), shown by
    ``components/links_and_files.html``: rows of links (address and what it is) for forms that take links, files to
    attach, and on an edit the files it has, to remove. Call ``show_files`` (and ``add_link_rows``) in ``__init__``.
    """

    def show_files(self, files: QuerySet | None) -> None:
        """Offer ``files`` for removal; without any (a new record, or one without files) the field is left out."""
        form = cast(BaseForm, self)
        if files is None or not files.exists():
            del form.fields["remove_files"]
        else:
            cast(forms.ModelMultipleChoiceField, form.fields["remove_files"]).queryset = files

    def files_to_choose_again(self) -> list[str]:
        """The names of the files chosen before the form was shown again with errors: a browser cannot keep a
        chosen file in the page it gets back, so the person is told to choose them again."""
        form = cast(BaseForm, self)
        if not form.is_bound or not form.errors or not form.files:
            return []
        return [f.name for f in form.files.getlist("attachments") if f and f.name]

    def add_link_rows(self, rows: int = 0) -> None:
        """Rows of links: at least ``rows`` (the record's own and two spare), and as many as a sent form had."""
        form = cast(BaseForm, self)
        count = max(rows, link_rows_in(form.data), SPARE_LINK_ROWS)
        self.link_rows = []
        for n in range(1, count + 1):
            form.fields[f"link_url_{n}"] = forms.CharField(
                label=gettext_lazy("Address of link %(n)s") % {"n": n}, required=False, max_length=500
            )
            form.fields[f"link_title_{n}"] = forms.CharField(
                label=gettext_lazy("What link %(n)s is") % {"n": n}, required=False, max_length=200
            )
            self.link_rows.append((form[f"link_url_{n}"], form[f"link_title_{n}"]))

    def links(self) -> list[dict[str, str]]:
        """The rows of links as sent: each with its ``url`` and ``title`` (empty rows too; the service drops them)."""
        form = cast(BaseForm, self)
        data = form.cleaned_data
        rows = []
        n = 1
        while f"link_url_{n}" in form.fields:
            rows.append({"url": data.get(f"link_url_{n}") or "", "title": data.get(f"link_title_{n}") or ""})
            n += 1
        return rows
