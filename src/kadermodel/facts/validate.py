"""Values for one kader's facts, from YAML nodes or Python values, with every problem collected.

:class:`FactReader` is the reader both entry paths of :mod:`kadermodel.facts.reader` (text and
mappings) and :func:`kadermodel.facts.value.build_facts` share: it checks names against the
kader's declarations and reads each value with the codec (:mod:`kadermodel.facts.codec`),
turning a :class:`~kadermodel.facts.codec.Rejected` into a Dutch diagnostic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

import yaml

from kadermodel import model as m
from kadermodel.errors import Diagnostic, FactsError, Span, suggest
from kadermodel.facts import codec
from kadermodel.facts.yamlsource import NodeReader, is_null

MAX_UNKNOWN_REPORTED = 20
"""Unknown fact names reported one by one; the others are counted in one more diagnostic."""


class FactReader(NodeReader):
    """Reads values for one kader and collects every problem."""

    def __init__(self, kader: m.Kader, source: str, text: str | None):
        super().__init__(source, text, FactsError)
        self.kader = kader
        self.dont_know: set[str] = set()
        """Facts answered ``weet niet``."""
        self.unknown_names = 0
        self.first_hidden: Span | None = None
        self.former = {old: f.name for f in kader.feiten.values() for old in f.voorheen}
        """Former fact names (``voorheen`` in the kader) -> the fact's name now."""

    def current_name(self, name: str, span: Span | None, present: Collection[str]) -> str | None:
        """The fact ``name`` means: itself, or the fact that now has this former name.

        A former name is read with a warning (F220); when the fact is there under its new
        name (or another former name) too, it is an error (F221) and None is returned.
        ``present`` holds every name of the same section of the file.
        """
        new = self.former.get(name)
        if new is None or name in self.kader.feiten:
            return name
        others = [k for k in present if k != name and (k == new or self.former.get(k) == new)]
        if others:
            where = "die naam" if others[0] == new else f"de vroegere naam '{others[0]}'"
            self.error(
                "F221",
                f"feit '{new}' staat er twee keer: onder {where} en onder de vroegere naam "
                f"'{name}'",
                span,
                hint=f"haal een van beide regels weg; de naam is nu '{new}'",
            )
            return None
        self.warnings.append(
            Diagnostic(
                "F220",
                f"feit '{name}' heet nu '{new}'",
                span,
                hint=f"het antwoord telt gewoon mee; verander de naam in het feitenbestand in "
                f"'{new}'",
                severity="waarschuwing",
            )
        )
        return new

    def raise_if_errors(self) -> None:
        hidden = self.unknown_names - MAX_UNKNOWN_REPORTED
        if hidden > 0:
            self.unknown_names = 0
            self.error(
                "F201",
                f"en nog {hidden} onbekende {'feit' if hidden == 1 else 'feiten'} "
                f"(alleen de eerste {MAX_UNKNOWN_REPORTED} staan hierboven)",
                self.first_hidden,
                hint=f"kader '{self.kader.id}' kent deze feiten niet; is dit het goede "
                "feitenbestand, en het goede kader?",
            )
        super().raise_if_errors()

    def unknown_fact(
        self, name: str, where_node: yaml.Node | Span | None, where: str = "feiten"
    ) -> None:
        self.unknown_names += 1
        if self.unknown_names > MAX_UNKNOWN_REPORTED + 1:
            return  # counted only: reporting stays bounded however many there are
        span = self.span(where_node) if isinstance(where_node, yaml.Node) else where_node
        if self.unknown_names == MAX_UNKNOWN_REPORTED + 1:
            self.first_hidden = span
            return
        self.error(
            "F201",
            f"onbekend feit '{codec.shorten(name)}' onder '{where}'",
            span,
            hint=f"kader '{self.kader.id}' kent dit feit niet",
            suggestion=suggest(name[:200], self.kader.feiten),
        )

    # -------------------------------------------------------------- YAML nodes
    def pairs(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.error_at("F207", "een sleutel moet een naam zijn", key_node)
                continue
            if key in found:
                self.error_at(
                    "F208",
                    f"sleutel '{key}' staat er twee keer",
                    key_node,
                    hint=f"eerder op regel {found[key][0].start_mark.line + 1}",
                )
            found[key] = (key_node, value_node)
        return found

    def text(self, node: yaml.Node) -> str | None:
        if isinstance(node, yaml.ScalarNode):
            return None if is_null(node) else str(node.value)
        self.error_at("F202", "hier hoort een tekst", node)
        return None

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        if isinstance(node, yaml.ScalarNode):
            day = codec.read_date(node.value)
            if day is not None and node.value == node.value.strip():
                return day
        if isinstance(node, yaml.ScalarNode):
            written = codec.shown(node.value)
        else:
            written = "een lijst" if isinstance(node, yaml.SequenceNode) else "een blok"
        self.error_at(
            "F206",
            f"{written} is geen geldige datum voor {what}",
            node,
            hint="schrijf een datum als jjjj-mm-dd, bijvoorbeeld 2026-06-30",
        )
        return None

    def fact_value(self, name: str, name_node: yaml.Node, node: yaml.Node) -> m.FactValue | None:
        feit = self.kader.feiten.get(name)
        if feit is None:
            self.unknown_fact(name, name_node)
            return None
        span = self.span(node)
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
        if codec.is_dont_know(node.value):
            self.dont_know.add(name)
            return None
        if codec.is_unknown_text(node.value, quoted=node.style in ("'", '"')):
            return None
        return self.convert(name, feit.type, node.value, span)

    # -------------------------------------------------------------- Python values
    def facts_from_mapping(self, data: Mapping[str, Any]) -> dict[str, m.FactValue | None]:
        parsed: dict[str, m.FactValue | None] = {}
        present = [codec.safe_str(name) for name in data] if self.former else ()
        for name, value in data.items():
            current = self.current_name(codec.safe_str(name), None, present)
            if current is None:
                continue
            feit = self.kader.feiten.get(current)
            if feit is None:
                self.unknown_fact(codec.safe_str(name), None)
                continue
            if value is None or (isinstance(value, str) and value.strip().lower() == "onbekend"):
                parsed[feit.name] = None
                continue
            if isinstance(value, str) and codec.is_dont_know(value):
                self.dont_know.add(feit.name)
                parsed[feit.name] = None
                continue
            parsed[feit.name] = self.convert(feit.name, feit.type, value, None)
        return parsed

    def python_date(self, value: Any, what: str) -> dt.date | None:
        day = codec.read_date(value)
        if day is not None and (not isinstance(value, str) or value == value.strip()):
            return day
        self.error(
            "F206",
            f"{codec.shown(value, use_repr=True)} is geen geldige datum voor {what}",
            None,
            hint="verwacht: een datum als jjjj-mm-dd",
        )
        return None

    def convert(
        self, name: str, type_: m.FactType, value: Any, span: Span | None
    ) -> m.FactValue | None:
        """One value, from YAML text or Python, as a value of ``type_``."""
        result = codec.read_value(type_, value)
        if not isinstance(result, codec.Rejected):
            return result
        if result.too_large:
            self.error(
                "F209",
                f"{result.got} is te groot voor feit '{name}' van type {type_}",
                span,
                hint=f"een aantal loopt van 0 tot en met {codec.AANTAL_MAX_TEXT}",
            )
            return None
        return self.wrong(name, type_, result.got, span, suggestion=result.suggestion)

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
