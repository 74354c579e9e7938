"""The facts layer's names in one place, for callers that import them together.

The work is done in small modules: :mod:`~kadermodel.facts.yamlsource` (YAML with positions),
:mod:`~kadermodel.facts.codec` (the fact value codec), :mod:`~kadermodel.facts.validate` (the
reader of values), :mod:`~kadermodel.facts.value` (``Facts``), :mod:`~kadermodel.facts.reader`
(texts, files, mappings), :mod:`~kadermodel.facts.dump` (the writer) and
:mod:`~kadermodel.facts.decoder` (the fast path for mappings).
"""

from __future__ import annotations

from kadermodel.facts.codec import DONT_KNOW, FALSE_WORDS, TRUE_WORDS, UNKNOWN_WORDS
from kadermodel.facts.dump import dump_facts
from kadermodel.facts.reader import TOP_KEYS, facts_for, load_facts, parse_facts
from kadermodel.facts.value import Facts, build_facts, read_values
from kadermodel.facts.yamlsource import compose_yaml, yaml_problem

__all__ = [
    "DONT_KNOW",
    "FALSE_WORDS",
    "TOP_KEYS",
    "TRUE_WORDS",
    "UNKNOWN_WORDS",
    "Facts",
    "build_facts",
    "compose_yaml",
    "dump_facts",
    "facts_for",
    "load_facts",
    "parse_facts",
    "read_values",
    "yaml_problem",
]
