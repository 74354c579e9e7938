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

from typing import Any

import yaml

from kadermodel.errors import Diagnostic, DiagnosticCollector, FactsError, KaderError, Span

MAX_DEPTH = 100
"""The deepest nesting of lists and mappings a YAML document may have."""

LOADER: type[Any] = yaml.SafeLoader
"""The PyYAML loader whose parser gives the events (its resolver gives the tags)."""


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
    try:
        return _compose(LOADER(text))
    except _TooDeep as deep:
        mark = deep.mark
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
                    hint="haal het onzichtbare teken weg, of schrijf het tussen dubbele "
                    "aanhalingstekens als \\u-code",
                )
            ],
            {source: text},
        ) from None
    except yaml.YAMLError:
        raise error_class(
            [Diagnostic(code, "dit is geen geldige YAML", None)], {source: text}
        ) from None


def _compose(loader: Any) -> yaml.Node | None:
    """The single document of the stream, composed with an explicit stack.

    Does what PyYAML's (recursive) composer does: implicit tags from the loader's resolver,
    anchors and aliases, the same errors for undefined or duplicate anchors and for a
    second document.
    """
    try:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            loader.get_event()
            return None
        loader.get_event()  # DocumentStart
        anchors: dict[str, yaml.Node] = {}
        # Each frame: the open collection, and for a mapping the key waiting for its value.
        stack: list[list[Any]] = []
        root: yaml.Node | None = None
        while root is None:
            event: Any = loader.get_event()
            start: Any = event.start_mark
            end: Any = event.end_mark
            node: yaml.Node | None = None
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    raise yaml.composer.ComposerError(
                        None, None, f"found undefined alias {event.anchor!r}", start
                    )
                node = anchors[event.anchor]
            elif isinstance(event, yaml.ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
                _anchor(anchors, event, node)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(start)
                kind = (
                    yaml.SequenceNode
                    if isinstance(event, yaml.SequenceStartEvent)
                    else yaml.MappingNode
                )
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(kind, None, event.implicit)
                collection = kind(tag, [], start, None, flow_style=event.flow_style)
                _anchor(anchors, event, collection)
                stack.append([collection, None])
                continue
            else:  # SequenceEnd or MappingEnd
                frame = stack.pop()
                node = frame[0]
                node.end_mark = end
            if not stack:
                root = node
                break
            frame = stack[-1]
            if isinstance(frame[0], yaml.SequenceNode):
                frame[0].value.append(node)
            elif frame[1] is None:
                frame[1] = node
            else:
                frame[0].value.append((frame[1], node))
                frame[1] = None
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
        """The collected problems as one error."""
        sources = {self.source: self.text_source} if self.text_source is not None else {}
        return self.error_class(self.errors, sources)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise self.failure()
