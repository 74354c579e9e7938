"""lark's rule callbacks, fused: one function per grammar rule for the fast parse.

For every rule lark chains three or four callables: one that gives the node its position
(``propagate_positions``), one that drops keywords and punctuation and splices repetitions
(the child filter), one that passes a lone child through (``?rule``), and the node class.
:func:`fused_callbacks` reads that chain once and builds one function per rule doing the
same, with the positions in a slotted :class:`Meta`. The positions are lark's by
construction: a node starts at its first child and ends at its last, and a node passed up
through a ``?rule`` keeps its own span while its *container* grows to the punctuation
around it (``(a en b)``), which is where a parent's span then starts and ends.

The chain is lark's internal shape; where it is not the expected one, there are no fused
callbacks and the fast parse uses lark's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from lark import Token, Tree, tree
from lark.parse_tree_builder import (
    ChildFilterLALR,
    ChildFilterLALR_NoPlaceholders,
    ExpandSingleChild,
    PropagatePositions,
)

Callback = Callable[[list[Any]], Any]


class Meta(tree.Meta):
    """A node's span (``line`` ... ``end_column``) and its container's (``container_*``),
    as lark's ``Meta`` has them; ``empty`` until a child with a position is seen."""

    __slots__ = (
        "column",
        "container_column",
        "container_end_column",
        "container_end_line",
        "container_line",
        "empty",
        "end_column",
        "end_line",
        "line",
    )

    def __init__(self) -> None:
        self.empty = True


def _first(children: list[Any]) -> tuple[Any, Any] | None:
    """Where the first child with a position starts (a node's container)."""
    for child in children:
        if type(child) is Token:
            return child.line, child.column
        if isinstance(child, Tree):
            meta: Any = child._meta
            if meta is not None and not meta.empty:
                return meta.container_line, meta.container_column
    return None


def _last(children: list[Any]) -> tuple[Any, Any] | None:
    """Where the last child with a position ends (a node's container)."""
    for child in reversed(children):
        if type(child) is Token:
            return child.end_line, child.end_column
        if isinstance(child, Tree):
            meta: Any = child._meta
            if meta is not None and not meta.empty:
                return meta.container_end_line, meta.container_end_column
    return None


def _place(node: Tree[Token], children: list[Any]) -> None:
    """Give ``node`` the span of ``children`` (unless it has one) and their container."""
    start = _first(children)
    if start is None:
        return
    end = _last(children)
    assert end is not None
    meta: Any = node._meta
    if not isinstance(meta, Meta):
        meta = Meta()
        node._meta = meta
    if meta.empty:
        meta.line, meta.column = start
        meta.end_line, meta.end_column = end
        meta.empty = False
    meta.container_line, meta.container_column = start
    meta.container_end_line, meta.container_end_column = end


def _fused(
    name: str,
    node: Callable[[str, list[Any]], Tree[Token]],
    include: list[tuple[int, bool, int]] | None,
    trailing: int,
    lone_child_passes: bool,
) -> Callback:
    def callback(children: list[Any]) -> Any:
        if include is None:
            kept = children
        else:
            kept = []
            for index, splice, nones in include:
                if nones:
                    kept += [None] * nones
                if splice:
                    if kept:
                        kept += children[index].children
                    else:  # left recursion: grow the repetition's own list
                        kept = children[index].children
                else:
                    kept.append(children[index])
            if trailing:
                kept += [None] * trailing
        if lone_child_passes and len(kept) == 1:
            result = kept[0]
            # a child passed up alone, with nothing around it, keeps its span and container
            if isinstance(result, Tree) and (len(children) != 1 or children[0] is not result):
                _place(result, children)
            return result
        result = node(name, kept)
        _place(result, children)
        return result

    return callback


def fused_callbacks(callbacks: Mapping[Any, Any]) -> dict[Any, Callback] | None:
    """One function per rule doing what lark's chain for that rule does (None: a chain of
    another shape than this module knows)."""
    fused: dict[Any, Callback] = {}
    for rule, chain in callbacks.items():
        if not isinstance(chain, PropagatePositions) or getattr(chain, "node_filter", None):
            return None
        step = chain.node_builder
        include: list[tuple[int, bool, int]] | None = None
        trailing = 0
        if isinstance(step, ChildFilterLALR_NoPlaceholders):
            include = [(i, splice, 0) for i, splice in step.to_include]
            step = step.node_builder
        elif type(step) is ChildFilterLALR:
            include = list(step.to_include)
            trailing = step.append_none
            step = step.node_builder
        lone_child_passes = isinstance(step, ExpandSingleChild)
        if lone_child_passes:
            step = step.node_builder
        if not isinstance(step, partial) or len(step.args) != 1 or step.keywords:
            return None
        fused[rule] = _fused(step.args[0], step.func, include, trailing, lone_child_passes)
    return fused
