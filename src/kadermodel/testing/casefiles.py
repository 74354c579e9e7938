"""Case files (``*.kadertest.yaml``): municipalities with the plateaus a coordinator expects.

A case file names a kader (a bundled id or a ``.kader`` path, plus optional uitbreidingen),
a list of cases (facts, from a facts file and/or inline, and the expected plateaus, as a
number or a range ``laag..hoog``, and optionally expected bouwsteen truths) and optionally
claims (stellingen) to check::

    kader: vng_mensenhandel_2021
    uitbreidingen: [regio_west.kader]
    gevallen:
      - naam: voorbeeldstad
        feitenbestand: voorbeeldstad.yaml
        feiten:
          regionale_ketenregisseur: ja
        verwacht:
          plateaus:
            samenwerking: 2
            signalering: 1..2
          bouwstenen:
            samenwerking.ketenregisseur: waar
    stellingen:
      geen_regisseur_geen_plateau_2: als niet regionale_ketenregisseur dan plateau(samenwerking) < 2
    kaderstellingen: ja

Keys are Dutch because coordinators write these files. Every mistake in a case file is a
:class:`CaseFileError` (a :class:`~kadermodel.errors.KaderError`) with file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal

import attrs
import yaml

from kadermodel import model as m
from kadermodel.api import assess
from kadermodel.engine.evaluate import Assessment
from kadermodel.errors import Diagnostic, KaderError, Span, os_error_reason, suggest
from kadermodel.extend.load import is_bundled_reference, load
from kadermodel.facts import codec
from kadermodel.facts.reader import load_facts, parse_facts
from kadermodel.facts.value import Facts, build_facts
from kadermodel.facts.yamlsource import NodeReader, compose_yaml, is_null
from kadermodel.logic import Truth
from kadermodel.report.explanation import bouwsteen_explanation_text
from kadermodel.testing.claims import Claim, claim_from_text, claims_of

SUFFIX = ".kadertest.yaml"

TOP_KEYS = ("kader", "uitbreidingen", "peildatum", "gevallen", "stellingen", "kaderstellingen")
TOP_KEYS_ALL = (*TOP_KEYS, "toelichting")
CASE_KEYS = ("naam", "feitenbestand", "feiten", "peildatum", "verwacht", "toelichting")
EXPECT_KEYS = ("plateaus", "bouwstenen")
CLAIM_KEYS = ("stelling", "tekst")
TRUTH_WORDS = {
    **dict.fromkeys(sorted(codec.TRUE_WORDS), Truth.TRUE),
    **dict.fromkeys(sorted(codec.FALSE_WORDS), Truth.FALSE),
    "onbekend": Truth.UNKNOWN,
}
_RANGE = re.compile(r"^\s*([0-9]+)\s*\.\.\s*([0-9]+)\s*$")


class CaseFileError(KaderError):
    """A case file cannot be read or does not fit its kader."""


@attrs.frozen
class Case:
    """One municipality with what the coordinator expects of it."""

    name: str
    facts: Facts
    peildatum: dt.date
    plateaus: Mapping[str, tuple[int, int]]
    """Expected (low, high) per thema."""
    bouwstenen: Mapping[str, Truth]
    line: int
    """Line of the case in its file (for test reports)."""


@attrs.frozen
class CaseFile:
    path: Path
    kader: m.Kader
    cases: tuple[Case, ...]
    claims: tuple[tuple[Claim, int], ...]
    """Claims with the line they are written on (the kader's own ones when asked for)."""
    peildatum: dt.date | None = None
    """The file's own peildatum (for claims; cases carry theirs)."""


@attrs.frozen
class Mismatch:
    kind: Literal["plateau", "bouwsteen"]
    id: str
    expected: str
    got: str


@attrs.frozen
class CaseResult:
    case: Case
    assessment: Assessment
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        return not self.mismatches

    def differing_bouwstenen(self) -> tuple[str, ...]:
        """Bouwstenen that explain the mismatches, in declaration order."""
        result = self.assessment
        kader = result.kader
        found: set[str] = set()
        for mismatch in self.mismatches:
            if mismatch.kind == "bouwsteen":
                found.add(mismatch.id)
                continue
            thema = kader.themas[mismatch.id]
            expected_low, expected_high = self.case.plateaus[mismatch.id]
            got = result.plateau(mismatch.id)
            levels = thema.plateaus
            if got.low < expected_low:  # something keeps it below the expected level
                found |= {
                    q
                    for p in levels[:expected_low]
                    for q in p.bouwstenen
                    if result.truth(q) is not Truth.TRUE
                }
            if got.low > expected_low:  # the next plateau is reached after all
                found.update(levels[expected_low].bouwstenen)
            if got.high > expected_high:  # nothing rules the next plateau out
                found |= {
                    q
                    for q in levels[expected_high].bouwstenen
                    if result.truth(q) is not Truth.FALSE
                }
            if got.high < expected_high:  # something rules the expected level out
                found |= {
                    q
                    for p in levels[:expected_high]
                    for q in p.bouwstenen
                    if result.truth(q) is Truth.FALSE
                }
        return tuple(q for q in kader.bouwstenen if q in found)

    def message(self, max_explained: int = 8) -> str:
        """Expected versus got, then why the differing bouwstenen came out as they did."""
        lines = [f"geval '{self.case.name}': de uitkomst wijkt af van wat verwacht is"]
        labels = [
            f"{'plateau' if x.kind == 'plateau' else 'bouwsteen'} {x.id}" for x in self.mismatches
        ]
        width = max(len(label) for label in labels)
        expected_width = max(len(x.expected) for x in self.mismatches)
        for label, x in zip(labels, self.mismatches, strict=True):
            lines.append(
                f"  {label:<{width}}  verwacht {x.expected:<{expected_width}}  gekregen {x.got}"
            )
        differing = self.differing_bouwstenen()
        if differing:
            lines.append("")
            lines.append("waarom (de bouwstenen die het verschil maken):")
            for qid in differing[:max_explained]:
                lines.append(bouwsteen_explanation_text(self.assessment, qid, indent="  "))
            if len(differing) > max_explained:
                rest = ", ".join(differing[max_explained:])
                lines.append(f"  ... en nog {len(differing) - max_explained}: {rest}")
        return "\n".join(lines)


def format_range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}..{high}"


