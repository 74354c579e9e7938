"""YAML text -> a node tree with positions, and the one reader base for YAML documents.

Facts files and case files are read as PyYAML node trees (not with YAML's own typing), so
every value is interpreted by what the reader expects there and every problem can name its
line and column. This module is the one place that turns YAML text into nodes:

* :func:`compose_yaml` builds the node tree with an explicit stack (no recursion), so a
  document nested deeper than :data:`MAX_DEPTH` levels is a clear Dutch error instead of a
  ``RecursionError``; invalid YAML is a Dutch error with a position (:func:`yaml_problem`);
* :func:`node_span` is the one rule for the span of a node;
* :class:`NodeReader` is the base of the facts reader and the case-file reader: it collects
  every problem (a :class:`~kadermodel.errors.DiagnosticCollector`) and raises them together.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

import yaml

from kadermodel.errors import Diagnostic, DiagnosticCollector, FactsError, KaderError, Span
from kadermodel.facts import codec

MAX_DEPTH = 100
"""The deepest nesting of lists and mappings a YAML document may have."""
MAX_REPORTED = 100
"""The most problems of one document reported one by one; the rest are counted."""

LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The PyYAML loader whose parser gives the events (its resolver gives the tags): libyaml's
when PyYAML has it (about 10 times faster), else the pure-Python one; both give the same
nodes, positions and errors (tested)."""


class _TooDeep(Exception):
    def __init__(self, mark: Any):
        self.mark = mark


def node_span(source: str, node: yaml.Node) -> Span:
    """Where a node is: its first line, up to its end on that line (at least one character)."""
    start, end = node.start_mark, node.end_mark
    end_column = end.column + 1 if end.line == start.line else start.column + 2
    return Span(
        source, start.line + 1, start.column + 1, start.line + 1, max(end_column, start.column + 2)
    )


_ODD_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")


def _line_fixer(text: str) -> Callable[[Any], Any] | None:
    """For a text with line breaks that YAML counts but kadermodel does not (NEL, U+2028,
    U+2029, a lone CR): a function that recomputes a mark's line and column from its index, so
    positions are those of every other message (lines end at \\n only). None otherwise."""
    if not _ODD_BREAK.search(text):
        return None
    starts = [0, *(found.end() for found in re.finditer("\n", text))]

    def fix(mark: Any) -> Any:
        line = bisect.bisect_right(starts, mark.index) - 1
        return yaml.error.Mark(mark.name, mark.index, line, mark.index - starts[line], "", 0)

    return fix


def _fixed(root: yaml.Node | None, fix: Callable[[Any], Any]) -> yaml.Node | None:
    """``root`` with every node's marks recomputed by ``fix`` (iteratively; aliases once)."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.start_mark, node.end_mark = fix(node.start_mark), fix(node.end_mark)
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
    return root


def is_null(node: yaml.Node) -> bool:
    """Whether a node is YAML's empty value (``~``, ``null``, nothing)."""
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def compose_yaml(
    text: str, source: str, code: str, error_class: type[KaderError] = FactsError
) -> yaml.Node | None:
    """YAML text as a node tree (with positions); invalid YAML raises ``error_class``.

    ``None`` is an empty document. A document nested deeper than :data:`MAX_DEPTH` raises
    ``error_class`` with the position where the limit is passed.
    """
    fix = _line_fixer(text)
    try:
        _scan_flow_depth(text)
        try:
            if fix is not None:
                return _fixed(_compose(yaml.SafeLoader(text)), fix)
            return _compose(LOADER(text))
        except (yaml.YAMLError, UnicodeEncodeError):
            if LOADER is yaml.SafeLoader:
                raise
            # libyaml words its errors differently (and cannot encode a lone surrogate): the
            # pure-Python parser gives the reference message and position (only for invalid
            # input, so speed does not matter here).
            return _compose(yaml.SafeLoader(text))
    except _TooDeep as deep:
        mark = deep.mark if fix is None else fix(deep.mark)
        raise error_class(
            [
                Diagnostic(
                    code,
                    f"de YAML is te diep genest: meer dan {MAX_DEPTH} lijsten of blokken in elkaar",
                    Span.point(source, mark.line + 1, mark.column + 1),
                    hint="een feitenbestand heeft hooguit een paar niveaus: "
                    "'feiten:' en daaronder 'naam: waarde'",
                )
            ],
            {source: text},
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark is not None and fix is not None:
            mark = fix(mark)
        span = Span.point(source, mark.line + 1, mark.column + 1) if mark else None
        raise error_class(
            [
                Diagnostic(
                    code,
                    f"dit is geen geldige YAML: {yaml_problem(error)}",
                    span,
                    hint=(
                        "schrijf een heel teken: een \\u-code van d800 tot en met dfff is maar "
                        "een half teken"
                        if error.problem == _LONE_SURROGATE
                        else "controleer inspringing, dubbele punten en aanhalingstekens"
                    ),
                )
            ],
            {source: text},
        ) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        character = error.character if isinstance(error.character, int) else 0
        raise error_class(
            [
                Diagnostic(
                    code,
                    f"dit is geen geldige YAML: het teken U+{character:04X} kan in YAML niet staan",
                    Span.point(source, line, column),
                    hint=(
                        "haal het halve teken weg: een 'surrogaat' is geen teken"
                        if 0xD800 <= character <= 0xDFFF
                        else "haal het onzichtbare teken weg, of schrijf het tussen dubbele "
                        "aanhalingstekens als \\u-code"
                    ),
                )
            ],
            {source: text},
        ) from None
    except yaml.YAMLError:
        raise error_class(
            [Diagnostic(code, "dit is geen geldige YAML", None)], {source: text}
        ) from None


_QUOTED_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"|(?:^|(?<=\s))#[^\n]*", re.M)
_BRACKET = re.compile(r"[\[\]{}]")


