"""The bundled readings (lezingen) of the VNG 2021 Kader: :func:`readings`.

A contested sentence of the Kader that decides a plateau is read one way in the bundled
kader and documented in docs/vng-kader.md. Each other reading ships as a small uitbreiding
in ``kadermodel/kaders/lezing_*.kader``, selectable like any extension
(``--uitbreiding lezing_meerdere_keren_twee``). Their Dutch titles, descriptions and the
Kader's words they read differently are in ``kaders/lezingen.yaml``; whether a reading
weakens the base (``bewust zwakker``) is read from the uitbreiding itself.
"""

from __future__ import annotations

from importlib import resources

import attrs
import yaml

from kadermodel import model as m
from kadermodel.extend.apply import apply_text
from kadermodel.language import ast
from kadermodel.language.bundled import bundled_extension_ids, bundled_kader, bundled_text
from kadermodel.language.syntax import parse_source

PREFIX = "lezing_"
"""Bundled uitbreidingen whose id starts with this are readings."""


@attrs.frozen
class Reading:
    """One bundled reading: an uitbreiding of the base kader with its Dutch description."""

    id: str
    base: str
    """The kader it reads differently (``op ...``)."""
    title: str
    description: str
    kader_words: str
    """The Kader's words this reading reads differently."""
    reference: str
    """Where those words stand in the Kader (a ``bron``)."""
    ambiguity: int
    """Its number in the list of ambiguities of docs/vng-kader.md."""
    weaker: tuple[str, ...]
    """The reasons of its ``bewust zwakker`` changes; empty when it only adds or tightens."""

    @property
    def text(self) -> str:
        """The uitbreiding's kadertaal text."""
        return bundled_text(self.id)

    def kader(self) -> m.Kader:
        """The base kader with this reading applied."""
        return apply_text(bundled_kader(self.base), self.text, f"{self.id}.kader")


_CACHE: list[tuple[Reading, ...]] = []


def readings() -> tuple[Reading, ...]:
    """Every bundled reading, in the order of ``kaders/lezingen.yaml``."""
    if not _CACHE:
        _CACHE.append(_load())
    return _CACHE[0]


def reading_ids() -> tuple[str, ...]:
    return tuple(r.id for r in readings())


def _load() -> tuple[Reading, ...]:
    source = resources.files("kadermodel").joinpath("kaders", "lezingen.yaml")
    entries = yaml.safe_load(source.read_text(encoding="utf-8"))
    found = []
    files = {i for i in bundled_extension_ids() if i.startswith(PREFIX)}
    assert set(entries) == files, "kaders/lezingen.yaml and kaders/lezing_*.kader differ"
    for reading_id, entry in entries.items():
        text = bundled_text(reading_id)
        tree = parse_source(text, f"{reading_id}.kader")
        assert isinstance(tree, ast.UitbreidingFile), reading_id
        reasons = tuple(
            dict.fromkeys(
                item.bewust.reason
                for item in tree.items
                if isinstance(item, ast.ParameterOverride | ast.Vervang | ast.Vervalt)
                and item.bewust is not None
            )
        )
        found.append(
            Reading(
                reading_id,
                tree.base.text,
                str(entry["title"]),
                str(entry["description"]),
                str(entry["kader_words"]),
                str(entry["reference"]),
                int(entry["ambiguity"]),
                reasons,
            )
        )
    return tuple(found)
