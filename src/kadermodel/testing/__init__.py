"""kadermodel.testing: property-based testing for any kader (install ``kadermodel[testing]``).

* Strategies: :func:`facts` (fact sets biased to the kader's own boundaries), :func:`kaders`
  (source text of valid random kaders), :func:`kader_and_facts`.
* Laws: :func:`check_law` / :func:`check_laws` and the single-input checks
  (:func:`check_ranges`, :func:`check_monotone`, :func:`check_cumulative`,
  :func:`check_deterministic`, :func:`check_reference`, :func:`check_tightening`).
* Claims: :func:`check_claim` / :func:`check_claims` with minimal counter-examples.
* Case files: :func:`load_case_file` and :func:`run_case` (the pytest plugin uses them).

Names are loaded on first use, so that importing this package (hypothesis does, through its
entry point) stays cheap.

>>> import kadermodel
>>> from kadermodel.testing import check_claim
>>> result = check_claim(
...     kadermodel.bundled_kader(),
...     "als niet regionale_ketenregisseur dan plateau(samenwerking) < 2",
... )
>>> result.holds, result.method
(True, 'exhaustief')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kadermodel.testing.casefiles import (
        Case,
        CaseFile,
        CaseFileError,
        CaseResult,
        load_case_file,
        run_case,
    )
    from kadermodel.testing.claims import (
        Claim,
        ClaimResult,
        check_claim,
        check_claims,
        claim_from_text,
        claim_truth,
        claims_of,
    )
    from kadermodel.testing.coverage import RuleCoverage
    from kadermodel.testing.laws import (
        LAWS,
        Law,
        LawViolation,
        check_cumulative,
        check_deterministic,
        check_law,
        check_laws,
        check_monotone,
        check_ranges,
        check_reference,
        check_tightening,
        tightening_themas,
    )
    from kadermodel.testing.strategies import facts, kader_and_facts, kaders, refinements
    from kadermodel.testing.yamlout import facts_yaml

_WHERE = {
    "casefiles": (
        "Case",
        "CaseFile",
        "CaseFileError",
        "CaseResult",
        "load_case_file",
        "run_case",
    ),
    "claims": (
        "Claim",
        "ClaimResult",
        "check_claim",
        "check_claims",
        "claim_from_text",
        "claim_truth",
        "claims_of",
    ),
    "coverage": ("RuleCoverage",),
    "laws": (
        "LAWS",
        "Law",
        "LawViolation",
        "check_cumulative",
        "check_deterministic",
        "check_law",
        "check_laws",
        "check_monotone",
        "check_ranges",
        "check_reference",
        "check_tightening",
        "tightening_themas",
    ),
    "strategies": ("facts", "kader_and_facts", "kaders", "refinements"),
    "yamlout": ("facts_yaml",),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [
    "LAWS",
    "Case",
    "CaseFile",
    "CaseFileError",
    "CaseResult",
    "Claim",
    "ClaimResult",
    "Law",
    "LawViolation",
    "RuleCoverage",
    "check_claim",
    "check_claims",
    "check_cumulative",
    "check_deterministic",
    "check_law",
    "check_laws",
    "check_monotone",
    "check_ranges",
    "check_reference",
    "check_tightening",
    "claim_from_text",
    "claim_truth",
    "claims_of",
    "facts",
    "facts_yaml",
    "kader_and_facts",
    "kaders",
    "load_case_file",
    "refinements",
    "run_case",
    "tightening_themas",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'kadermodel.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kadermodel.testing.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
