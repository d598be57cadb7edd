"""The procurement app's ``todo``: its links in the main menu, and each part's own tasks in
``procurement/<part>/todo.py`` (see ``procurement.parts``)."""

from django.utils.translation import gettext_lazy

from core.tasks_registry import link
from procurement.parts import parts

# Suppliers, and visitors who have not signed in, find the published requests for information in the menu; the
# city staff find the cases.
link(
    "market_dialogues",
    label=gettext_lazy("Market dialogues"),
    url_name="procurement:rfis",
    permission="procurement.market_dialogues_in_menu",
    position=38,
    signed_out=True,
)
link(
    "procurement",
    label=gettext_lazy("Procurement"),
    url_name="procurement:cases",
    permission="procurement.view_cases",
    position=49,
)

parts.load("todo")
