"""Fact values -> the text of a facts file: :func:`kadermodel.facts.dump.dump_facts`.

Kept as ``kadermodel.testing.facts_yaml`` (used for counter-examples of claims and by the
determinism law); the writer itself, and the words it must quote, live with the reader.
"""

from __future__ import annotations

from kadermodel.facts.dump import dump_facts as facts_yaml

__all__ = ["facts_yaml"]
