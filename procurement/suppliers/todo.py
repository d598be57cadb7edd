"""The supplier's page in the main menu, for suppliers' people."""

from django.utils.translation import gettext_lazy

from core.tasks_registry import link

link(
    "supplier_home",
    label=gettext_lazy("Your company"),
    url_name="procurement:supplier_home",
    permission="procurement.view_supplier_page",
    position=39,
)
