"""Errors as data: spans, diagnostics, the one renderer, and the KaderError tree.

Every problem the library finds in user input becomes a :class:`Diagnostic` (a stable code,
a Dutch message and hint, a :class:`Span`, an optional suggestion). Diagnostics travel inside
a :class:`KaderError`; ``str(error)`` renders all of them with the offending source line and a
caret underline. No other exception type leaves the library for bad input.
"""

from __future__ import annotations

import difflib
import errno
import re
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

Severity = Literal["fout", "waarschuwing"]

TEXT_WIDTH = 88
"""Line width of every text kadermodel prints: reports, explanations, impact previews and
the hints of diagnostics (here, at the bottom layer, so that every layer can use it)."""


@attrs.frozen
class Span:
    """A place in a source text: 1-based line and column, end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, file: str, line: int, column: int, width: int = 1) -> Span:
        return cls(file, line, column, line, column + max(width, 1))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen
class Diagnostic:
    """One problem in user input, as data."""

    code: str
    message: str
    span: Span | None
    hint: str | None = None
    suggestion: str | None = None
    severity: Severity = "fout"

    def render(self, source: str | Sequence[str] | None = None) -> str:
        """Render as ``file:line:col: fout CODE: message`` + source line, caret, hint.

        ``source`` is the file's text, or its lines (:func:`source_lines`) when many
        diagnostics of one file are rendered.
        """
        where = f"{self.span}: " if self.span else ""
        lines = [f"{where}{self.severity} {self.code}: {self.message}"]
        if self.span is not None and source is not None:
            text_lines = source_lines(source) if isinstance(source, str) else source
            lines.extend(_snippet(text_lines, self.span))
        if self.hint:
            lines.append(f"  tip: {self.hint}")
        if self.suggestion:
            lines.append(f"  bedoelde je '{self.suggestion}'?")
        rendered = "\n".join(lines)
        if _SURROGATE.search(rendered):
            # Half a character (from a quoted "\ud800", a Python string or a file name the
            # operating system could not decode) cannot be printed: show the replacement
            # character, one column wide so the caret stays under it.
            rendered = _SURROGATE.sub("\ufffd", rendered)
        return rendered


_SURROGATE = re.compile("[\ud800-\udfff]")


def source_lines(text: str) -> list[str]:
    """The lines of a text as the parser counts them: split at \\n only, \\r\\n allowed.

    ``str.splitlines`` also splits at form feeds, \\r and other separators, which would
    put a caret on the wrong line.
    """
    return [line.removesuffix("\r") for line in text.split("\n")]


SNIPPET_WIDTH = 120
"""A source line longer than this is shown in part: the stretch around the caret."""


def _snippet(lines: Sequence[str], span: Span) -> list[str]:
    if not 1 <= span.line <= len(lines) or (span.line == len(lines) and not lines[-1]):
        return []
    text = lines[span.line - 1].replace("\t", " ").replace("\r", " ")
    column = span.column
    if span.end_line == span.line:
        width = max(span.end_column - span.column, 1)
    else:
        width = max(len(text) - span.column + 1, 1)
    if len(text) > SNIPPET_WIDTH:
        start = max(0, min(column - 1 - SNIPPET_WIDTH // 3, len(text) - SNIPPET_WIDTH))
        end = start + SNIPPET_WIDTH
        shown = text[start:end]
        prefix = "..." if start else ""
        text = prefix + shown + ("..." if end < len(text) else "")
        column = column - start + len(prefix)
        width = max(min(width, len(prefix) + len(shown) - column + 1), 1)
    number = str(span.line)
    gutter = " " * len(number)
    caret = " " * (column - 1) + "^" * width
    return [f" {number} | {text}", f" {gutter} | {caret}"]


class KaderError(Exception):
    """Base of every error kadermodel raises on bad input (DSL, facts, extensions).

    ``diagnostics`` holds every problem found; ``str(error)`` renders them all.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic], sources: dict[str, str] | None = None):
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.sources: dict[str, str] = dict(sources or {})
        super().__init__(self.render())

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]

    @property
    def code(self) -> str:
        return self.first.code

    def render(self) -> str:
        parts = []
        split: dict[str, list[str]] = {}  # each source split once: linear in the diagnostics
        for diagnostic in self.diagnostics:
            file = diagnostic.span.file if diagnostic.span else None
            lines = None
            if file is not None and file in self.sources:
                if file not in split:
                    split[file] = source_lines(self.sources[file])
                lines = split[file]
            parts.append(diagnostic.render(lines))
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.render()


class KaderSyntaxError(KaderError):
    """The text is not valid kadertaal."""


class KaderCompileError(KaderError):
    """The text parses, but names, types or structure are wrong."""


class KaderCycleError(KaderCompileError):
    """Bouwstenen depend on each other in a cycle."""


class ExtensionError(KaderError):
    """An uitbreiding cannot be applied to its base kader."""


class FactsError(KaderError):
    """A facts file or mapping does not fit the kader's declarations."""


class DiagnosticCollector:
    """Collects the problems one pass finds, so that all of them are reported at once."""

    def __init__(self) -> None:
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def report(self, diagnostic: Diagnostic) -> None:
        if diagnostic.severity == "waarschuwing":
            self.warnings.append(diagnostic)
        else:
            self.errors.append(diagnostic)

    def error(
        self,
        code: str,
        message: str,
        span: Span | None,
        hint: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.errors.append(Diagnostic(code, message, span, hint, suggestion))


_ERRNO_TEXT = {
    errno.ENOENT: "bestand of map bestaat niet",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toestemming",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.ELOOP: "de symbolische koppelingen in het pad verwijzen in een kring naar elkaar",
    errno.ENAMETOOLONG: "de bestandsnaam of het pad is te lang",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.EMFILE: "er zijn te veel bestanden tegelijk open",
    errno.ENFILE: "er zijn te veel bestanden tegelijk open",
    errno.EIO: "het bestand kan niet van de schijf gelezen worden",
    errno.EBUSY: "het bestand is bezet",
    errno.ENXIO: "het apparaat bestaat niet",
    errno.EINVAL: "ongeldig pad",
    errno.EFBIG: "het bestand is te groot",
    errno.EEXIST: "het bestand bestaat al",
    errno.EXDEV: "het bestand kan niet naar een ander bestandssysteem verplaatst worden",
    errno.EAGAIN: "het bestand is tijdelijk niet beschikbaar; probeer het opnieuw",
}


def os_error_reason(error: OSError) -> str:
    """Why a file could not be read or written, in Dutch (never the system's English text)."""
    known = _ERRNO_TEXT.get(error.errno or 0)
    if known:
        return known
    name = errno.errorcode.get(error.errno or 0)
    return f"het besturingssysteem geeft foutcode {name}" if name else "onbekende bestandsfout"


def suggest(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt name, or None when nothing is close."""
    matches = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None
