"""Small helpers for the Dutch text that reports, explanations and the CLI print."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence

from kadermodel.engine.evaluate import PlateauRange
from kadermodel.errors import TEXT_WIDTH

WIDTH = TEXT_WIDTH
"""Line width of text output (one for every renderer: :data:`kadermodel.errors.TEXT_WIDTH`)."""

_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(day: dt.date) -> str:
    """``2026-06-30`` -> ``30 juni 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def plateau_phrase(plateau: PlateauRange, top: int) -> str:
    """``plateau 1 (van 2)``, ``plateau minimaal 1, mogelijk 2 (van 2)``; below plateau 1
    ``basisniveau (nog) niet bereikt (van 2)`` or ``basisniveau nog niet zeker bereikt,
    mogelijk plateau 2 (van 2)`` (the Kader is a yardstick: no "plateau 0")."""
    if plateau.low == 0 and plateau.decided:
        return f"basisniveau (nog) niet bereikt (van {top})"
    if plateau.low == 0:
        return f"basisniveau nog niet zeker bereikt, mogelijk plateau {plateau.high} (van {top})"
    return f"plateau {plateau} (van {top})"


def wrap(text: str, first: str = "", rest: str | None = None) -> list[str]:
    """Wrap at :data:`WIDTH`; continuation lines indent by ``rest`` (default: ``first``)."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def heading(text: str, underline: str) -> list[str]:
    lines = wrap(text)
    return [*lines, underline * max(len(line) for line in lines)]


def item(text: str, indent: str = "") -> list[str]:
    """A list item: ``- text`` with continuation lines under the text."""
    return wrap(text, indent + "- ", indent + "  ")


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def count(number: int, one: str, many: str) -> str:
    """``1 bouwsteen``, ``3 bouwstenen``."""
    return f"{number} {one if number == 1 else many}"
