from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import router
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from core.city import city_contact
from core.links import address
from core.models import Notification
from core.statements import Statement
from core.tasks_registry import MenuEntry, menu_conditions, menu_entries, menu_links


def _header_query(pk: int):
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    conditions = menu_conditions()
    return (
        get_user_model()
        .objects.filter(pk=pk)
        .order_by()
        .annotate(unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)), **conditions)
        .values("unread", *conditions)
    )


#: The header's statement, written by the ORM once per process and database: building it through the ORM on every
#: page cost about a millisecond, more than running it. The menu's conditions are the same for everyone
#: (``core.tasks_registry``), so the person's id is its only varying parameter.
_header = Statement("page header's statement", lambda pk: _header_query(pk))


def _header_row(user) -> dict:
    """In one query: the person's unread notifications, and which of the apps' menu entries they see."""
    return _header.row(user.pk, router.db_for_read(get_user_model())) or {"unread": 0}


def navigation(request) -> dict:
    """What the page header needs on every page: the person's unread count and the menu they see.

    The menu is what the apps declare in their ``todo.py``: their links (``link``, some only for those
    with a permission), then the entries for this person (``menu``), such as *Jury work* for jurors and chairs.
    """
    kept = getattr(request, "_sprang_navigation", None)
    if kept is not None:
        return kept  # a part of the page drawn on its own with the request (a section) asks again
    user = getattr(request, "user", None)
    context = {"SPRANG_FIRST_ANSWER_DAYS": settings.SPRANG_FIRST_ANSWER_DAYS}
    entries = []
    if user is not None and user.is_authenticated:
        row = _header_row(user)
        context["unread_notifications"] = row["unread"]
        entries = menu_entries(user, row)
    context["menu"] = Menu.of(home=address("core:home"), links=menu_links(user), entries=entries, path=request.path)
    request._sprang_navigation = context
    return context


@dataclass(frozen=True)
class Menu:
    """The main menu as the page draws it (``components/menu.html``, kept by what it shows: ``core/fragments.py``)."""

    home: str
    links: tuple[MenuEntry, ...]
    entries: tuple[MenuEntry, ...]
    #: The address of the entry for the page shown, if the page is one of them.
    current: str | None

    @classmethod
    def of(cls, *, home: str, links: list[MenuEntry], entries: list[MenuEntry], path: str) -> Menu:
        urls = {home, *(e.url for e in links), *(e.url for e in entries)}
        return cls(home, tuple(links), tuple(entries), path if path in urls else None)

    def shows(self) -> tuple:
        def drawn(entries: tuple[MenuEntry, ...]) -> tuple:
            return tuple((str(e.label), e.url, e.count, str(e.count_label)) for e in entries)

        return (self.home, self.current, drawn(self.links), drawn(self.entries))


def city(request) -> dict:
    """The city's name and contact details, for the footer and every page that names them."""
    return {"city": city_contact()}
