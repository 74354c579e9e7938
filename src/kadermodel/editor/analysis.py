"""What an editor needs to know about one kadertaal document, without any protocol.

:func:`analyse` turns the text of a kader or uitbreiding file into an :class:`Analysis`:
the diagnostics (the same codes and Dutch messages as ``kadermodel check``) and, when the
text checks, the resolved :class:`~kadermodel.model.Kader`. The language server
(:mod:`kadermodel.editor.lsp`) keeps the last good kader of a document, so hover, go to
definition and completion keep working while the author types something that does not
check yet. Everything here is a pure function of its arguments (and of files beside the
document, for an uitbreiding's base).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import attrs

from kadermodel import model as m
from kadermodel.api import parse_kader
from kadermodel.editor import words
from kadermodel.errors import Diagnostic, KaderError, Span
from kadermodel.language.bundled import bundled_extension_ids, bundled_ids
from kadermodel.language.syntax import parse_source
from kadermodel.language.unparse import format_text

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?")


@attrs.frozen
class Analysis:
    """The diagnostics of a document and, when it checks, its kader."""

    diagnostics: tuple[Diagnostic, ...]
    kader: m.Kader | None


def analyse(text: str, path: str) -> Analysis:
    """Parse and check a document; an uitbreiding's base is looked up beside ``path``."""
    folder = Path(path).resolve().parent
    try:
        kader = parse_kader(text, path, search_path=(folder,))
    except KaderError as error:
        return Analysis(error.diagnostics, None)
    own = tuple(d for d in kader.warnings if d.span is None or d.span.file == path)
    return Analysis(own, kader)


def formatted(text: str, path: str) -> str | None:
    """The text in the canonical layout of ``kadermodel fmt``, or None when it does not parse."""
    try:
        return format_text(parse_source(text, path), text)
    except KaderError:
        return None


# ------------------------------------------------------------------ names at a position


@attrs.frozen
class Target:
    """What a name in the text refers to."""

    kind: str
    """``feit``, ``parameter``, ``bouwsteen``, ``thema`` or ``controle``."""
    key: str
    """The name (a bouwsteen by its qualified id)."""


def word_at(line: str, column: int) -> str | None:
    """The name (``x`` or ``thema.x``) under a 0-based column, if any."""
    for match in _WORD.finditer(line):
        if match.start() <= column <= match.end():
            return match.group(0)
    return None


def resolve(kader: m.Kader, word: str, thema: str | None) -> Target | None:
    """What ``word`` names in ``kader``; a bare bouwsteen name is looked up in ``thema`` first."""
    if "." in word:
        if word in kader.bouwstenen:
            return Target("bouwsteen", word)
        word = word.split(".", 1)[1] if word.split(".", 1)[0] in kader.themas else word
    if word in kader.feiten:
        return Target("feit", word)
    if word in kader.parameters:
        return Target("parameter", word)
    if thema is not None and f"{thema}.{word}" in kader.bouwstenen:
        return Target("bouwsteen", f"{thema}.{word}")
    matches = [qid for qid, b in kader.bouwstenen.items() if b.name == word]
    if len(matches) == 1:
        return Target("bouwsteen", matches[0])
    if word in kader.themas:
        return Target("thema", word)
    if word in kader.controles:
        return Target("controle", word)
    return None


def thema_at(text: str, line: int) -> str | None:
    """The thema block a 1-based line lies in (by the nearest ``thema x`` above it)."""
    current = None
    for number, content in enumerate(text.split("\n"), 1):
        if number > line:
            break
        found = re.match(r"\s*thema\s+([A-Za-z_][A-Za-z0-9_]*)", content)
        if found:
            current = found.group(1)
    return current


def declaration(kader: m.Kader, target: Target) -> Span | None:
    """Where the target is declared."""
    item: m.Feit | m.Parameter | m.Bouwsteen | m.Thema | m.Controle
    match target.kind:
        case "feit":
            item = kader.feiten[target.key]
        case "parameter":
            item = kader.parameters[target.key]
        case "bouwsteen":
            item = kader.bouwstenen[target.key]
        case "controle":
            item = kader.controles[target.key]
        case _:
            item = kader.themas[target.key]
    return item.span


def source_path(file: str) -> Path | None:
    """The file on disk a span's file name stands for (bundled kaders by their id)."""
    path = Path(file)
    if path.is_file():
        return path.resolve()
    stem = path.name.removesuffix(".kader")
    if path.name.endswith(".kader") and stem in (*bundled_ids(), *bundled_extension_ids()):
        bundled = resources.files("kadermodel").joinpath("kaders", path.name)
        return Path(str(bundled)).resolve()
    return None


