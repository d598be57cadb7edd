"""Every write of calls, applications and juries. Keyword-only, atomic, checked, with clear refusals.

By sub-domain: ``call`` (set up, change and publish a call, its rubric and classes), ``application`` (the draft,
its files, submitting, withdrawing, screening), ``jury`` (the jury, assignments, conflicts, scores) and
``decision`` (decisions, the results, payments, final reports). The rules they refuse by are in
``calls.policies``, where the views and the API read them too.

The names are gathered here so that ``from calls import services`` keeps working; code inside calls imports
from the submodule.
"""

from calls.policies import (
    CALL_FIELDS,
    DISAGREEMENT_SHARE,
    RULE_FIELDS,
    TEXT_FIELDS,
    application_missing,
    call_frozen,
    eligibility_problems,
    rubric_frozen,
    weighted_total,
    years_between,
)
from calls.services.application import (
    DRAFT_FIELDS,
    REGISTERED_THROUGH_COMMITTEE,
    application_file_add,
    application_file_remove,
    application_open,
    application_save,
    application_screen,
    application_start,
    application_submit,
    application_withdraw,
)
from calls.services.call import (
    RUBRIC_FROZEN,
    JuryEntry,
    call_create,
    call_publish,
    call_update,
    category_add,
    category_remove,
    criterion_add,
    criterion_remove,
    jury_call_open,
    jury_entries_add,
    jury_entry_withdraw,
)
from calls.services.decision import decision_record, final_report_submit, payment_record, results_publish
from calls.services.jury import assignment_add, conflict_declare, juror_add, juror_remove, juror_unscored, scores_save

__all__ = [
    "CALL_FIELDS",
    "DISAGREEMENT_SHARE",
    "DRAFT_FIELDS",
    "JuryEntry",
    "REGISTERED_THROUGH_COMMITTEE",
    "RUBRIC_FROZEN",
    "RULE_FIELDS",
    "TEXT_FIELDS",
    "application_file_add",
    "application_file_remove",
    "application_missing",
    "application_open",
    "application_save",
    "application_screen",
    "application_start",
    "application_submit",
    "application_withdraw",
    "assignment_add",
    "call_create",
    "call_frozen",
    "call_publish",
    "call_update",
    "category_add",
    "category_remove",
    "conflict_declare",
    "criterion_add",
    "criterion_remove",
    "decision_record",
    "eligibility_problems",
    "final_report_submit",
    "juror_add",
    "jury_call_open",
    "jury_entries_add",
    "jury_entry_withdraw",
    "juror_remove",
    "juror_unscored",
    "payment_record",
    "results_publish",
    "rubric_frozen",
    "scores_save",
    "weighted_total",
    "years_between",
]
