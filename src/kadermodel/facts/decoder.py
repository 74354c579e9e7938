"""Kader -> a facts decoder built once: a mapping of fact names to Python values, in one pass.

The fast path of the facts reader (:mod:`kadermodel.facts.core`). Per declared fact the
decoder holds its position and a converter chosen when it is built (dict lookups for keuze
and verzameling values). It decodes only what needs no interpretation: ``None`` (unknown),
``True``/``False`` for ja_nee, an ``int`` in range for aantal, a ``datetime.date`` for datum,
a declared value for keuze, and a list, tuple, set or frozenset of declared values for
verzameling. Anything else (an unknown name, text such as ``"ja"`` or ``"onbekend"``, a bad
value) makes :meth:`Decoder.decode` give up, and the reader reads the mapping as always: the
values and every error message (with its position) are the reader's by construction.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Mapping
from typing import Any

from kadermodel import model as m

_MAX_COUNT: int | None = getattr(m, "AANTAL_MAX", None)
"""The largest aantal the reader accepts (None: no limit)."""

CHUNK = 300
"""Facts per generated function (CPython compiles many small functions faster)."""

Decoded = tuple[dict[str, m.FactValue | None], tuple[int | None, ...]]


def _mask(items: object, bits: Mapping[str, int]) -> int | None:
    """The bit mask of a list, tuple, set or frozenset of declared values, else None."""
    if type(items) not in _SEQUENCES:
        return None
    mask = 0
    for item in items:  # type: ignore[attr-defined]
        if type(item) is not str:
            return None
        bit = bits.get(item)
        if bit is None:
            return None
        mask |= bit
    return mask


_SEQUENCES = frozenset({list, tuple, set, frozenset})
_SUBSETS_UP_TO = 8
"""Verzamelingen with at most this many values get a table of all their subsets."""


def _subset_masks(values: tuple[str, ...]) -> dict[frozenset[str], int]:
    return {
        frozenset(v for i, v in enumerate(values) if mask >> i & 1): mask
        for mask in range(1 << len(values))
    }


def _lines(index: int, name: str, type_: m.FactType, constants: dict[str, object]) -> list[str]:
    """Generated lines that check and encode ``v[index]`` in place, or return False."""
    x = f"v[{index}]"
    match type_.kind:
        case "ja_nee":
            return [
                f"x = {x}",
                "if x is not None:",
                f"    if x is True: {x} = 1",
                f"    elif x is False: {x} = 0",
                "    else: return False",
            ]
        case "aantal":
            limit = "" if _MAX_COUNT is None else f" or x > {_MAX_COUNT}"
            return [
                f"x = {x}",
                f"if x is not None and (type(x) is not int or x < 0{limit}): return False",
            ]
        case "datum":
            return [
                f"x = {x}",
                "if x is not None:",
                "    if type(x) is not date: return False",
                f"    {x} = x.toordinal()",
            ]
        case "keuze":
            codes = f"k{index}"
            constants[codes] = {v: i for i, v in enumerate(type_.values)}
            return [
                f"x = {x}",
                "if x is not None:",
                f"    c = {codes}.get(x) if type(x) is str else None",
                "    if c is None: return False",
                f"    {x} = c",
            ]
        case _ if len(type_.values) <= _SUBSETS_UP_TO:
            # few values: every subset's mask in one dict, looked up by the frozenset itself
            masks = f"s{index}"
            constants[masks] = _subset_masks(type_.values)
            return [
                f"x = {x}",
                "if x is not None:",
                "    if type(x) not in sequences: return False",
                "    try: y = frozenset(x)",
                "    except TypeError: return False",
                f"    c = {masks}.get(y)",
                "    if c is None: return False",
                f"    {x} = c",
                f"    d[{name!r}] = y",
            ]
        case _:
            bits = f"s{index}"
            constants[bits] = {v: 1 << i for i, v in enumerate(type_.values)}
            return [
                f"x = {x}",
                "if x is not None:",
                f"    c = mask(x, {bits})",
                "    if c is None: return False",
                f"    {x} = c",
                f"    d[{name!r}] = frozenset(x)",
            ]


class Decoder:
    """Decodes plain mappings for one kader's fact declarations (see the module docstring).

    ``decode`` checks the names in one set operation, fills a copy of a template dict with
    the mapping (C speed), then runs generated code over the values in declaration order:
    per fact a few lines chosen for its type, encoding the value in place.
    """

    __slots__ = ("_kader", "_names", "_parts", "_template", "layout", "source")

    def __init__(self, kader: m.Kader):
        constants: dict[str, object] = {}
        functions: list[str] = []
        items = list(kader.feiten.items())
        for start in range(0, len(items), CHUNK):
            body = [
                f"    {line}"
                for index, (name, feit) in enumerate(items[start : start + CHUNK], start)
                for line in _lines(index, name, feit.type, constants)
            ]
            functions.append(
                "\n".join([f"def _part_{len(functions)}(v, d):", *body, "    return True"])
            )
        namespace: dict[str, Any] = {
            "__builtins__": {
                "type": type,
                "int": int,
                "str": str,
                "frozenset": frozenset,
                "TypeError": TypeError,
            },
            "date": dt.date,
            "mask": _mask,
            "sequences": _SEQUENCES,
            **constants,
        }
        for function in functions:
            exec(compile(function, f"<kadermodel decoder {kader.id}>", "exec"), namespace)
        self._parts = tuple(namespace[f"_part_{i}"] for i in range(len(functions)))
        self._names = frozenset(kader.feiten)
        self._template: dict[str, m.FactValue | None] = dict.fromkeys(kader.feiten)
        self.layout = kader.feiten
        """The declarations the encoded vector follows."""
        self._kader = weakref.ref(kader)
        self.source = "\n".join(functions)
        """The generated code, for the curious and for debugging."""

    @property
    def kader(self) -> m.Kader | None:
        """The kader this decoder was built for (None once it is gone)."""
        return self._kader()

    def decode(self, data: Mapping[Any, Any]) -> Decoded | None:
        """Every declared fact's value and the encoded vector, or None: ask the reader."""
        if not data.keys() <= self._names:
            return None
        values = self._template.copy()
        values.update(data)
        encoded: list[Any] = list(values.values())
        for part in self._parts:
            if not part(encoded, values):
                return None
        return values, tuple(encoded)


_DECODERS: weakref.WeakKeyDictionary[m.Kader, Decoder] = weakref.WeakKeyDictionary()


def decoder_of(kader: m.Kader) -> Decoder:
    """The decoder of ``kader`` (built once per kader, cached by identity)."""
    decoder = _DECODERS.get(kader)
    if decoder is None:
        decoder = _DECODERS[kader] = Decoder(kader)
    return decoder
