from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe

from core import city
from core.fragments import FRAGMENTS

register = template.Library()


@register.simple_tag(name="fragment")
def one_fragment(fragment_template: str, item, **context) -> str:
    """One item drawn by its declared fragment (``core.fragments``), from the cache where it was drawn before."""
    return FRAGMENTS[fragment_template].render_many([item], **context)[0]


@register.simple_tag
def rows(fragment_template: str, items, **context) -> str:
    """Each item drawn by its declared fragment (``core.fragments``), from the cache where it was drawn before."""
    return mark_safe("".join(FRAGMENTS[fragment_template].render_many(items, **context)))  # noqa: S308 - drawn by our templates


@register.filter
def opens(request, target: str) -> bool:
    """Whether the person may follow a link to ``target`` (a URL name or a path): a middleware that fences some
    people off from some pages says so with ``request.opens`` (``spread.networks.fence``); without one, yes."""
    check = getattr(request, "opens", None)
    return True if check is None else bool(check(target))


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (for pagination and sorting links).

    The same text as changing a copy of ``request.GET`` and ``urlencode()``-ing it, without the deep copy a
    ``QueryDict`` makes of itself: a list draws this for every page number it links."""
    params = dict(context["request"].GET.lists())
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = [value]
    if "page" not in changes:
        params.pop("page", None)
    return urlencode(params, doseq=True)


_WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "multiplefile": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
    "date": "govuk-input govuk-input--width-10",  # core.forms.DateInput: a text box, not a date picker
}


@register.filter
def design_widget(field):
    """Render a bound field's widget with the design system's class, error state and described-by ids."""
    css = _WIDGET_CLASSES.get(field.widget_type, "govuk-input")
    attrs = {}
    described = []
    if field.help_text:
        described.append(f"id_{field.name}-hint")
    if field.errors:
        described.append(f"id_{field.name}-error")
        attrs["aria-invalid"] = "true"
        base = css.split()[0]
        if base in ("govuk-input", "govuk-textarea", "govuk-select"):
            css += f" {base}--error"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    existing = field.field.widget.attrs.get("class", "")
    attrs["class"] = f"{existing} {css}".strip()
    return field.as_widget(attrs=attrs)


@register.simple_tag
def city_contact():
    """The city's contact details, where no context processor runs (emails rendered without a request)."""
    return city.city_contact()
