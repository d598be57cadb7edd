"""The Swedish catalogue is complete and compiled: every text the interface shows exists in Swedish."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    for block in text.split("\n\n"):
        if "msgid" not in block:
            continue
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgid_plural")[0].split("msgstr")[0], re.M))
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n", re.M)
        yield block, msgid, ["".join(re.findall(r'"(.*)"', s)) for s in msgstrs]


def test_no_fuzzy_or_untranslated_swedish_entries():
    text = PO.read_text(encoding="utf-8")
    problems = []
    for block, msgid, msgstrs in _entries(text):
        if not msgid:
            continue  # the header
        if "#, fuzzy" in block or not all(msgstrs):
            problems.append(msgid)
    assert problems == []


def test_compiled_catalogue_is_used():
    with translation.override("sv"):
        assert translation.gettext("Share an idea") != "Share an idea"
        assert translation.gettext("Pre-study") == "Förstudie"
