"""The procurement app's ``personal_data``: each part declares its own in ``procurement/<part>/personal_data.py``
(see ``procurement.parts``), and the app's erasure is declared here, its parts' models side by side."""

from django.utils.translation import gettext_lazy as _

from core.personal_data_registry import erasure
from procurement.models import (
    CaseLogEntry,
    Contract,
    MeetingSlot,
    ProcuredValue,
    ProcurementCase,
    Question,
    ResponseFile,
    Rfi,
    RfiDocument,
    SupplierInterest,
    SupplierProposal,
    Threshold,
    WrittenResponse,
)
from procurement.parts import parts

parts.load("personal_data")


@erasure(
    "procurement_kept",
    models=[
        Threshold,
        ProcurementCase,
        CaseLogEntry,
        ProcuredValue,
        Contract,
        SupplierProposal,
        Rfi,
        RfiDocument,
        SupplierInterest,
        Question,
        MeetingSlot,
        WrittenResponse,
        ResponseFile,
    ],
    keeps=[
        _(
            "proposals, interest shown, questions and written answers you sent in a procurement (they also belong "
            "to your organisation)"
        ),
        _("procurement cases, contracts and meetings you took part in"),
    ],
    removes=[],
)
def erase_procurement_kept(user, placeholder: str) -> int:
    """A procurement's documents are public records (with their business secrets kept secret, OSL 31:16): cases,
    their log, contracts, requests for information, questions asked and answered, meetings and their minutes.
    What a supplier's person sent (proposals, interest shown, written responses and drafts of them) belongs to
    the supplier organisation, not to the person, and a colleague may carry on with it: kept, the person shown as
    the placeholder."""
    return 0
