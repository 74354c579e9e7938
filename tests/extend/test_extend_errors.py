"""Every extension error and warning, with golden messages.

Each ``tests/golden/extend/<case>.kader`` is loaded with ``parse_kader`` (its base is found
among the bundled kaders, ``examples/`` and ``tests/golden/extend/``); the rendered error, or
the warnings of the loaded kader, must equal ``<case>.txt``. The case name starts with the
code it shows (``e140_...`` shows E140; ``ok_...`` loads without a problem).
``KADERMODEL_UPDATE_GOLDEN=1`` rewrites the ``.txt`` files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from extend_support import EXAMPLES, GOLDEN, REPO, render_warnings

import kadermodel as k
from golden_files import check_golden
from kadermodel.extend.apply import apply_extension_path, apply_text

CASES = sorted(p for p in GOLDEN.glob("*.kader") if not p.name.startswith("basis_"))
WARNING_CODES = {"E141", "E143", "E150", "E151"}


def _produce(case: Path) -> tuple[str, k.KaderError | None]:
    text = case.read_text(encoding="utf-8")
    try:
        kader = k.parse_kader(text, case.name, search_path=(EXAMPLES, GOLDEN))
    except k.KaderError as error:
        # Folders in hints are absolute; the golden files show them from the repository.
        return str(error).replace(f"{REPO}/", "") + "\n", error
    return render_warnings(kader), None


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden_case(case: Path) -> None:
    produced, error = _produce(case)
    check_golden(case.with_suffix(".txt"), produced)
    prefix = case.stem.split("_", 1)[0].upper()
    if prefix == "OK":
        assert error is None
        assert produced == "(geen fouten of waarschuwingen)\n"
    elif prefix in WARNING_CODES:
        assert error is None, produced
        assert re.search(rf"^\S+: waarschuwing {prefix}:", produced, re.M)
    else:
        assert isinstance(error, k.ExtensionError | k.KaderCompileError), produced
        assert prefix in {d.code for d in error.diagnostics}
        assert re.search(rf"^\S+: fout {prefix}:", produced, re.M)


def test_every_code_has_a_case() -> None:
    shown = {p.stem.split("_", 1)[0].upper() for p in CASES}
    expected = {
        "E101",
        "K201",
        "K204",
        "K205",
        "K206",
        "E110",
        "E111",
        "E112",
        "E113",
        "E120",
        "E121",
        "E122",
        "E123",
        "E124",
        "E125",
        "E132",
        "E133",
        "E134",
        "E135",
        "E140",
        "E141",
        "E142",
        "E143",
        "E150",
        "E151",
    }
    assert expected <= shown


def test_errors_are_extension_errors() -> None:
    """Problems in an uitbreiding (also type errors inside it) raise ExtensionError."""
    for case in CASES:
        _, error = _produce(case)
        if error is not None:
            assert isinstance(error, k.ExtensionError), case.name


# ------------------------------------------------------------------ applying to the wrong kader


def test_e102_kader_instead_of_uitbreiding(bundled: k.Kader) -> None:
    text = 'kader regio { titel "Regio" }\nfeit a: ja_nee\n'
    with pytest.raises(k.ExtensionError) as caught:
        apply_text(bundled, text, "regio.kader")
    check_golden(GOLDEN / "e102_kader_geen_uitbreiding.txt", str(caught.value) + "\n")
    assert caught.value.code == "E102"


def test_e103_wrong_base(bundled: k.Kader) -> None:
    """The municipal example builds on the regional one, which was not applied."""
    text = (EXAMPLES / "gemeente_voorbeeld.kader").read_text(encoding="utf-8")
    with pytest.raises(k.ExtensionError) as caught:
        apply_text(bundled, text, "gemeente_voorbeeld.kader")
    check_golden(GOLDEN / "e103_verkeerde_basis.txt", str(caught.value) + "\n")
    assert caught.value.code == "E103"


def test_e103_load_kader_in_wrong_order() -> None:
    with pytest.raises(k.ExtensionError) as caught:
        k.load_kader(
            "vng_mensenhandel_2021",
            extensions=[EXAMPLES / "gemeente_voorbeeld.kader", EXAMPLES / "regio_voorbeeld.kader"],
        )
    assert caught.value.code == "E103"
    assert "pas eerst 'regio_voorbeeld' toe" in str(caught.value)


def test_e104_applied_twice() -> None:
    regio = k.load_kader(EXAMPLES / "regio_voorbeeld.kader")
    text = (EXAMPLES / "regio_voorbeeld.kader").read_text(encoding="utf-8")
    with pytest.raises(k.ExtensionError) as caught:
        apply_text(regio, text, "regio_voorbeeld.kader")
    check_golden(GOLDEN / "e104_al_toegepast.txt", str(caught.value) + "\n")
    assert caught.value.code == "E104"


def test_e104_cycle_between_files(tmp_path: Path) -> None:
    (tmp_path / "a.kader").write_text("uitbreiding a op b {\n}\n", encoding="utf-8")
    (tmp_path / "b.kader").write_text("uitbreiding b op a {\n}\n", encoding="utf-8")
    with pytest.raises(k.ExtensionError) as caught:
        k.load_kader(tmp_path / "a.kader")
    assert caught.value.code == "E104"
    assert "kringverwijzing tussen uitbreidingen: a -> b -> a" in str(caught.value)


def test_e100_unreadable_extension(bundled: k.Kader, tmp_path: Path) -> None:
    with pytest.raises(k.ExtensionError) as caught:
        apply_extension_path(bundled, tmp_path / "bestaat_niet.kader")
    assert caught.value.code == "E100"
    assert "kan uitbreiding" in str(caught.value)


def test_e101_suggests_files_beside_it(tmp_path: Path) -> None:
    (tmp_path / "regio_west.kader").write_text(
        "uitbreiding regio_west op vng_mensenhandel_2021 {\n}\n", encoding="utf-8"
    )
    (tmp_path / "gemeente.kader").write_text(
        "uitbreiding gemeente op regio_wets {\n}\n", encoding="utf-8"
    )
    with pytest.raises(k.ExtensionError) as caught:
        k.load_kader(tmp_path / "gemeente.kader")
    assert caught.value.code == "E101"
    assert caught.value.first.suggestion == "regio_west"


def test_syntax_error_in_an_extension_is_a_syntax_error(bundled: k.Kader) -> None:
    with pytest.raises(k.KaderSyntaxError):
        apply_text(bundled, "uitbreiding r op vng_mensenhandel_2021 { verscherp }")


def test_every_problem_of_an_uitbreiding_in_one_run() -> None:
    text = """uitbreiding regio op vng_mensenhandel_2021 {
    feit tafel: ja_nee
    feit tafel: aantal
    thema samenwerking {
        plateau 3 "Regie" {
            bouwsteen casustafel "Casustafel." als onbekend_feit
        }
        plateau 5 { }
    }
    verscherp samenwerking.bestaat_niet als tafel
    parameter min_driehoek = waar
}
"""
    with pytest.raises(k.ExtensionError) as caught:
        apply_text(k.bundled_kader(), text, "regio.kader")
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == ["K201", "K202", "K204", "K206", "E120", "K306"]


def test_the_same_mistake_gets_the_same_code_in_a_kader_and_an_uitbreiding() -> None:
    kader = 'kader k { }\nfeit x: ja_nee\nfeit x: aantal\nthema t "T" { plateau 2 { } }\n'
    uitbreiding = (
        "uitbreiding u op vng_mensenhandel_2021 {\nfeit x: ja_nee\nfeit x: aantal\n"
        'thema t "T" { plateau 2 { } }\n}\n'
    )
    with pytest.raises(k.KaderCompileError) as in_kader:
        k.parse_kader(kader, "k.kader")
    with pytest.raises(k.ExtensionError) as in_extension:
        apply_text(k.bundled_kader(), uitbreiding, "u.kader")

    def shown(error: k.KaderError) -> list[tuple[str, str, int]]:
        return [(d.code, d.message, d.span.line if d.span else 0) for d in error.diagnostics]

    assert shown(in_kader.value) == shown(in_extension.value)
    assert [c for c, _, _ in shown(in_kader.value)] == ["K201", "K204", "K206"]
