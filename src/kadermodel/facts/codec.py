"""The fact value codec: one reader and one writer for every fact type.

Reading (:func:`read_value`) takes what a user wrote, as YAML text of a scalar or list or as
a Python/JSON value, and gives the typed value or a :class:`Rejected` saying why not:

=============  ==========================================  ==================================
type           accepted                                    value
=============  ==========================================  ==================================
ja_nee         ``ja``/``waar``/``true``, ``nee``/...       ``bool``
aantal         ASCII digits, ``0`` to :data:`AANTAL_MAX`   ``int``
datum          ``jjjj-mm-dd`` (ASCII digits)               ``datetime.date``
keuze          one of the declared values                  ``str``
verzameling    a list of declared values                   ``frozenset[str]``
=============  ==========================================  ==================================

Writing goes back to the same forms: :func:`text_value` for a facts file (what
:func:`kadermodel.facts.dump.dump_facts` writes; quoted where the reader would read a plain
scalar differently, see :data:`PLAIN_UNSAFE`) and :func:`json_value` for JSON outputs. For
every value ``v`` of type ``t``: ``read_value(t, json_value(v)) == v`` and reading the text
of ``text_value(v)`` gives ``v`` (property-tested).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

from kadermodel import model as m
from kadermodel.errors import suggest

UNKNOWN_WORDS = frozenset({"onbekend", "null", "~", ""})
"""Plain scalars that mean unknown (``onbekend`` also when quoted)."""
TRUE_WORDS = frozenset({"ja", "waar", "true"})
FALSE_WORDS = frozenset({"nee", "onwaar", "false"})
DONT_KNOW = "weet niet"
"""The answer that records an asked question whose answer is not known (unknown too)."""
PLAIN_UNSAFE = UNKNOWN_WORDS | TRUE_WORDS | FALSE_WORDS | {DONT_KNOW}
"""Words the reader gives a meaning of its own: a text value equal to one is quoted."""

AANTAL_MAX = m.AANTAL_MAX
"""The largest aantal (and the largest number in kader text)."""
AANTAL_MAX_TEXT = f"{AANTAL_MAX:_}".replace("_", ".")
""":data:`AANTAL_MAX` as a Dutch reader writes it (999.999.999.999.999)."""
_AANTAL_DIGITS = len(str(AANTAL_MAX))
DATE_MIN = dt.date.min
DATE_MAX = dt.date.max

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_INT = re.compile(r"^[0-9]+$")
_SHOWN = 40
"""Values longer than this are shortened when an error message quotes them."""
_YES_NO_GUESSES = {"yes": "ja", "no": "nee", "y": "ja", "n": "nee", "j": "ja"}


@attrs.frozen
class Rejected:
    """Why a value does not fit its type."""

    got: str
    """The value as the message quotes it (shortened when long)."""
    suggestion: str | None = None
    too_large: bool = False
    """An aantal above :data:`AANTAL_MAX` (its own message and code)."""


def safe_str(value: object, *, use_repr: bool = False) -> str:
    """``str`` (or ``repr``) of a value, also of a number too long for Python to print."""
    try:
        return repr(value) if use_repr else str(value)
    except ValueError:  # an int of more than 4,300 digits (sys.get_int_max_str_digits)
        return "(een getal van duizenden cijfers)"


def shown(value: object, *, use_repr: bool = False) -> str:
    """A value as an error message quotes it: ``'text'``, shortened when long."""
    text = shorten(safe_str(value, use_repr=use_repr))
    return text if use_repr else f"'{text}'"


def shorten(text: str) -> str:
    """A text for a message: long texts are cut, with their length; half characters escaped."""
    if has_surrogate(text):
        text = escape_surrogates(text)
    return text if len(text) <= _SHOWN else f"{text[:30]}... ({len(text)} tekens)"


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    """Whether a text holds a lone surrogate (half a character, which cannot be written)."""
    return _SURROGATE.search(text) is not None


def escape_surrogates(text: str) -> str:
    """The text with each lone surrogate written as its ``\\uXXXX`` code."""
    return _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def surrogate_problem(text: str) -> str | None:
    """A Dutch description of the first lone surrogate in ``text``, or None."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return (
        f"de \\u-code {ord(found.group()):04x} is een half teken (een 'surrogaat'), "
        "geen teken dat in een tekst kan staan"
    )


def is_unknown_text(raw: str, *, quoted: bool) -> bool:
    """Whether a scalar as written in a facts file means unknown."""
    word = raw.strip().lower()
    return word == "onbekend" or (not quoted and word in UNKNOWN_WORDS)


