"""Very long chains of bouwstenen give results or a KaderError, never a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest

import kadermodel
from kadermodel import ExtensionError, Truth, explain

LENGTH = 3000


def chain(step: str) -> str:
    lines = ['kader keten { titel "Keten" }', "feit a: ja_nee", "feit z: ja_nee"]
    lines += ['thema t "T" {', "  plateau 1 {", '    bouwsteen b0 "Begin." als a']
    lines += [f'    bouwsteen b{i} "Schakel." {step.format(i - 1)}' for i in range(1, LENGTH)]
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def test_explaining_the_end_of_a_long_vereist_chain() -> None:
    kader = kadermodel.parse_kader(chain("vereist b{}"), "keten.kader")
    result = kadermodel.assess(kader, {"a": False})
    explanation = explain(result, f"t.b{LENGTH - 1}")
    assert explanation.truth is Truth.FALSE
    assert [r.bouwsteen for r in explanation.requirements] == [f"t.b{LENGTH - 2}"]


@pytest.mark.slow
def test_weakening_check_on_a_chain_too_deep_to_inline(tmp_path: Path) -> None:
    base = tmp_path / "keten.kader"
    base.write_text(chain("als b{} of z"), encoding="utf-8")
    extension = tmp_path / "u.kader"
    extension.write_text(
        'uitbreiding u op keten {\n    vervang t.b0 als a en z bewust zwakker "x"\n}\n',
        encoding="utf-8",
    )
    with pytest.raises(ExtensionError) as caught:
        kadermodel.load_kader(base, extensions=[extension])
    assert caught.value.code == "E144"
    assert "u.kader:1:" in str(caught.value)