def _scan_flow_depth(text: str) -> None:
    """Refuse flow collections (``[...]``, ``{...}``) nested deeper than :data:`MAX_DEPTH`
    before YAML's scanner sees them: it looks ahead over every open bracket, which takes
    quadratic time on thousands of them. Brackets in quoted texts and comments do not count."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    blank = _QUOTED_OR_COMMENT.sub(lambda found: " " * len(found.group()), text)
    depth = 0
    for found in _BRACKET.finditer(blank):
        if found.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                before = text[: found.start()]
                line = before.count("\n")
                column = found.start() - (before.rfind("\n") + 1)
                raise _TooDeep(yaml.error.Mark("", found.start(), line, column, "", 0))
        elif depth:
            depth -= 1


_LONE_SURROGATE = "found a lone surrogate in a double-quoted scalar"
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


def _compose(loader: Any) -> yaml.Node | None:
    """The single document of the stream, composed with an explicit stack.

    Does what PyYAML's (recursive) composer does: anchors and aliases, the same errors for
    undefined or duplicate anchors and for a second document. Of YAML's implicit tags only
    null is resolved (the readers interpret every other scalar themselves); a plain scalar is
    ``str``, and an explicit tag (``!!int 3``) is kept.
    """
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    sequence_start, mapping_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    try:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            loader.get_event()
            return None
        loader.get_event()  # DocumentStart
        anchors: dict[str, yaml.Node] = {}
        # Each frame: the open collection, and for a mapping the key waiting for its value.
        stack: list[list[Any]] = []
        get_event = loader.get_event
        while True:
            event: Any = get_event()
            kind = type(event)
            node: Any
            if kind is scalar_event:
                tag = event.tag
                if tag is None or tag == "!":
                    plain = event.implicit[0] and not event.style
                    tag = _NULL if plain and event.value in _NULL_WORDS else _STR
                if event.style == '"' and codec.has_surrogate(event.value):
                    # "\ud800" is valid YAML escape syntax, but half a character: no text.
                    raise yaml.scanner.ScannerError(None, None, _LONE_SURROGATE, event.start_mark)
                node = scalar_node(
                    tag, event.value, event.start_mark, event.end_mark, style=event.style or None
                )
                if event.anchor is not None:
                    _anchor(anchors, event, node)
            elif kind is sequence_start or kind is mapping_start:
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _SEQ if kind is sequence_start else _MAP
                node_kind = sequence_node if kind is sequence_start else mapping_node
                collection = node_kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
                if event.anchor is not None:
                    _anchor(anchors, event, collection)
                stack.append([collection, None])
                continue
            elif kind is alias_event:
                if event.anchor not in anchors:
                    raise yaml.composer.ComposerError(
                        None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                    )
                node = anchors[event.anchor]
            else:  # SequenceEnd or MappingEnd
                node = stack.pop()[0]
                node.end_mark = event.end_mark
            if not stack:
                break
            frame = stack[-1]
            if frame[0].__class__ is sequence_node:
                frame[0].value.append(node)
            elif frame[1] is None:
                frame[1] = node
            else:
                frame[0].value.append((frame[1], node))
                frame[1] = None
        root: yaml.Node = node
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            extra: Any = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                root.start_mark,
                "but found another document",
                extra.start_mark,
            )
        loader.get_event()
        return root
    finally:
        loader.dispose()


def _anchor(anchors: dict[str, yaml.Node], event: Any, node: yaml.Node) -> None:
    anchor = event.anchor
    if anchor is None:
        return
    if anchor in anchors:
        raise yaml.composer.ComposerError(
            f"found duplicate anchor {anchor!r}; first occurrence",
            anchors[anchor].start_mark,
            "second occurrence",
            event.start_mark,
        )
    anchors[anchor] = node


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
    if problem == _LONE_SURROGATE:
        return "een \\u-code in deze tekst is een half teken (een 'surrogaat'), geen teken"
    if problem.startswith("found undefined alias"):
        return "een verwijzing (*naam) naar iets dat niet bestaat"
    return f"de YAML-lezer meldt: {problem}"


class NodeReader(DiagnosticCollector):
    """Base of the readers of YAML documents: spans of nodes, every problem collected."""

    def __init__(self, source: str, text: str | None, error_class: type[KaderError] = FactsError):
        super().__init__()
        self.source = source
        self.text_source = text
        self.error_class = error_class
        self.hidden = 0
        """Problems found beyond :data:`MAX_REPORTED` (counted, not reported one by one)."""

    def error(
        self,
        code: str,
        message: str,
        span: Span | None,
        hint: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        if len(self.errors) >= MAX_REPORTED:
            self.hidden += 1
            return
        super().error(code, message, span, hint, suggestion)

    def span(self, node: yaml.Node) -> Span:
        return node_span(self.source, node)

    def error_at(
        self,
        code: str,
        message: str,
        node: yaml.Node | None,
        hint: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        """A problem at ``node`` (``None``: no position)."""
        self.error(code, message, None if node is None else self.span(node), hint, suggestion)

    def failure(self) -> KaderError:
        """The collected problems as one error (with a count of those not shown)."""
        sources = {self.source: self.text_source} if self.text_source is not None else {}
        found = list(self.errors)
        if self.hidden:
            last = found[-1]
            found.append(
                Diagnostic(
                    last.code,
                    f"en nog {self.hidden} {'fout' if self.hidden == 1 else 'fouten'} "
                    f"(alleen de eerste {MAX_REPORTED} staan hierboven)",
                    last.span,
                    hint="herstel deze eerst; is dit het goede bestand?",
                )
            )
        return self.error_class(found, sources)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise self.failure()
