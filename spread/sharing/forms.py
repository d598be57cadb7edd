from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin


class ImportForm(DesignSystemFormMixin, forms.Form):
    url = forms.CharField(
        label=_("The address of the other city's feed"),
        help_text=_(
            "The Atom feed (ending in /spread/shared/examples.atom) or the JSON feed (ending in "
            "/api/v1/examples/feed.json) of another city's Språng."
        ),
        max_length=500,
        error_messages={"required": _("Give the address of the other city's feed.")},
        widget=forms.URLInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
    )
