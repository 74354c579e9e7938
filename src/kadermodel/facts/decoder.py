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
import functools
import weakref
from collections.abc import Callable, Mapping
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


@functools.lru_cache(maxsize=256)
def _subset_masks(values: tuple[str, ...]) -> dict[frozenset[str], int]:
    """Every subset of ``values`` and its bit mask; one table per tuple of values, shared by
    the facts that have those values (read only)."""
    return {
        frozenset(v for i, v in enumerate(values) if mask >> i & 1): mask
        for mask in range(1 << len(values))
    }


def fact_lines(
    index: int,
    name: str,
    type_: m.FactType,
    constants: dict[str, object],
    fail: str,
    local: str | None = None,
) -> list[str]:
    """Generated lines that check and encode ``v[index]`` (``d`` is the values dict), or run
    ``fail`` (a statement) where the reader must decide. The code goes back into ``v[index]``,
    or into the variable ``local`` when given. Names the lines use: :data:`NAMESPACE` and
    ``constants``."""
    x = local or f"v[{index}]"
    load = f"{local} = v[{index}]" if local else f"x = {x}"
    value = local or "x"
    match type_.kind:
        case "ja_nee":
            return [
                load,
                f"if {value} is not None:",
                f"    if {value} is True: {x} = 1",
                f"    elif {value} is False: {x} = 0",
                "    else: " + fail,
            ]
        case "aantal":
            limit = "" if _MAX_COUNT is None else f" or {value} > {_MAX_COUNT}"
            check = f"type({value}) is not int or {value} < 0{limit}"
            return [load, f"if {value} is not None and ({check}): " + fail]
        case "datum":
            return [
                load,
                f"if {value} is not None:",
                f"    if type({value}) is not date: " + fail,
                f"    {x} = {value}.toordinal()",
            ]
        case "keuze":
            codes = f"k{index}"
            constants[codes] = {v: i for i, v in enumerate(type_.values)}
            return [
                load,
                f"if {value} is not None:",
                f"    c = {codes}.get({value}) if type({value}) is str else None",
                "    if c is None: " + fail,
                f"    {x} = c",
            ]
        case _ if len(type_.values) <= _SUBSETS_UP_TO:
            # few values: every subset's mask in one dict, looked up by the frozenset itself
            masks = f"s{index}"
            constants[masks] = _subset_masks(type_.values)
            return [
                load,
                f"if {value} is not None:",
                f"    if type({value}) not in sequences: " + fail,
                f"    try: y = frozenset({value})",
                "    except TypeError: " + fail,
                f"    c = {masks}.get(y)",
                "    if c is None: " + fail,
                f"    {x} = c",
                f"    d[{name!r}] = y",
            ]
        case _:
            bits = f"s{index}"
            constants[bits] = {v: 1 << i for i, v in enumerate(type_.values)}
            return [
                load,
                f"if {value} is not None:",
                f"    c = mask({value}, {bits})",
                "    if c is None: " + fail,
                f"    d[{name!r}] = frozenset({value})",
                f"    {x} = c",
            ]


NAMESPACE: Mapping[str, Any] = {
    "__builtins__": {
        "type": type,
        "int": int,
        "str": str,
        "frozenset": frozenset,
        "tuple": tuple,
        "list": list,
        "dict": dict,
        "TypeError": TypeError,
    },
    "date": dt.date,
    "mask": _mask,
    "sequences": _SEQUENCES,
}
"""What the lines of :func:`fact_lines` may use (besides their constants)."""


GENERATED_UP_TO = 300
"""Kaders with at most this many facts get generated code; larger ones a loop per type.

Measured (the benchmark's kaders, ``benchmarks/bench.py``): the generated lines decode a fact
10-17 ns faster than the loop for 30 to 300 facts, and no faster for 1,000, while compiling
them costs some 60 µs per fact, once. So only small kaders get them."""


