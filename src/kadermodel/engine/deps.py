"""Dependency closures of bouwstenen: what a bouwsteen rests on, and what rests on it.

A bouwsteen depends on the bouwstenen it names (``vereist`` and references in its condition),
on those bouwstenen's dependencies, and on every fact and parameter any of them reads. These
are the typed queries every later stage uses (explanations, the weakening check, claims,
laws); :func:`kadermodel.engine.graph.dependencies` gives the same closure as graph node
names. Pure Python, computed once per kader and bouwsteen (cached by identity).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import attrs

from kadermodel import model as m


@attrs.frozen
class Deps:
    """Everything one bouwsteen depends on, directly or not (the bouwsteen itself excluded)."""

    bouwstenen: frozenset[str]
    feiten: frozenset[str]
    parameters: frozenset[str]


@attrs.define
class _Cache:
    upstream: dict[str, Deps] = attrs.field(factory=dict)
    dependents: dict[str, tuple[str, ...]] | None = None


_CACHES: weakref.WeakKeyDictionary[m.Kader, _Cache] = weakref.WeakKeyDictionary()


def _cache(kader: m.Kader) -> _Cache:
    cache = _CACHES.get(kader)
    if cache is None:
        cache = _CACHES[kader] = _Cache()
    return cache


def upstream(kader: m.Kader, bouwsteen: str) -> Deps:
    """The bouwstenen, facts and parameters ``bouwsteen`` depends on, directly or not."""
    cache = _cache(kader)
    found = cache.upstream.get(bouwsteen)
    if found is not None:
        return found
    bouwstenen = closure(kader, [bouwsteen]) - {bouwsteen}
    feiten: set[str] = set()
    parameters: set[str] = set()
    for qid in (bouwsteen, *bouwstenen):
        condition = kader.bouwstenen[qid].condition
        if condition is not None:
            feiten |= m.facts_of(condition)
            parameters |= m.params_of(condition)
    found = cache.upstream[bouwsteen] = Deps(
        frozenset(bouwstenen), frozenset(feiten), frozenset(parameters)
    )
    return found


def closure(kader: m.Kader, roots: Iterable[str]) -> frozenset[str]:
    """``roots`` and every bouwsteen they depend on, directly or not."""
    wanted: set[str] = set()
    stack = list(roots)
    while stack:
        qid = stack.pop()
        if qid not in wanted:
            wanted.add(qid)
            stack.extend(kader.bouwstenen[qid].depends_on)
    return frozenset(wanted)


def downstream(kader: m.Kader, bouwsteen: str) -> tuple[str, ...]:
    """The bouwstenen that depend on ``bouwsteen``, directly or not, in declaration order."""
    cache = _cache(kader)
    if cache.dependents is None:
        cache.dependents = _all_dependents(kader)
    return cache.dependents[bouwsteen]


def _all_dependents(kader: m.Kader) -> dict[str, tuple[str, ...]]:
    direct: dict[str, set[str]] = {qid: set() for qid in kader.bouwstenen}
    for qid, bouwsteen in kader.bouwstenen.items():
        for dep in bouwsteen.depends_on:
            direct[dep].add(qid)
    order = {qid: i for i, qid in enumerate(kader.bouwstenen)}
    closed: dict[str, tuple[str, ...]] = {}
    for qid in kader.bouwstenen:
        seen: set[str] = set()
        stack = [qid]
        while stack:
            for other in direct[stack.pop()]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        closed[qid] = tuple(sorted(seen, key=order.__getitem__))
    return closed
