"""kadermodel: the VNG Kader voor de aanpak van mensenhandel door gemeenten as executable rules.

>>> from kadermodel import bundled_kader, assess
>>> kader = bundled_kader()
>>> sorted(kader.themas)
['beleid', 'bewustwording', 'opvang', 'samenwerking', 'signalering']

Every name is loaded on first use (PEP 562), so ``import kadermodel`` costs next to nothing
and loads none of lark, networkx or PyYAML: the pytest plugin and the hypothesis hook, which
Python loads in every project where kadermodel is installed, stay free for projects that never
use it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kadermodel.api import (
        BUNDLED_KADER,
        apply_extension,
        assess,
        assess_many,
        bundled_ids,
        bundled_kader,
        load_kader,
        parse_kader,
    )
    from kadermodel.engine.evaluate import (
        Assessment,
        BouwsteenResult,
        PlateauProgress,
        PlateauRange,
        ThemaProgress,
        ThemaResult,
    )
    from kadermodel.errors import (
        Diagnostic,
        ExtensionError,
        FactsError,
        KaderCompileError,
        KaderCycleError,
        KaderError,
        KaderSyntaxError,
        Span,
    )
    from kadermodel.explanation.diff import Diff, diff
    from kadermodel.explanation.next_steps import NextSteps, next_steps
    from kadermodel.explanation.question import Question, next_question
    from kadermodel.explanation.relevance import RelevantUnknowns, relevant_unknowns
    from kadermodel.explanation.why import Explanation, explain
    from kadermodel.extend.impact import Impact, impact
    from kadermodel.facts.reader import load_facts, parse_facts
    from kadermodel.facts.value import Facts
    from kadermodel.logic import Truth
    from kadermodel.model import (
        Bouwsteen,
        FactValue,
        Feit,
        Herkomst,
        Kader,
        Parameter,
        Plateau,
        Thema,
    )
    from kadermodel.report.impact import impact_json, impact_text

__version__: str

# public name -> the module that defines it
_EXPORTS = {
    "BUNDLED_KADER": "kadermodel.api",
    "apply_extension": "kadermodel.api",
    "assess": "kadermodel.api",
    "assess_many": "kadermodel.api",
    "bundled_ids": "kadermodel.api",
    "bundled_kader": "kadermodel.api",
    "load_kader": "kadermodel.api",
    "parse_kader": "kadermodel.api",
    "Assessment": "kadermodel.engine.evaluate",
    "BouwsteenResult": "kadermodel.engine.evaluate",
    "PlateauProgress": "kadermodel.engine.evaluate",
    "PlateauRange": "kadermodel.engine.evaluate",
    "ThemaProgress": "kadermodel.engine.evaluate",
    "ThemaResult": "kadermodel.engine.evaluate",
    "Diagnostic": "kadermodel.errors",
    "ExtensionError": "kadermodel.errors",
    "FactsError": "kadermodel.errors",
    "KaderCompileError": "kadermodel.errors",
    "KaderCycleError": "kadermodel.errors",
    "KaderError": "kadermodel.errors",
    "KaderSyntaxError": "kadermodel.errors",
    "Span": "kadermodel.errors",
    "Diff": "kadermodel.explanation.diff",
    "Explanation": "kadermodel.explanation.why",
    "NextSteps": "kadermodel.explanation.next_steps",
    "Question": "kadermodel.explanation.question",
    "RelevantUnknowns": "kadermodel.explanation.relevance",
    "diff": "kadermodel.explanation.diff",
    "explain": "kadermodel.explanation.why",
    "next_question": "kadermodel.explanation.question",
    "next_steps": "kadermodel.explanation.next_steps",
    "relevant_unknowns": "kadermodel.explanation.relevance",
    "Impact": "kadermodel.extend.impact",
    "impact": "kadermodel.extend.impact",
    "impact_json": "kadermodel.report.impact",
    "impact_text": "kadermodel.report.impact",
    "Facts": "kadermodel.facts.value",
    "load_facts": "kadermodel.facts.reader",
    "parse_facts": "kadermodel.facts.reader",
    "Truth": "kadermodel.logic",
    "Bouwsteen": "kadermodel.model",
    "FactValue": "kadermodel.model",
    "Feit": "kadermodel.model",
    "Herkomst": "kadermodel.model",
    "Kader": "kadermodel.model",
    "Parameter": "kadermodel.model",
    "Plateau": "kadermodel.model",
    "Thema": "kadermodel.model",
}

__all__ = [
    "BUNDLED_KADER",
    "Assessment",
    "Bouwsteen",
    "BouwsteenResult",
    "Diagnostic",
    "Diff",
    "Explanation",
    "ExtensionError",
    "FactValue",
    "Facts",
    "FactsError",
    "Feit",
    "Herkomst",
    "Impact",
    "Kader",
    "KaderCompileError",
    "KaderCycleError",
    "KaderError",
    "KaderSyntaxError",
    "NextSteps",
    "Parameter",
    "Plateau",
    "PlateauProgress",
    "PlateauRange",
    "Question",
    "RelevantUnknowns",
    "Span",
    "Thema",
    "ThemaProgress",
    "ThemaResult",
    "Truth",
    "__version__",
    "apply_extension",
    "assess",
    "assess_many",
    "bundled_ids",
    "bundled_kader",
    "diff",
    "explain",
    "impact",
    "impact_json",
    "impact_text",
    "load_facts",
    "load_kader",
    "next_question",
    "next_steps",
    "parse_facts",
    "parse_kader",
    "relevant_unknowns",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib import metadata

        try:
            value: Any = metadata.version("kadermodel")
        except metadata.PackageNotFoundError:  # running from a source tree, not installed
            value = "0+unknown"
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'kadermodel' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
