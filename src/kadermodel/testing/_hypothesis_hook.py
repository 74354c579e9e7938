"""Registered as hypothesis' ``hypothesis`` entry point: runs when hypothesis is imported.

It makes ``st.from_type(Kader)`` draw random valid kaders and ``st.from_type(Assessment)``
assessments of random fact sets for them. The strategies are deferred, so the generators in
:mod:`kadermodel.testing.strategies` load only when one is first drawn from.
"""

from __future__ import annotations

from typing import Any


def _kaders() -> Any:
    from kadermodel.api import parse_kader
    from kadermodel.testing.strategies import kaders

    return kaders().map(lambda text: parse_kader(text, "<kaders()>"))


def _assessments() -> Any:
    from kadermodel.api import assess
    from kadermodel.testing.strategies import kader_and_facts

    return kader_and_facts().map(lambda pair: assess(*pair))


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from kadermodel.engine.evaluate import Assessment
    from kadermodel.model import Kader

    st.register_type_strategy(Kader, st.deferred(_kaders))
    st.register_type_strategy(Assessment, st.deferred(_assessments))
