"""kadermodel: the VNG Kader voor de aanpak van mensenhandel door gemeenten as executable rules.

>>> from kadermodel import bundled_kader, assess
>>> kader = bundled_kader()
>>> sorted(kader.themas)
['beleid', 'bewustwording', 'opvang', 'samenwerking', 'signalering']
"""

from kadermodel.api import (
    BUNDLED_KADER,
    assess,
    bundled_ids,
    bundled_kader,
    load_kader,
    parse_kader,
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
from kadermodel.evaluate import Assessment, BouwsteenResult, PlateauRange, ThemaResult
from kadermodel.explain import (
    Diff,
    Explanation,
    NextSteps,
    Question,
    RelevantUnknowns,
    diff,
    next_question,
)
from kadermodel.facts import Facts, load_facts, parse_facts
from kadermodel.impact import Impact, impact, impact_json, impact_text
from kadermodel.logic import Truth
from kadermodel.model import Bouwsteen, Feit, Herkomst, Kader, Parameter, Plateau, Thema

__all__ = [
    "BUNDLED_KADER",
    "Assessment",
    "Bouwsteen",
    "BouwsteenResult",
    "Diagnostic",
    "Diff",
    "Explanation",
    "ExtensionError",
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
    "PlateauRange",
    "Question",
    "RelevantUnknowns",
    "Span",
    "Thema",
    "ThemaResult",
    "Truth",
    "assess",
    "bundled_ids",
    "bundled_kader",
    "diff",
    "impact",
    "impact_json",
    "impact_text",
    "load_facts",
    "load_kader",
    "next_question",
    "parse_facts",
    "parse_kader",
]
