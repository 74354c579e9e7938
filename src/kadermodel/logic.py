"""Three-valued (Kleene) truth: ``Truth`` and its operators.

Internally a truth is a small integer so that compiled kaders can use ``min`` and ``max``:
``FALSE = 0 < UNKNOWN = 1 < TRUE = 2``. Then *and* is the minimum, *or* the maximum and
*not* is ``2 - x``; these are exactly Kleene's strong three-valued operators.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Truth(enum.IntEnum):
    """waar / onwaar / onbekend. ``str(Truth.TRUE) == "waar"``."""

    FALSE = 0
    UNKNOWN = 1
    TRUE = 2

    @property
    def dutch(self) -> str:
        return _DUTCH[self]

    @property
    def known(self) -> bool:
        return self is not Truth.UNKNOWN

    def __str__(self) -> str:
        return _DUTCH[self]

    def __invert__(self) -> Truth:
        return not_(self)

    def __and__(self, other: int) -> Truth:
        return and_(self, Truth(other))

    def __or__(self, other: int) -> Truth:
        return or_(self, Truth(other))

    @classmethod
    def of(cls, value: bool | None) -> Truth:
        """``True`` -> waar, ``False`` -> onwaar, ``None`` -> onbekend."""
        if value is None:
            return cls.UNKNOWN
        return cls.TRUE if value else cls.FALSE


_DUTCH = {Truth.FALSE: "onwaar", Truth.UNKNOWN: "onbekend", Truth.TRUE: "waar"}


def not_(value: Truth) -> Truth:
    return Truth(2 - value)


def and_(*values: Truth) -> Truth:
    return Truth(min(values, default=Truth.TRUE))


def or_(*values: Truth) -> Truth:
    return Truth(max(values, default=Truth.FALSE))


def at_least(count: int, values: Iterable[Truth]) -> Truth:
    """waar if at least ``count`` are waar; onwaar if fewer than ``count`` can still be waar."""
    items = list(values)
    true = sum(1 for v in items if v is Truth.TRUE)
    possible = true + sum(1 for v in items if v is Truth.UNKNOWN)
    if true >= count:
        return Truth.TRUE
    if possible < count:
        return Truth.FALSE
    return Truth.UNKNOWN
