"""The words of kadertaal by the role they play, for highlighters (Pygments, TextMate).

Every quoted word of ``grammar/kadertaal.lark`` is in exactly one group;
``tests/tools/test_highlight.py`` checks that against the grammar, so a new keyword cannot
be forgotten.
"""

from __future__ import annotations

DECLARATIONS = (
    "kader",
    "uitbreiding",
    "feit",
    "parameter",
    "thema",
    "plateau",
    "bouwsteen",
    "stelling",
    "controle",
    "verscherp",
    "vervang",
    "vervalt",
)
"""Words that start a declaration or an extension operation; a name follows."""

CLAUSES = (
    "op",
    "vraag",
    "bron",
    "toelichting",
    "voorheen",
    "verouderd",
    "als",
    "dan",
    "vereist",
    "geen",
    "afwijking",
    "bewust",
    "zwakker",
)
"""Words that start a clause of a declaration."""

OPERATORS = (
    "en",
    "of",
    "niet",
    "in",
    "bevat",
    "alle",
    "een",
    "van",
    "minstens",
    "binnen",
    "na",
    "voor",
)
"""Words inside conditions."""

TYPES = ("ja_nee", "aantal", "datum", "keuze", "verzameling")

CONSTANTS = ("waar", "onwaar", "peildatum")

UNITS = ("dagen", "dag", "weken", "week", "maanden", "maand", "jaren", "jaar")

ALL = (*DECLARATIONS, *CLAUSES, *OPERATORS, *TYPES, *CONSTANTS, *UNITS)