class Decoder:
    """Decodes plain mappings for one kader's fact declarations (see the module docstring).

    ``decode`` fills a copy of a template dict with the mapping (C speed; a name that is not
    declared makes the copy grow, so its size checks the names), then runs generated code
    over the values in declaration order: per fact a few lines chosen for its type, encoding
    the value in place. A kader of more
    than :data:`GENERATED_UP_TO` facts (or ``generated=False``) loops over the facts of each
    type instead, with the same checks.
    """

    __slots__ = ("_kader", "_parts", "layout", "source", "template")

    def __init__(self, kader: m.Kader, *, generated: bool | None = None):
        if generated is None:
            generated = len(kader.feiten) <= GENERATED_UP_TO
        functions: list[str] = []
        if generated:
            self._parts = _generated_parts(kader, functions)
        else:
            self._parts = (_looping_part(kader),)
        self.template: dict[str, m.FactValue | None] = dict.fromkeys(kader.feiten)
        """Every declared fact, unknown: what a decoded mapping is filled into."""
        self.layout = kader.feiten
        """The declarations the encoded vector follows."""
        self._kader = weakref.ref(kader)
        self.source = "\n".join(functions)
        """The generated code, for the curious and for debugging (empty for a loop)."""

    @property
    def kader(self) -> m.Kader | None:
        """The kader this decoder was built for (None once it is gone)."""
        return self._kader()

    def decode(self, data: Mapping[Any, Any]) -> Decoded | None:
        """Every declared fact's value and the encoded vector, or None: ask the reader."""
        values = self.template.copy()
        values.update(data)
        if len(values) != len(self.template):  # a name that is not declared came in
            return None
        encoded: list[Any] = list(values.values())
        for part in self._parts:
            if not part(encoded, values):
                return None
        return values, tuple(encoded)


def _generated_parts(kader: m.Kader, functions: list[str]) -> tuple[_Part, ...]:
    """The generated functions (their sources appended to ``functions``)."""
    constants: dict[str, object] = {}
    items = list(kader.feiten.items())
    for start in range(0, len(items), CHUNK):
        body = [
            f"    {line}"
            for index, (name, feit) in enumerate(items[start : start + CHUNK], start)
            for line in fact_lines(index, name, feit.type, constants, "return False")
        ]
        functions.append(
            "\n".join([f"def _part_{len(functions)}(v, d):", *body, "    return True"])
        )
    namespace: dict[str, Any] = {**NAMESPACE, **constants}
    for function in functions:
        exec(compile(function, f"<kadermodel decoder {kader.id}>", "exec"), namespace)
    return tuple(namespace[f"_part_{i}"] for i in range(len(functions)))


_Part = Callable[[list[Any], dict[str, Any]], bool]


def _looping_part(kader: m.Kader) -> _Part:
    """One function that checks and encodes the values as :func:`fact_lines` does, with a
    loop over the facts of each type instead of lines per fact."""
    flags: list[int] = []
    counts: list[int] = []
    dates: list[int] = []
    choices: list[tuple[int, dict[str, int]]] = []
    small_sets: list[tuple[int, str, dict[frozenset[str], int]]] = []
    large_sets: list[tuple[int, str, dict[str, int]]] = []
    for index, (name, feit) in enumerate(kader.feiten.items()):
        values = feit.type.values
        match feit.type.kind:
            case "ja_nee":
                flags.append(index)
            case "aantal":
                counts.append(index)
            case "datum":
                dates.append(index)
            case "keuze":
                choices.append((index, {v: i for i, v in enumerate(values)}))
            case _ if len(values) <= _SUBSETS_UP_TO:
                small_sets.append((index, name, _subset_masks(values)))
            case _:
                large_sets.append((index, name, {v: 1 << i for i, v in enumerate(values)}))
    limit = _MAX_COUNT
    date = dt.date

    def part(v: list[Any], d: dict[str, Any]) -> bool:
        for i in flags:
            x = v[i]
            if x is True:
                v[i] = 1
            elif x is False:
                v[i] = 0
            elif x is not None:
                return False
        for i in counts:
            x = v[i]
            if x is not None and (type(x) is not int or x < 0 or (limit is not None and x > limit)):
                return False
        for i in dates:
            x = v[i]
            if x is not None:
                if type(x) is not date:
                    return False
                v[i] = x.toordinal()
        for i, codes in choices:
            x = v[i]
            if x is not None:
                c = codes.get(x) if type(x) is str else None
                if c is None:
                    return False
                v[i] = c
        for i, name, masks in small_sets:
            x = v[i]
            if x is not None:
                if type(x) not in _SEQUENCES:
                    return False
                try:
                    y = frozenset(x)
                except TypeError:
                    return False
                c = masks.get(y)
                if c is None:
                    return False
                v[i] = c
                d[name] = y
        for i, name, bits in large_sets:
            x = v[i]
            if x is not None:
                c = _mask(x, bits)
                if c is None:
                    return False
                d[name] = frozenset(x)
                v[i] = c
        return True

    return part


_DECODERS: weakref.WeakKeyDictionary[m.Kader, Decoder] = weakref.WeakKeyDictionary()


def decoder_of(kader: m.Kader) -> Decoder:
    """The decoder of ``kader`` (built once per kader, cached by identity)."""
    decoder = _DECODERS.get(kader)
    if decoder is None:
        decoder = _DECODERS[kader] = Decoder(kader)
    return decoder
