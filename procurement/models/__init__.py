"""The city as an innovative buyer (M11): procurement cases from needs, the open market dialogue, and suppliers'
proposals within existing contracts. One module per part; every model is importable from
``procurement.models``."""

from procurement.models.cases import (
    CaseLogEntry,
    CaseStage,
    LogKind,
    ProcuredValue,
    ProcurementCase,
    ProcurementRoute,
    PurchaseKind,
    Threshold,
)
from procurement.models.contracts import Contract, ContractKind, ProposalStatus, SupplierProposal
from procurement.models.dialogue import (
    Maturity,
    MeetingSlot,
    Question,
    ResponseFile,
    ResponseStatus,
    Rfi,
    RfiDocument,
    RfiStatus,
    SupplierInterest,
    WrittenResponse,
)

__all__ = [
    "CaseLogEntry",
    "CaseStage",
    "Contract",
    "ContractKind",
    "LogKind",
    "Maturity",
    "MeetingSlot",
    "ProcuredValue",
    "ProcurementCase",
    "ProcurementRoute",
    "ProposalStatus",
    "PurchaseKind",
    "Question",
    "ResponseFile",
    "ResponseStatus",
    "Rfi",
    "RfiDocument",
    "RfiStatus",
    "SupplierInterest",
    "SupplierProposal",
    "Threshold",
    "WrittenResponse",
]
