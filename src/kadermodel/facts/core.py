"""Facts file / YAML text / mapping -> validated :class:`Facts` for one kader.

A facts document looks like::

    gemeente: Voorbeeldstad
    peildatum: 2026-06-30
    feiten:
      aandachtsfunctionaris_aangesteld: ja
      gezagsdriehoek_besprekingen_per_jaar: 2
    bronnen:
      aandachtsfunctionaris_aangesteld: "Organogram 2025"

A plain mapping of fact names to values is accepted too. ``onbekend``, ``null`` or an absent
key is unknown. ``weet niet`` is unknown too, and records that the question was asked and the
municipality does not know (an intake does not ask it again; see ``Facts.dont_know``).

YAML is read as a node tree (not with YAML's own typing), so every value is interpreted by
the type its fact declares and every error can name its line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import yaml

from kadermodel import model as m
from kadermodel.errors import (
    Diagnostic,
    DiagnosticCollector,
    FactsError,
    KaderError,
    Span,
    os_error_reason,
    suggest,
)
from kadermodel.facts.decoder import Decoded, decoder_of

TOP_KEYS = (
    "gemeente",
    "peildatum",
    "feiten",
    "bronnen",
    "vastgesteld",
    "kader",
    "toelichting",
)
UNKNOWN_WORDS = frozenset({"onbekend", "null", "~", ""})
DONT_KNOW = "weet niet"
"""The answer that records an asked question whose answer is not known."""
TRUE_WORDS = frozenset({"ja", "waar", "true"})
FALSE_WORDS = frozenset({"nee", "onwaar", "false"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^\d+$")


@attrs.frozen(eq=False)
class Facts:
    """A municipality's facts, validated against one kader's declarations."""

    values: Mapping[str, m.FactValue | None]
    """Every declared fact by name; ``None`` means unknown."""
    encoded: tuple[int | None, ...] = attrs.field(repr=False)
    """The values in the integer form the compiled kader reads, in declaration order."""
    kader_id: str
    gemeente: str | None = None
    peildatum: dt.date | None = None
    bronnen: Mapping[str, str] = attrs.field(factory=dict)
    source: str = "<feiten>"
    layout: object = attrs.field(default=None, repr=False)
    """The fact declarations ``encoded`` follows (identity is checked before assessing)."""
    dont_know: frozenset[str] = frozenset()
    """Unknown facts answered ``weet niet``: asked, and the answer is not known."""
    established: Mapping[str, dt.date] = attrs.field(factory=dict)
    """Per fact the date its answer was established (the file's ``vastgesteld``), when given;
    see :mod:`kadermodel.facts.stale`."""

    @property
    def known(self) -> dict[str, m.FactValue]:
        return {k: v for k, v in self.values.items() if v is not None}

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.values.items() if v is None)

    def with_values(self, kader: m.Kader, changes: Mapping[str, Any]) -> Facts:
        """A copy with some facts changed (values as in a mapping; None makes unknown)."""
        values = dict(self.values)
        values.update(changes)
        return build_facts(
            kader,
            {k: v for k, v in values.items() if v is not None},
            gemeente=self.gemeente,
            peildatum=self.peildatum,
            bronnen=self.bronnen,
            source=self.source,
            dont_know=self.dont_know - {k for k, v in changes.items() if v is not None},
            established=self.established,
        )


def build_facts(
    kader: m.Kader,
    values: Mapping[str, Any],
    *,
    gemeente: str | None = None,
    peildatum: dt.date | None = None,
    bronnen: Mapping[str, str] | None = None,
    source: str = "<feiten>",
    dont_know: Iterable[str] = (),
    established: Mapping[str, dt.date] | None = None,
) -> Facts:
    """Facts from a plain mapping of names to Python values (raises FactsError).

    ``dont_know`` names facts answered ``weet niet`` (a value ``"weet niet"`` does the same);
    ``established`` gives per fact the date its answer was established.
    """
    dated = {k: v for k, v in (established or {}).items() if k in kader.feiten}
    return _dated(
        _build_facts(kader, values, gemeente, peildatum, bronnen, source, dont_know), dated
    )


def _dated(facts: Facts, established: Mapping[str, dt.date]) -> Facts:
    return attrs.evolve(facts, established=dict(established)) if established else facts


def _build_facts(
    kader: m.Kader,
    values: Mapping[str, Any],
    gemeente: str | None,
    peildatum: dt.date | None,
    bronnen: Mapping[str, str] | None,
    source: str,
    dont_know: Iterable[str],
) -> Facts:
    decoded = decoder_of(kader).decode(values)
    if decoded is not None:
        asked = frozenset(n for n in dont_know if n in kader.feiten and decoded[0][n] is None)
        return _decoded_facts(
            kader, decoded, gemeente, peildatum, dict(bronnen or {}), source, asked
        )
    reader = _Reader(kader, source, None)
    reader.dont_know.update(n for n in dont_know if n in kader.feiten)
    parsed = reader.facts_from_mapping(values)
    reader.raise_if_errors()
    return reader.make(parsed, gemeente, peildatum, dict(bronnen or {}))


def read_values(kader: m.Kader, values: Mapping[str, Any], source: str = "<feiten>") -> Facts:
    """The reader's own path for a plain mapping of names to values, without the decoder
    (:mod:`kadermodel.facts.decoder`): the decoder's oracle in tests."""
    reader = _Reader(kader, source, None)
    parsed = reader.facts_from_mapping(values)
    reader.raise_if_errors()
    return reader.make(parsed, None, None, {})


def parse_facts(
    text_or_mapping: str | Mapping[str, Any], kader: m.Kader, *, name: str = "<feiten>"
) -> Facts:
    """Facts from YAML/JSON text or a mapping, checked against ``kader``'s declarations."""
    if isinstance(text_or_mapping, str):
        return _parse_text(text_or_mapping, kader, name)
    if not isinstance(text_or_mapping, Mapping):
        raise FactsError(
            [
                Diagnostic(
                    "F207",
                    "feiten horen in een tekst (YAML of JSON) of in een mapping van "
                    "feitnamen en waarden",
                    None,
                    hint="bijvoorbeeld: {'aandachtsfunctionaris_aangesteld': True}",
                )
            ]
        )
    return _parse_mapping(text_or_mapping, kader, name)


def load_facts(path: str | Path, kader: m.Kader) -> Facts:
    """Facts from a YAML or JSON file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FactsError(
            [
                Diagnostic(
                    "F100",
                    f"kan feitenbestand '{path}' niet lezen: {os_error_reason(error)}",
                    None,
                    hint="controleer de bestandsnaam en het pad",
                )
            ]
        ) from None
    except UnicodeDecodeError:
        raise FactsError(
            [Diagnostic("F100", f"feitenbestand '{path}' is geen UTF-8-tekst", None)]
        ) from None
    return _parse_text(text, kader, str(path))


# ------------------------------------------------------------------ YAML with positions


def _node_span(source: str, node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    end_column = end.column + 1 if end.line == start.line else start.column + 2
    return Span(
        source, start.line + 1, start.column + 1, start.line + 1, max(end_column, start.column + 2)
    )


def compose_yaml(
    text: str, source: str, code: str, error_class: type[KaderError] = FactsError
) -> yaml.Node | None:
    """YAML text as a node tree (with positions); invalid YAML raises ``error_class``."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        span = Span.point(source, mark.line + 1, mark.column + 1) if mark else None
        raise error_class(
            [
                Diagnostic(
                    code,
                    f"dit is geen geldige YAML: {yaml_problem(error)}",
                    span,
                    hint="controleer inspringing, dubbele punten en aanhalingstekens",
                )
            ],
            {source: text},
        ) from None
    except yaml.YAMLError:
        raise error_class(
            [Diagnostic(code, "dit is geen geldige YAML", None)], {source: text}
        ) from None


def _parse_text(text: str, kader: m.Kader, source: str) -> Facts:
    root = compose_yaml(text, source, "F101")
    reader = _Reader(kader, source, text)
    if root is None:
        reader.error("F207", "het feitenbestand is leeg", None, hint="verwacht: feiten: ...")
        reader.raise_if_errors()
    assert root is not None
    if not isinstance(root, yaml.MappingNode):
        reader.error(
            "F207",
            "het feitenbestand moet uit regels 'sleutel: waarde' bestaan",
            _node_span(source, root),
            hint="begin met 'gemeente: ...' en 'feiten:'",
        )
        reader.raise_if_errors()
    assert isinstance(root, yaml.MappingNode)
    top = reader.pairs(root)
    gemeente: str | None = None
    peildatum: dt.date | None = None
    bronnen: dict[str, str] = {}
    established: dict[str, dt.date] = {}
    parsed: dict[str, m.FactValue | None] = {}
    if "feiten" not in top:
        reader.error(
            "F204",
            "het feitenbestand heeft geen sleutel 'feiten'",
            _node_span(source, root),
            hint="zet de feiten onder 'feiten:'",
        )
    for key, (key_node, value_node) in top.items():
        if key == "gemeente":
            gemeente = reader.text(value_node)
        elif key == "peildatum":
            peildatum = reader.date(value_node, "peildatum")
        elif key == "feiten":
            if isinstance(value_node, yaml.MappingNode):
                for name, (name_node, node) in reader.pairs(value_node).items():
                    value = reader.fact_value(name, name_node, node)
                    if name in kader.feiten:
                        parsed[name] = value
            elif not _is_null(value_node):
                reader.error(
                    "F207",
                    "onder 'feiten' hoort per regel 'naam: waarde'",
                    _node_span(source, value_node),
                )
        elif key == "bronnen":
            if isinstance(value_node, yaml.MappingNode):
                for name, (name_node, node) in reader.pairs(value_node).items():
                    if name not in kader.feiten:
                        reader.unknown_fact(name, _node_span(source, name_node), "bronnen")
                    bronnen[name] = reader.text(node) or ""
            elif not _is_null(value_node):
                reader.error(
                    "F207",
                    "onder 'bronnen' hoort per regel 'feitnaam: \"bron\"'",
                    _node_span(source, value_node),
                )
        elif key == "vastgesteld":
            if isinstance(value_node, yaml.MappingNode):
                for name, (name_node, node) in reader.pairs(value_node).items():
                    if name not in kader.feiten:
                        reader.unknown_fact(name, _node_span(source, name_node), "vastgesteld")
                    day = reader.date(node, f"feit '{name}' onder 'vastgesteld'")
                    if day is not None:
                        established[name] = day
            elif not _is_null(value_node):
                reader.error(
                    "F207",
                    "onder 'vastgesteld' hoort per regel 'feitnaam: jjjj-mm-dd'",
                    _node_span(source, value_node),
                )
        elif key not in TOP_KEYS:
            reader.error(
                "F204",
                f"onbekende sleutel '{key}' in het feitenbestand",
                _node_span(source, key_node),
                hint="mogelijke sleutels: " + ", ".join(TOP_KEYS),
                suggestion=suggest(key, TOP_KEYS),
            )
    reader.raise_if_errors()
    return _dated(reader.make(parsed, gemeente, peildatum, bronnen), established)


def yaml_problem(error: yaml.MarkedYAMLError) -> str:
    """PyYAML's English problem description, in Dutch for the mistakes people make."""
    problem = error.problem or error.context or ""
    if problem.startswith("mapping values are not allowed"):
        return "hier kan geen dubbele punt staan (klopt de inspringing?)"
    if problem.startswith("found character '\\t'"):
        return "een tab kan hier niet staan; spring in met spaties"
    if problem.startswith("found character"):
        return f"het teken {problem.split(' ')[2]} kan hier niet staan"
    if "quoted scalar" in (error.context or ""):
        return "een tekst tussen aanhalingstekens wordt niet afgesloten"
    if problem.startswith("expected ',' or ']'"):
        return "een lijst [...] wordt niet afgesloten met ']'"
    if problem.startswith("expected ',' or '}'"):
        return "een blok {...} wordt niet afgesloten met '}'"
    if problem.startswith("expected <block end>"):
        return "de inspringing klopt niet"
    if problem.startswith("could not find expected ':'"):
        return "hier ontbreekt een dubbele punt na de sleutel"
    if problem.startswith("found undefined alias"):
        return "een verwijzing (*naam) naar iets dat niet bestaat"
    return f"de YAML-lezer meldt: {problem}"


def _is_dont_know(raw: str) -> bool:
    return " ".join(raw.lower().split()) == DONT_KNOW


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _decoded_facts(
    kader: m.Kader,
    decoded: Decoded,
    gemeente: str | None,
    peildatum: dt.date | None,
    bronnen: dict[str, str],
    source: str,
    dont_know: frozenset[str] = frozenset(),
) -> Facts:
    values, encoded = decoded
    return Facts(
        values, encoded, kader.id, gemeente, peildatum, bronnen, source, kader.feiten, dont_know
    )


def _parse_mapping(data: Mapping[str, Any], kader: m.Kader, source: str) -> Facts:
    if "feiten" not in data:
        decoded = decoder_of(kader).decode(data)
        if decoded is not None:
            return _decoded_facts(kader, decoded, None, None, {}, source)
    reader = _Reader(kader, source, None)
    feiten = data.get("feiten")
    if "feiten" in data and not isinstance(feiten, Mapping) and feiten is not None:
        reader.error("F207", "onder 'feiten' hoort een mapping van feitnamen en waarden", None)
        reader.raise_if_errors()
    if isinstance(feiten, Mapping) or "feiten" in data:
        feiten = feiten or {}
        for key in data:
            if key not in TOP_KEYS:
                reader.error(
                    "F204",
                    f"onbekende sleutel '{key}'",
                    None,
                    hint="mogelijke sleutels: " + ", ".join(TOP_KEYS),
                    suggestion=suggest(str(key), TOP_KEYS),
                )
        peildatum = data.get("peildatum")
        if peildatum is not None:
            peildatum = reader.python_date(peildatum, "peildatum")
        raw_bronnen = data.get("bronnen") or {}
        if not isinstance(raw_bronnen, Mapping):
            reader.error("F207", "onder 'bronnen' hoort een mapping van feitnamen en bronnen", None)
            raw_bronnen = {}
        bronnen = {str(k): str(v) for k, v in raw_bronnen.items()}
        for name in bronnen:
            if name not in kader.feiten:
                reader.unknown_fact(name, None, "bronnen")
        raw_dates = data.get("vastgesteld") or {}
        if not isinstance(raw_dates, Mapping):
            reader.error(
                "F207", "onder 'vastgesteld' hoort een mapping van feitnamen en datums", None
            )
            raw_dates = {}
        established: dict[str, dt.date] = {}
        for name, raw in raw_dates.items():
            if str(name) not in kader.feiten:
                reader.unknown_fact(str(name), None, "vastgesteld")
            day = reader.python_date(raw, f"feit '{name}' onder 'vastgesteld'")
            if day is not None:
                established[str(name)] = day
        gemeente = data.get("gemeente")
        gemeente = None if gemeente is None else str(gemeente)
        decoded = None if reader.errors else decoder_of(kader).decode(feiten)
        if decoded is not None:
            found = _decoded_facts(kader, decoded, gemeente, peildatum, bronnen, source)
            return _dated(found, established)
        parsed = reader.facts_from_mapping(feiten)
        reader.raise_if_errors()
        return _dated(reader.make(parsed, gemeente, peildatum, bronnen), established)
    parsed = reader.facts_from_mapping(data)
    reader.raise_if_errors()
    return reader.make(parsed, None, None, {})


class _Reader(DiagnosticCollector):
    """Reads values for one kader and collects every problem."""

    def __init__(self, kader: m.Kader, source: str, text: str | None):
        super().__init__()
        self.kader = kader
        self.source = source
        self.text_source = text
        self.dont_know: set[str] = set()

    def raise_if_errors(self) -> None:
        if self.errors:
            sources = {self.source: self.text_source} if self.text_source is not None else {}
            raise FactsError(self.errors, sources)

    def make(
        self,
        parsed: Mapping[str, m.FactValue | None],
        gemeente: str | None,
        peildatum: dt.date | None,
        bronnen: dict[str, str],
    ) -> Facts:
        values = {name: parsed.get(name) for name in self.kader.feiten}
        dont_know = frozenset(n for n in self.dont_know if values[n] is None)
        encoded = tuple(
            None if (value := values[name]) is None else feit.type.encode(value)
            for name, feit in self.kader.feiten.items()
        )
        return Facts(
            values,
            encoded,
            self.kader.id,
            gemeente,
            peildatum,
            bronnen,
            self.source,
            self.kader.feiten,
            dont_know,
        )

    def unknown_fact(self, name: str, span: Span | None, where: str = "feiten") -> None:
        self.error(
            "F201",
            f"onbekend feit '{name}' onder '{where}'",
            span,
            hint=f"kader '{self.kader.id}' kent dit feit niet",
            suggestion=suggest(name, self.kader.feiten),
        )

    # -------------------------------------------------------------- YAML nodes
    def pairs(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.error(
                    "F207", "een sleutel moet een naam zijn", _node_span(self.source, key_node)
                )
                continue
            if key in found:
                self.error(
                    "F208",
                    f"sleutel '{key}' staat er twee keer",
                    _node_span(self.source, key_node),
                    hint=f"eerder op regel {found[key][0].start_mark.line + 1}",
                )
            found[key] = (key_node, value_node)
        return found

    def text(self, node: yaml.Node) -> str | None:
        if isinstance(node, yaml.ScalarNode):
            return None if _is_null(node) else str(node.value)
        self.error("F202", "hier hoort een tekst", _node_span(self.source, node))
        return None

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        if isinstance(node, yaml.ScalarNode) and _DATE.match(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                pass
        self.error(
            "F206",
            f"'{getattr(node, 'value', '...')}' is geen geldige datum voor {what}",
            _node_span(self.source, node),
            hint="schrijf een datum als jjjj-mm-dd, bijvoorbeeld 2026-06-30",
        )
        return None

    def fact_value(self, name: str, name_node: yaml.Node, node: yaml.Node) -> m.FactValue | None:
        feit = self.kader.feiten.get(name)
        if feit is None:
            self.unknown_fact(name, _node_span(self.source, name_node))
            return None
        span = _node_span(self.source, node)
        if isinstance(node, yaml.SequenceNode):
            if feit.type.kind != "verzameling":
                return self.wrong(name, feit.type, "een lijst", span)
            items = []
            for item in node.value:
                if not isinstance(item, yaml.ScalarNode):
                    return self.wrong(name, feit.type, "een geneste structuur", span)
                items.append(item.value)
            return self.convert(name, feit.type, items, span)
        if isinstance(node, yaml.MappingNode):
            return self.wrong(name, feit.type, "een geneste structuur", span)
        assert isinstance(node, yaml.ScalarNode)
        raw = node.value
        quoted = node.style in ("'", '"')
        if _is_dont_know(raw):
            self.dont_know.add(name)
            return None
        if (
            not quoted and raw.strip().lower() in UNKNOWN_WORDS
        ) or raw.strip().lower() == "onbekend":
            return None
        return self.convert(name, feit.type, raw, span)

    # -------------------------------------------------------------- Python values
    def facts_from_mapping(self, data: Mapping[str, Any]) -> dict[str, m.FactValue | None]:
        parsed: dict[str, m.FactValue | None] = {}
        for name, value in data.items():
            feit = self.kader.feiten.get(str(name))
            if feit is None:
                self.unknown_fact(str(name), None)
                continue
            if value is None or (isinstance(value, str) and value.strip().lower() == "onbekend"):
                parsed[feit.name] = None
                continue
            if isinstance(value, str) and _is_dont_know(value):
                self.dont_know.add(feit.name)
                parsed[feit.name] = None
                continue
            parsed[feit.name] = self.convert(feit.name, feit.type, value, None)
        return parsed

    def python_date(self, value: Any, what: str) -> dt.date | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(
            "F206",
            f"{value!r} is geen geldige datum voor {what}",
            None,
            hint="verwacht: een datum als jjjj-mm-dd",
        )
        return None

    def convert(
        self, name: str, type_: m.FactType, value: Any, span: Span | None
    ) -> m.FactValue | None:
        """One value, from YAML text or Python, as a value of ``type_``."""
        match type_.kind:
            case "ja_nee":
                if isinstance(value, bool):
                    return value
                word = str(value).strip().lower()
                if word in TRUE_WORDS:
                    return True
                if word in FALSE_WORDS:
                    return False
                guess = {"yes": "ja", "no": "nee", "y": "ja", "n": "nee", "j": "ja"}.get(word)
                return self.wrong(
                    name,
                    type_,
                    repr(value) if not isinstance(value, str) else f"'{value}'",
                    span,
                    suggestion=guess or suggest(word, ["ja", "nee", "waar", "onwaar"]),
                )
            case "aantal":
                if isinstance(value, bool):
                    return self.wrong(name, type_, repr(value), span)
                if isinstance(value, int) and value >= 0:
                    return value
                if isinstance(value, str) and _INT.match(value.strip()):
                    return int(value.strip())
                return self.wrong(name, type_, f"'{value}'", span)
            case "datum":
                if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                    return value
                if isinstance(value, str) and _DATE.match(value.strip()):
                    try:
                        return dt.date.fromisoformat(value.strip())
                    except ValueError:
                        pass
                return self.wrong(name, type_, f"'{value}'", span)
            case "keuze":
                if isinstance(value, str) and value in type_.values:
                    return value
                return self.wrong(
                    name,
                    type_,
                    f"'{value}'",
                    span,
                    suggestion=suggest(str(value), type_.values),
                )
            case _:
                if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
                    return self.wrong(name, type_, f"'{value}'", span)
                items = [str(v) for v in value]
                outside = [v for v in items if v not in type_.values]
                if outside:
                    return self.wrong(
                        name,
                        type_,
                        f"'{outside[0]}'",
                        span,
                        suggestion=suggest(outside[0], type_.values),
                    )
                return frozenset(items)

    def wrong(
        self,
        name: str,
        type_: m.FactType,
        got: str,
        span: Span | None,
        suggestion: str | None = None,
    ) -> m.FactValue | None:
        """Report a value that does not fit; returns None (unknown) so callers can return it."""
        self.error(
            "F202",
            f"{got} is geen geldige waarde voor feit '{name}' van type {type_}",
            span,
            hint=f"verwacht: {type_.expected_form()} (of onbekend)",
            suggestion=suggestion,
        )
        return None


def facts_for(
    kader: m.Kader, facts: Facts | Mapping[str, Any], *, only_known: bool = False
) -> Facts:
    """``facts`` encoded for ``kader``: a mapping is parsed, facts of another kader re-validated.

    With ``only_known``, facts made for another kader (a base or an extended one) keep only the
    facts that ``kader`` declares, instead of rejecting the others.
    """
    if type(facts) is dict and "feiten" not in facts:  # the common case, first
        decoded = decoder_of(kader).decode(facts)
        if decoded is not None:
            return _decoded_facts(kader, decoded, None, None, {}, "<feiten>")
    if not isinstance(facts, Facts):
        return parse_facts(facts, kader)
    if facts.layout is kader.feiten:
        return facts
    known = facts.known
    if only_known:
        known = {k: v for k, v in known.items() if k in kader.feiten}
    return build_facts(
        kader,
        known,
        gemeente=facts.gemeente,
        peildatum=facts.peildatum,
        bronnen={k: v for k, v in facts.bronnen.items() if k in kader.feiten},
        source=facts.source,
        dont_know=facts.dont_know,
        established=facts.established,
    )
