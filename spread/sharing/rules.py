"""Who may share examples with other cities and take in theirs."""

from __future__ import annotations

import rules

from ideas.rules import has_office_role, is_director

#: Taking in examples from another Språng's feed: the innovation offices and the innovation director.
rules.add_perm("spread.import_examples", has_office_role | is_director)