# ------------------------------------------------------------------ hover


def _origin(herkomst: Sequence[m.Herkomst]) -> list[str]:
    lines = []
    for step in herkomst:
        reason = f" ({step.reason})" if step.reason else ""
        lines.append(
            f"- {step.action} door {step.source}, {Path(step.file).name} regel {step.line}{reason}"
        )
    return lines


def hover_text(kader: m.Kader, target: Target) -> str:
    """Markdown (Dutch) about a feit, parameter, bouwsteen or thema."""
    if target.kind == "bouwsteen":
        bouwsteen = kader.bouwstenen[target.key]
        lines = [f"**bouwsteen {bouwsteen.id}** (plateau {bouwsteen.plateau})", "", bouwsteen.text]
        if bouwsteen.bron:
            lines += ["", f"bron: {bouwsteen.bron}"]
        if bouwsteen.requires:
            lines += ["", "vereist: " + ", ".join(bouwsteen.requires)]
        if len(bouwsteen.herkomst) > 1:
            lines += ["", "herkomst:", *_origin(bouwsteen.herkomst)]
        return "\n".join(lines)
    if target.kind == "feit":
        feit = kader.feiten[target.key]
        lines = [f"**feit {feit.name}**: {feit.type}"]
        if feit.vraag:
            lines += ["", f"vraag: {feit.vraag}"]
        if feit.bron:
            lines += ["", f"bron: {feit.bron}"]
        if feit.toelichting:
            lines += ["", feit.toelichting]
        if feit.voorheen:
            lines += ["", "voorheen: " + ", ".join(feit.voorheen)]
        return "\n".join(lines)
    if target.kind == "controle":
        controle = kader.controles[target.key]
        lines = [f"**controle {controle.name}**", "", controle.text]
        if controle.bron:
            lines += ["", f"bron: {controle.bron}"]
        return "\n".join(lines)
    if target.kind == "parameter":
        parameter = kader.parameters[target.key]
        value = m.format_value(parameter.value)
        lines = [f"**parameter {parameter.name}**: {parameter.type} = {value}"]
        if parameter.bron:
            lines += ["", f"bron: {parameter.bron}"]
        lines += ["", "herkomst:", *_origin(parameter.herkomst)]
        return "\n".join(lines)
    thema = kader.themas[target.key]
    lines = [f"**thema {thema.id}**: {thema.title}", ""]
    for plateau in thema.plateaus:
        lines.append(f"- plateau {plateau.number}: " + ", ".join(plateau.bouwstenen))
    return "\n".join(lines)


# ------------------------------------------------------------------ completion

_VALUE_CONTEXT = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*"
    r"(?:(?:!=|<=|>=|=|<|>)\s*|(?:in|bevat\s+alle|bevat\s+een\s+van)\s*\([A-Za-z0-9_,\s]*)"
    r"[A-Za-z0-9_]*$"
)


@attrs.frozen
class Completion:
    label: str
    kind: str
    """``waarde``, ``feit``, ``parameter``, ``bouwsteen``, ``thema`` or ``woord``."""
    detail: str


def completions(kader: m.Kader, before: str, thema: str | None) -> list[Completion]:
    """What may be typed where the text on the line so far is ``before``.

    After a comparison or ``in (`` on a keuze or verzameling fact (or parameter): its values.
    Elsewhere: the kader's names and the words of the language.
    """
    context = _VALUE_CONTEXT.search(before)
    if context:
        name = context.group("name")
        typed = kader.feiten.get(name) or kader.parameters.get(name)
        if typed is not None and typed.type.kind in ("keuze", "verzameling"):
            return [Completion(v, "waarde", f"waarde van {name}") for v in typed.type.values]
    found = [Completion(n, "feit", str(f.type)) for n, f in kader.feiten.items()]
    found += [
        Completion(n, "parameter", f"{p.type} = {m.format_value(p.value)}")
        for n, p in kader.parameters.items()
    ]
    for qid, bouwsteen in kader.bouwstenen.items():
        label = bouwsteen.name if bouwsteen.thema == thema else qid
        found.append(Completion(label, "bouwsteen", bouwsteen.text))
    found += [Completion(t, "thema", kader.themas[t].title) for t in kader.themas]
    found += [Completion(word, "woord", "kadertaal") for word in words.ALL]
    return found
