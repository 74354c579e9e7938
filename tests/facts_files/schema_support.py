"""A facts file (YAML text) as a JSON document, the way the facts schema sees it.

Plain scalars are read with the JSON types (YAML 1.2 core: ``null``/``~``/empty, ``true``/
``false``, integers); everything else is a string, so ``ja`` and ``2026-06-30`` stay
strings. Quoted scalars are strings.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from kadermodel.facts.core import compose_yaml

_INT = re.compile(r"^-?[0-9]+$")


def as_json(text: str) -> Any:
    """The JSON data model of a YAML facts text."""
    return _node(compose_yaml(text, "<schema>", "F101"))


def _node(node: yaml.Node | None) -> Any:
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {_node(k): _node(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_node(item) for item in node.value]
    assert isinstance(node, yaml.ScalarNode)
    raw = node.value
    if node.style in ("'", '"'):
        return raw
    if raw in ("", "~", "null", "Null", "NULL"):
        return None
    if raw in ("true", "True", "TRUE"):
        return True
    if raw in ("false", "False", "FALSE"):
        return False
    if _INT.match(raw):
        return int(raw)
    return raw