def run_case(kader: m.Kader, case: Case) -> CaseResult:
    """Assess the case and compare with what is expected."""
    result = assess(kader, case.facts, case.peildatum)
    mismatches = []
    for thema, (low, high) in case.plateaus.items():
        got = result.plateau(thema)
        if (got.low, got.high) != (low, high):
            mismatches.append(
                Mismatch("plateau", thema, format_range(low, high), format_range(got.low, got.high))
            )
    for qid, expected in case.bouwstenen.items():
        truth = result.truth(qid)
        if truth is not expected:
            mismatches.append(Mismatch("bouwsteen", qid, str(expected), str(truth)))
    return CaseResult(case, result, tuple(mismatches))


# ------------------------------------------------------------------ reading


class _Reader(NodeReader):
    """Reads the nodes of one case file (spans and problems as every YAML reader has them)."""

    def __init__(self, path: Path, text: str):
        super().__init__(str(path), text, CaseFileError)
        self.path = path
        self.name = str(path)
        self.text = text

    def mapping(
        self, node: yaml.Node, allowed: tuple[str, ...], what: str
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.error_at("T104", f"{what} moet uit regels 'sleutel: waarde' bestaan", node)
            return {}
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or (allowed and key not in allowed):
                self.error_at(
                    "T102",
                    f"onbekende sleutel '{key}' in {what}",
                    key_node,
                    hint="mogelijke sleutels: " + ", ".join(allowed),
                    suggestion=suggest(str(key), allowed),
                )
                continue
            if key in found:
                self.error_at("T102", f"sleutel '{key}' staat er twee keer in {what}", key_node)
            found[key] = (key_node, value_node)
        return found

    def scalar(self, node: yaml.Node, what: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and not is_null(node):
            return str(node.value)
        self.error_at("T104", f"{what} moet een enkele waarde zijn", node)
        return None

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        text = self.scalar(node, what)
        if text is not None:
            day = codec.read_date(text)
            if day is not None and text == text.strip():
                return day
            self.error_at(
                "T104", f"{codec.shown(text)} is geen datum voor {what}", node, hint="jjjj-mm-dd"
            )
        return None

    def file_path(self, node: yaml.Node, what: str) -> Path | None:
        text = self.scalar(node, what)
        if text is None:
            return None
        path = (self.path.parent / text).resolve()
        if not path.is_file():
            self.error_at("T107", f"{what} '{text}' bestaat niet (gezocht: {path})", node)
            return None
        return path

    def masked(self, start: int, end: int) -> str:
        """The file text with everything outside ``start:end`` blanked (lines stay put)."""
        blank = re.sub(r"[^\n]", " ", self.text)
        return blank[:start] + self.text[start:end] + blank[end:]


_KADER_CACHE: dict[tuple[str, tuple[str, ...], float], m.Kader] = {}


def _load_kader(reference: str, folder: Path, extensions: tuple[Path, ...]) -> m.Kader:
    """The case file's kader (:func:`kadermodel.extend.load.load`), cached while no file
    changes."""
    files = [*extensions]
    if not is_bundled_reference(reference):
        files.append((folder / reference).resolve())
    stamp = max([p.stat().st_mtime for p in files if p.is_file()], default=0.0)
    key = (str((folder / reference).resolve()), tuple(str(p) for p in extensions), stamp)
    if key not in _KADER_CACHE:
        _KADER_CACHE[key] = load(reference, extensions=extensions, relative_to=folder).kader
    return _KADER_CACHE[key]


def load_case_file(path: str | Path) -> CaseFile:
    """Read a case file, its kader and its facts; raise :class:`KaderError` on any mistake."""
    path = Path(path).resolve()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_error_reason(error) if isinstance(error, OSError) else "geen UTF-8-tekst"
        raise CaseFileError(
            [Diagnostic("T107", f"kan testbestand '{name}' niet lezen: {reason}", None)]
        ) from None
    reader = _Reader(path, text)
    root = compose_yaml(text, name, "T101", CaseFileError)
    if root is None:
        raise CaseFileError(
            [Diagnostic("T103", "het testbestand is leeg", Span.point(name, 1, 1))], {name: text}
        )
    top = reader.mapping(root, TOP_KEYS_ALL, "het testbestand")
    if reader.errors:
        raise reader.failure()

    extensions: list[Path] = []
    if "uitbreidingen" in top:
        node = top["uitbreidingen"][1]
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in items:
            found = reader.file_path(item, "uitbreiding")
            if found is not None:
                extensions.append(found)
    reference = "vng_mensenhandel_2021"
    if "kader" in top:
        reference = reader.scalar(top["kader"][1], "kader") or reference
    default_day = reader.date(top["peildatum"][1], "peildatum") if "peildatum" in top else None
    if reader.errors:
        raise reader.failure()
    kader = _load_kader(reference, path.parent, tuple(extensions))

    cases: list[Case] = []
    if "gevallen" in top:
        node = top["gevallen"][1]
        if not isinstance(node, yaml.SequenceNode):
            reader.error_at(
                "T104", "onder 'gevallen' hoort een lijst (regels met '- naam: ...')", node
            )
        else:
            for item in node.value:
                case = _read_case(reader, kader, item, default_day)
                if case is not None:
                    cases.append(case)
    claims: list[tuple[Claim, int]] = []
    if "stellingen" in top:
        claims.extend(_read_claims(reader, kader, top["stellingen"][1]))
    if "kaderstellingen" in top:
        wanted = codec.read_bool(reader.scalar(top["kaderstellingen"][1], "kaderstellingen"))
        if wanted:
            line = top["kaderstellingen"][0].start_mark.line + 1
            claims.extend((claim, line) for claim in claims_of(kader))
        elif wanted is None:
            reader.error_at("T104", "kaderstellingen is ja of nee", top["kaderstellingen"][1])
    if not cases and not claims and not reader.errors:
        reader.error_at(
            "T103",
            "het testbestand heeft geen gevallen en geen stellingen",
            root,
            hint="zet de gevallen onder 'gevallen:' (zie docs/testing.md)",
        )
    if reader.errors:
        raise reader.failure()
    return CaseFile(path, kader, tuple(cases), tuple(claims), default_day)


def _read_case(
    reader: _Reader, kader: m.Kader, node: yaml.Node, default_day: dt.date | None
) -> Case | None:
    fields = reader.mapping(node, CASE_KEYS, "een geval")
    before = len(reader.errors)
    if "naam" not in fields:
        reader.error_at("T103", "een geval heeft een 'naam' nodig", node)
        return None
    name = reader.scalar(fields["naam"][1], "naam") or "?"
    facts: Facts | None = None
    if "feitenbestand" in fields:
        found = reader.file_path(fields["feitenbestand"][1], "feitenbestand")
        if found is not None:
            facts = _with_context(reader, name, lambda: load_facts(found, kader))
    if "feiten" in fields:
        key_node, value_node = fields["feiten"]
        text = reader.masked(key_node.start_mark.index, value_node.end_mark.index)
        inline = _with_context(reader, name, lambda: parse_facts(text, kader, name=reader.name))
        if inline is not None:
            keys = [
                k.value
                for k, _ in (value_node.value if isinstance(value_node, yaml.MappingNode) else [])
            ]
            if facts is None:
                facts = inline
            else:
                overrides = {k: inline.values[k] for k in keys if k in kader.feiten}
                merged = {**facts.known, **overrides}
                facts = build_facts(
                    kader,
                    {k: v for k, v in merged.items() if v is not None},
                    gemeente=facts.gemeente,
                    peildatum=facts.peildatum,
                    bronnen=facts.bronnen,
                    source=facts.source,
                )
    if facts is None and "feitenbestand" not in fields and "feiten" not in fields:
        facts = build_facts(kader, {})
    day = reader.date(fields["peildatum"][1], "peildatum") if "peildatum" in fields else None
    plateaus: dict[str, tuple[int, int]] = {}
    bouwstenen: dict[str, Truth] = {}
    if "verwacht" not in fields:
        reader.error_at("T103", f"geval '{name}' heeft geen 'verwacht'", node)
    else:
        expected = reader.mapping(fields["verwacht"][1], EXPECT_KEYS, "verwacht")
        if "plateaus" in expected:
            plateaus = _read_plateaus(reader, kader, expected["plateaus"][1])
        if "bouwstenen" in expected:
            bouwstenen = _read_bouwstenen(reader, kader, expected["bouwstenen"][1])
        if not plateaus and not bouwstenen and len(reader.errors) == before:
            reader.error_at("T103", f"geval '{name}' verwacht niets", fields["verwacht"][1])
    if len(reader.errors) > before or facts is None:
        return None
    peildatum = day or default_day or facts.peildatum or dt.date.today()
    return Case(name, facts, peildatum, plateaus, bouwstenen, node.start_mark.line + 1)


def _with_context(reader: _Reader, case: str, load: Callable[[], Facts]) -> Facts | None:
    """``load()``, with its problems added to the reader's, named after the case."""
    try:
        facts = load()
    except KaderError as error:
        for diagnostic in error.diagnostics:
            reader.errors.append(
                attrs.evolve(diagnostic, message=f"geval '{case}': {diagnostic.message}")
            )
        return None
    return facts


def _read_plateaus(reader: _Reader, kader: m.Kader, node: yaml.Node) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for thema, (key_node, value_node) in reader.mapping(node, (), "plateaus").items():
        if thema not in kader.themas:
            reader.error_at(
                "T105",
                f"kader {kader.id} heeft geen thema '{thema}'",
                key_node,
                suggestion=suggest(thema, kader.themas),
            )
            continue
        text = reader.scalar(value_node, f"plateau van {thema}")
        if text is None:
            continue
        top = kader.themas[thema].top
        match = _RANGE.match(text)
        if codec.is_digits(text):
            low = high = _plateau_number(text)
        elif match:
            low, high = _plateau_number(match.group(1)), _plateau_number(match.group(2))
        else:
            reader.error_at(
                "T106",
                f"{codec.shown(text)} is geen plateau voor {thema}",
                value_node,
                hint=f"schrijf een plateau (0 tot en met {top}) of een bereik laag..hoog, "
                "bijvoorbeeld 1..2",
            )
            continue
        if not 0 <= low <= high <= top:
            reader.error_at(
                "T106",
                f"plateau {codec.shown(text)[1:-1]} kan niet voor thema {thema}: "
                f"dat loopt van 0 tot en met {top}"
                + (" en laag mag niet boven hoog liggen" if low > high else ""),
                value_node,
            )
            continue
        found[thema] = (low, high)
    return found


def _plateau_number(text: str) -> int:
    """A plateau written in ASCII digits (a number too large for any kader counts as such)."""
    number = codec.read_number(text)
    return codec.AANTAL_MAX + 1 if number is None else number


def _read_bouwstenen(reader: _Reader, kader: m.Kader, node: yaml.Node) -> dict[str, Truth]:
    found: dict[str, Truth] = {}
    for qid, (key_node, value_node) in reader.mapping(node, (), "bouwstenen").items():
        if qid not in kader.bouwstenen:
            reader.error_at(
                "T105",
                f"kader {kader.id} heeft geen bouwsteen '{qid}'",
                key_node,
                hint="schrijf thema.bouwsteen, bijvoorbeeld signalering.meldroute",
                suggestion=suggest(qid, kader.bouwstenen),
            )
            continue
        word = (reader.scalar(value_node, f"bouwsteen {qid}") or "").strip().lower()
        if word not in TRUTH_WORDS:
            reader.error_at(
                "T104",
                f"'{word}' is geen waarheidswaarde voor bouwsteen {qid}",
                value_node,
                hint="verwacht: waar, onwaar of onbekend",
                suggestion=suggest(word, TRUTH_WORDS),
            )
            continue
        found[qid] = TRUTH_WORDS[word]
    return found


def _read_claims(reader: _Reader, kader: m.Kader, node: yaml.Node) -> list[tuple[Claim, int]]:
    found: list[tuple[Claim, int]] = []
    for name, (key_node, value_node) in reader.mapping(node, (), "stellingen").items():
        description = None
        source_node = value_node
        if isinstance(value_node, yaml.MappingNode):
            fields = reader.mapping(value_node, CLAIM_KEYS, f"stelling {name}")
            if "stelling" not in fields:
                reader.error_at("T103", f"stelling '{name}' heeft geen 'stelling: ...'", value_node)
                continue
            source_node = fields["stelling"][1]
            if "tekst" in fields:
                description = reader.scalar(fields["tekst"][1], "tekst")
        text = reader.scalar(source_node, f"stelling {name}")
        if text is None:
            continue
        try:
            claim = claim_from_text(kader, text, name=name, description=description)
        except KaderError as error:
            for diagnostic in error.diagnostics:
                reader.errors.append(
                    attrs.evolve(
                        diagnostic,
                        message=f"stelling '{name}': {diagnostic.message}",
                        span=_claim_span(reader, source_node, diagnostic.span),
                    )
                )
            continue
        found.append((claim, key_node.start_mark.line + 1))
    return found


def _claim_span(reader: _Reader, node: yaml.Node, inner: Span | None) -> Span:
    """Where a problem inside a claim string lies in the case file."""
    start, end = node.start_mark, node.end_mark
    style = getattr(node, "style", None)
    if inner is None or start.line != end.line or style not in (None, "'", '"'):
        return reader.span(node)
    offset = start.column + (1 if style else 0)
    return Span(
        reader.name,
        start.line + 1,
        offset + inner.column,
        start.line + 1,
        offset + max(inner.end_column, inner.column + 1),
    )
