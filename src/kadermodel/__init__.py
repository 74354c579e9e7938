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
from kadermodel.facts import Facts, load_facts, parse_facts
from kadermodel.logic import Truth
from kadermodel.model import Bouwsteen, Feit, Kader, Parameter, Plateau, Thema

__all__ = [
    "BUNDLED_KADER",
    "Assessment",
    "Bouwsteen",
    "BouwsteenResult",
    "Diagnostic",
    "ExtensionError",
    "Facts",
    "FactsError",
    "Feit",
    "Kader",
    "KaderCompileError",
    "KaderCycleError",
    "KaderError",
    "KaderSyntaxError",
    "Parameter",
    "Plateau",
    "PlateauRange",
    "Span",
    "Thema",
    "ThemaResult",
    "Truth",
    "assess",
    "bundled_ids",
    "bundled_kader",
    "load_facts",
    "load_kader",
    "parse_facts",
    "parse_kader",
]
