"""Golden files: the exact rendering of every mistake a user can make, one case per file.

``tests/golden/errors/<case>.kader`` is a kader with one mistake (``many_errors.kader``:
several); ``<case>.yaml`` is a facts file read against ``_facts.kader``. ``<case>.txt``
holds ``str(error)`` followed by one newline. The file name given to the engine is the
case's own file name, so the rendering does not depend on where the repository lives.

Regenerate after an intended change of a message with::

    KADERMODEL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_golden_errors.py

and read every changed ``.txt`` before committing it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kadermodel
from golden_files import check_golden
from kadermodel.errors import (
    FactsError,
    KaderCompileError,
    KaderCycleError,
    KaderError,
    KaderSyntaxError,
)

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "errors"
FACTS_KADER = GOLDEN / "_facts.kader"

KADER_CASES = sorted(p for p in GOLDEN.glob("*.kader") if not p.name.startswith("_"))
FACTS_CASES = sorted(GOLDEN.glob("*.yaml"))
CASES = KADER_CASES + FACTS_CASES


def produce(case: Path) -> KaderError:
    """The error the engine raises for a golden input (fails the test if there is none)."""
    text = case.read_text(encoding="utf-8")
    try:
        if case.suffix == ".kader":
            kadermodel.parse_kader(text, name=case.name)
        else:
            kader = kadermodel.parse_kader(FACTS_KADER.read_text(encoding="utf-8"), "_facts.kader")
            kadermodel.parse_facts(text, kader, name=case.name)
    except KaderError as error:
        return error
    pytest.fail(f"{case.name} was accepted, but it holds a mistake")


def expected_class(code: str) -> type[KaderError]:
    if code.startswith("K1"):
        return KaderSyntaxError
    if code.startswith("K4"):
        return KaderCycleError
    if code.startswith("K"):
        return KaderCompileError
    return FactsError


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_rendering_matches_golden_file(case: Path) -> None:
    rendered = str(produce(case)) + "\n"
    check_golden(case.with_suffix(".txt"), rendered)


@pytest.mark.parametrize("case", FACTS_CASES, ids=lambda p: p.name)
@pytest.mark.usefixtures("yaml_loader")
def test_both_yaml_loaders_give_the_golden_facts_errors(case: Path) -> None:
    """libyaml's loader and PyYAML's pure-Python one: the same messages and positions."""
    rendered = str(produce(case)) + "\n"
    assert rendered == case.with_suffix(".txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_every_problem_is_located_and_explained(case: Path) -> None:
    error = produce(case)
    assert type(error) is expected_class(error.code) or (
        # a compile error that mixes cycles with other problems stays a compile error
        type(error) is KaderCompileError and any(d.code != "K401" for d in error.diagnostics)
    )
    lines = str(error).splitlines()
    for diagnostic in error.diagnostics:
        assert re.fullmatch(r"[KF]\d{3}", diagnostic.code)
        assert diagnostic.span is not None, diagnostic
        assert diagnostic.span.file == case.name
        assert diagnostic.severity == "fout"
        head = f"{diagnostic.span}: fout {diagnostic.code}: {diagnostic.message}"
        assert head in lines
        # the source line and a caret line under the span follow the head line
        at = lines.index(head)
        source_line = case.read_text(encoding="utf-8").splitlines()[diagnostic.span.line - 1]
        assert lines[at + 1].endswith(source_line.replace("\t", " "))
        caret = lines[at + 2].split("|", 1)[1]
        assert caret.strip() and set(caret.strip()) == {"^"}
        assert caret.index("^") == diagnostic.span.column  # one space after the gutter bar
        helps = diagnostic.hint or diagnostic.suggestion or "; verwacht: " in diagnostic.message
        assert helps, f"{diagnostic.code} says what is wrong but not how to fix it"


def test_diagnostics_come_in_source_order() -> None:
    error = produce(GOLDEN / "many_errors.kader")
    places = [(d.span.line, d.span.column) for d in error.diagnostics if d.span]
    assert len(places) >= 5
    assert places == sorted(places)
    assert len({d.code for d in error.diagnostics}) >= 5


def test_there_are_at_least_thirty_distinct_mistakes() -> None:
    messages = set()
    for case in CASES:
        messages |= {(d.code, d.message) for d in produce(case).diagnostics}
    assert len(CASES) >= 30
    assert len(messages) >= 30
    codes = {code for code, _ in messages}
    for family in ("K1", "K2", "K3", "K4", "F1", "F2"):
        assert any(code.startswith(family) for code in codes), family


def test_every_golden_text_has_an_input() -> None:
    inputs = {p.stem for p in CASES}
    orphans = [p.name for p in GOLDEN.glob("*.txt") if p.stem not in inputs]
    assert not orphans, f"golden files without an input: {orphans}"


def test_libyaml_is_the_default_loader() -> None:
    import yaml

    from kadermodel.facts import yamlsource

    assert yaml.__with_libyaml__, "PyYAML without libyaml: the fast loader cannot be tested"
    assert yamlsource.LOADER is yaml.CSafeLoader
