"""Fill in a form the way a person in a browser would: only the fields the page shows.

WebTest parses the page's HTML, so a form holds exactly what the page rendered: its hidden inputs
(the CSRF token among them), the values already there, the options already selected. ``fill``
then gives every required field that is still empty a plausible value for its kind of input,
and the values a case names for the fields a person would choose (a stage, a score). A value
named for a field the page does not show fails the test: that is the bug this harness exists to
catch.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.urls import Resolver404, resolve
from django.utils import timezone
from webtest import Upload
from webtest.forms import Checkbox, File, Form, Hidden, MultipleSelect, Radio, Select, Submit, Textarea

#: A date written the way a hint asks for it: 2026-03-31 or ÅÅÅÅ-MM-DD (YYYY-MM-DD).
ISO_HINT = re.compile(r"\d{4}-\d{2}-\d{2}|ÅÅÅÅ-MM-DD|YYYY-MM-DD", re.IGNORECASE)
#: Names of single-line fields a person reads as a date from their label.
DATE_NAME = re.compile(r"(_on|_until|_date|date|deadline)$")
TEXT_FILE = ("underlag.txt", "Underlag till ansökan.\n".encode(), "text/plain")


def action_name(form: Form, page_url: str) -> str:
    """The URL name the form posts to (its own page when its action is empty)."""
    path = urlsplit(form.action or page_url).path
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.view_name


def post_forms(resp, page_url: str) -> dict[str, list[Form]]:
    """The page's POST forms by the URL name they post to."""
    found: dict[str, list[Form]] = {}
    for index in sorted(k for k in resp.forms if isinstance(k, int)):
        form = resp.forms[index]
        if form.method.lower() == "post":
            found.setdefault(action_name(form, page_url), []).append(form)
    return found


def _hint(form: Form, field) -> str:
    described = field.attrs.get("aria-describedby", "")
    soup = BeautifulSoup(form.text, "html.parser")
    texts = [el.get_text(" ", strip=True) for ident in described.split() if (el := soup.find(id=ident))]
    return " ".join(texts)


def _group_required(form: Form, name: str) -> bool:
    """A group of checkboxes is required when its legend is not marked optional (HTML has no attribute for it)."""
    soup = BeautifulSoup(form.text, "html.parser")
    box = soup.find("input", attrs={"name": name})
    fieldset = box.find_parent("fieldset") if box else None
    legend = fieldset.find("legend") if fieldset else None
    return legend is not None and legend.find(class_="govuk-hint") is None


def _text_value(form: Form, field, name: str) -> str:
    kind = (field.attrs.get("type") or "text").lower()
    today = timezone.localdate()
    if kind == "date" or (kind == "text" and (ISO_HINT.search(_hint(form, field)) or DATE_NAME.search(name))):
        return (today + timedelta(days=30)).isoformat()
    if kind == "datetime-local":
        return (today + timedelta(days=30)).isoformat() + "T12:00"
    if kind == "number":
        low = float(field.attrs.get("min", 1))
        high = float(field.attrs.get("max", max(low, 1) * 10))
        value = max(low, min(high, 1 if low <= 1 <= high else low))
        return str(int(value)) if value == int(value) else str(value)
    if kind == "email" or "email" in name:
        return "kalle.karlsson@example.se"
    if kind == "url":
        return "https://example.se/"
    if kind == "password":
        return "ett-langt-losenord-2026"
    return "Ett kort svar"


def fill(form: Form, values: dict | None = None) -> Form:
    """Give every required empty field a value, and the named fields the values a person would choose."""
    values = dict(values or {})
    for name, fields in form.fields.items():
        if not name or name in values or any(p.endswith("*") and name.startswith(p[:-1]) for p in values):
            continue
        field = fields[0]
        if isinstance(field, (Hidden, Submit)):
            continue
        required = "required" in field.attrs
        if isinstance(field, File):
            if required:
                form[name] = Upload(*TEXT_FILE)
        elif isinstance(field, Checkbox) and len(fields) > 1:
            if _group_required(form, name) and not any(box.checked for box in fields):
                fields[0].checked = True
        elif isinstance(field, Checkbox):
            if required:
                field.checked = True
        elif isinstance(field, Radio):
            if required and field.value is None:
                form[name] = field.options[0][0]
        elif isinstance(field, MultipleSelect):
            if required and not field.value:
                field.value = [next(v for v, _sel, *_ in field.options if v)]
        elif isinstance(field, Select):
            if required and not field.value:
                form[name] = next(v for v, _sel, *_ in field.options if v)
        elif isinstance(field, Textarea):
            if required and not field.value:
                form[name] = "Ett svar på några rader, skrivet för hand."
        elif required and not field.value:
            form[name] = _text_value(form, field, name)
    for pattern, value in list(values.items()):
        if pattern.endswith("*"):  # every field of a kind the page shows, as a checklist's boxes
            del values[pattern]
            values.update({name: value for name in form.fields if name and name.startswith(pattern[:-1])})
    for name, value in values.items():
        if name not in form.fields:
            raise AssertionError(f"The page shows no field {name!r}; it shows {sorted(k for k in form.fields if k)}")
        fields = form.fields[name]
        if isinstance(fields[0], Checkbox) and len(fields) > 1:
            wanted = {str(v) for v in (value if isinstance(value, (list, tuple, set)) else [value])}
            for box in fields:
                box.checked = box._value in wanted
        elif isinstance(fields[0], Checkbox):
            fields[0].checked = bool(value)
        elif value is ... and isinstance(fields[0], (Radio, Select)):  # the first choice offered
            form[name] = next(v for v, _sel, *_ in fields[0].options if v)
        elif isinstance(fields[0], File):
            form[name] = Upload(*TEXT_FILE) if value is True else value
        else:
            form[name] = value
    return form


def errors(resp) -> str:
    """The page's error summary, as text, or an empty string."""
    if "text/html" not in resp.headers.get("Content-Type", ""):
        return ""
    summary = resp.html.select_one(".govuk-error-summary, .govuk-error-message")
    return summary.get_text(" ", strip=True) if summary else ""