def is_dont_know(raw: str) -> bool:
    """Whether a text is the answer ``weet niet`` (any case, any spacing)."""
    return " ".join(raw.lower().split()) == DONT_KNOW


def read_bool(value: object) -> bool | None:
    """``ja``/``waar``/``true`` -> True, ``nee``/``onwaar``/``false`` -> False, else None."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, str) else None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def read_number(text: str) -> int | None:
    """ASCII digits as a number; None if not digits or above :data:`AANTAL_MAX`."""
    text = text.strip()
    if not _INT.match(text):
        return None
    digits = text.lstrip("0")
    if len(digits) > _AANTAL_DIGITS:
        return None
    number = int(text)
    return number if number <= AANTAL_MAX else None


def is_digits(text: str) -> bool:
    return bool(_INT.match(text.strip()))


def read_date(value: object) -> dt.date | None:
    """A date (not a datetime) or ``jjjj-mm-dd`` text as a date; None otherwise."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def read_value(type_: m.FactType, value: object) -> m.FactValue | Rejected:
    """``value`` (YAML text of a scalar, a list of such texts, or a Python/JSON value) as a
    value of ``type_``."""
    match type_.kind:
        case "ja_nee":
            truth = read_bool(value)
            if truth is not None:
                return truth
            word = str(value).strip().lower() if isinstance(value, str) else ""
            guess = _YES_NO_GUESSES.get(word)
            return Rejected(
                shown(value, use_repr=not isinstance(value, str)),
                guess or suggest(word, ["ja", "nee", "waar", "onwaar"]),
            )
        case "aantal":
            if isinstance(value, bool):
                return Rejected(repr(value))
            if isinstance(value, int):  # within the range, or negative, or too large
                if 0 <= value <= AANTAL_MAX:
                    return value
                return Rejected(shown(value), too_large=value > AANTAL_MAX)
            if isinstance(value, str) and is_digits(value):
                number = read_number(value)
                if number is None:
                    return Rejected(shown(value.strip()), too_large=True)
                return number
            return Rejected(shown(value))
        case "datum":
            day = read_date(value)
            return Rejected(shown(value)) if day is None else day
        case "keuze":
            if isinstance(value, str) and value in type_.values:
                return value
            return Rejected(shown(value), _typo_of(safe_str(value)[:200], type_.values))
        case _:
            if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
                return Rejected(shown(value))
            items = [safe_str(item) for item in value]
            outside = [item for item in items if item not in type_.values]
            if outside:
                return Rejected(shown(outside[0]), suggest(outside[0][:200], type_.values))
            return frozenset(items)


def text_value(value: m.FactValue) -> str:
    """A value as a facts file has it (YAML): ``ja``/``nee``, ``3``, ``2026-06-30``, ``[a, b]``;
    a keuze value the reader would misread as plain text is quoted."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, frozenset):
        return "[" + ", ".join(_text(item) for item in sorted(value)) + "]"
    return m.format_value(value)


def _text(word: str) -> str:
    if word.lower() in PLAIN_UNSAFE or not _PLAIN.fullmatch(word):
        return yaml_quoted(word)
    return word


_PLAIN = re.compile(r"[A-Za-z0-9_]+")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def _raw(code: int) -> bool:
    """Whether YAML allows this character unescaped in a double-quoted scalar (PyYAML's
    printable set, no breaks). A comparison, not a regular expression: compiling that one took
    milliseconds of every command's start-up."""
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _raw(ord(char)):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def json_value(value: m.FactValue | None) -> Any:
    """A value as JSON outputs have it: bool, int, ``"jjjj-mm-dd"``, text, sorted list."""
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def json_values(values: Iterable[tuple[str, m.FactValue | None]]) -> dict[str, Any]:
    return {name: json_value(value) for name, value in values}


def _typo_of(word: str, values: tuple[str, ...]) -> str | None:
    """The keuze value ``word`` is a typo of, or None.

    Keuze values are ordered (frequencies, levels), so a fuzzy "bedoelde je" could turn one
    value into a different one ("eens_per_jaar" into "vaker_dan_eens_per_jaar"). A value is
    only suggested when it differs from ``word`` by spelling alone: the same words (split on
    "_", spaces or "-"), each at most one edit away, so a typo is fixed but no word is swapped
    for another. Otherwise the hint lists every value.
    """
    typed = _words(word)
    for value in values:
        words = _words(value)
        if len(words) == len(typed) and all(
            _at_most_one_edit(a, b) for a, b in zip(typed, words, strict=True)
        ):
            return value
    return None


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s_\-]+", text.strip().lower()) if w]


def _at_most_one_edit(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by at most one insertion, deletion, change or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
