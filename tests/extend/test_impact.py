"""The impact preview of the regional example on the four example municipalities (golden),
and its consistency with assessing both kaders directly."""

from __future__ import annotations

import json

import jsonschema
import pytest
from extend_support import EXAMPLE_NAMES, EXAMPLES, GOLDEN, REPO

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.extend.apply import apply_text
from kadermodel.extend.impact import Impact, impact
from kadermodel.report.impact import impact_json, impact_schema, impact_text


@pytest.fixture(scope="module")
def regio() -> k.Kader:
    return k.load_kader(EXAMPLES / "regio_voorbeeld.kader")


@pytest.fixture(scope="module")
def gemeente(regio: k.Kader) -> k.Kader:
    return k.load_kader(
        EXAMPLES / "regio_voorbeeld.kader", extensions=[EXAMPLES / "gemeente_voorbeeld.kader"]
    )


def _facts(kader: k.Kader) -> list[k.Facts]:
    return [k.load_facts(EXAMPLES / f"{name}.yaml", kader) for name in EXAMPLE_NAMES]


def _json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_regional_example_loads_on_the_bundled_kader(bundled: k.Kader, regio: k.Kader) -> None:
    assert regio.id == bundled.id
    assert regio.extensions == ("regio_voorbeeld",)
    assert regio.warnings == ()
    assert regio.themas["samenwerking"].top == 3
    assert regio.parameters["min_driehoek"].value > bundled.parameters["min_driehoek"].value
    assert "samenwerking.regionale_tafel" in regio.bouwstenen


def test_impact_regio_golden(bundled: k.Kader, regio: k.Kader) -> None:
    found = impact(bundled, regio, _facts(regio))
    check_golden(GOLDEN / "impact_regio.txt", impact_text(found))
    # File names are as given (absolute here); the golden file shows them from the repository.
    produced = _json_text(impact_json(found)).replace(f"{REPO}/", "")
    check_golden(GOLDEN / "impact_regio.json", produced)
    jsonschema.Draft202012Validator.check_schema(impact_schema())
    jsonschema.validate(impact_json(found), impact_schema())


def test_impact_gemeente_golden(regio: k.Kader, gemeente: k.Kader) -> None:
    found = impact(regio, gemeente, _facts(gemeente))
    check_golden(GOLDEN / "impact_gemeente.txt", impact_text(found))


def test_facts_of_either_kader_or_mappings_give_the_same_impact(
    bundled: k.Kader, regio: k.Kader
) -> None:
    expected = impact_text(impact(bundled, regio, _facts(regio)))
    assert impact_text(impact(bundled, regio, _facts(bundled))) == expected
    mappings = [
        {"gemeente": f.gemeente, "peildatum": f.peildatum, "feiten": f.known}
        for f in _facts(bundled)
    ]
    assert impact_text(impact(bundled, regio, mappings)) == expected


def test_cli_prints_the_golden_impact() -> None:
    argv = [
        "impact",
        "--basis",
        "vng_mensenhandel_2021",
        "--uitbreiding",
        str(EXAMPLES / "regio_voorbeeld.kader"),
        *(str(EXAMPLES / f"{name}.yaml") for name in EXAMPLE_NAMES),
    ]
    with pytest.MonkeyPatch.context() as patch:
        import io
        import sys

        out = io.StringIO()
        patch.setattr(sys, "stdout", out)
        assert main(argv) == 0
    assert out.getvalue() == (GOLDEN / "impact_regio.txt").read_text(encoding="utf-8")


def _check_consistent(found: Impact, base: k.Kader, extended: k.Kader) -> None:
    facts = _facts(extended)
    for gemeente, given in zip(found.gemeenten, facts, strict=True):
        before = k.assess(
            base, {n: v for n, v in given.known.items() if n in base.feiten}, gemeente.peildatum
        )
        after = k.assess(extended, given, gemeente.peildatum)
        for thema in gemeente.themas:
            assert thema.after == after.plateau(thema.id)
            assert thema.before == (before.plateau(thema.id) if thema.id in base.themas else None)
            for cause in thema.causes:
                old = before.truth(cause.id) if cause.id in base.bouwstenen else None
                new = after.truth(cause.id) if cause.id in extended.bouwstenen else None
                assert (cause.before, cause.after) == (old, new)
                assert old != new or old is None or new is None
        listed = {c.id for t in gemeente.themas for c in t.causes}
        for qid in base.bouwstenen.keys() & extended.bouwstenen.keys():
            if before.truth(qid) != after.truth(qid):
                assert qid in listed


def test_impact_agrees_with_assessing_both_kaders(
    bundled: k.Kader, regio: k.Kader, gemeente: k.Kader
) -> None:
    _check_consistent(impact(bundled, regio, _facts(regio)), bundled, regio)
    _check_consistent(impact(regio, gemeente, _facts(gemeente)), regio, gemeente)


def test_withdrawn_bouwsteen_in_the_impact(bundled: k.Kader) -> None:
    extended = apply_text(
        bundled,
        "uitbreiding r op vng_mensenhandel_2021 {\n"
        '    vervalt samenwerking.ketenregisseur "Geen ketenregisseur in de regio"\n'
        '        bewust zwakker "de regio kiest een andere aanpak"\n}\n',
        "r.kader",
    )
    found = impact(bundled, extended, [k.load_facts(EXAMPLES / "voorbeeldstad.yaml", bundled)])
    (thema,) = found.gemeenten[0].changed
    assert thema.id == "samenwerking"
    assert (thema.before, thema.after) == (k.PlateauRange(1, 1), k.PlateauRange(1, 2))
    (cause,) = thema.causes
    assert cause.id == "samenwerking.ketenregisseur"
    assert cause.status == "vervallen"
    assert cause.herkomst[-1].action == "vervallen"
    text = impact_text(found)
    assert "samenwerking.ketenregisseur (vervallen): was onwaar" in text
    assert "vervallen door r, regel 2 (Geen ketenregisseur in de regio" in text


def test_no_extension_no_changes(bundled: k.Kader) -> None:
    found = impact(bundled, bundled, _facts(bundled))
    assert all(not g.changed for g in found.gemeenten)
    assert "geen thema verandert van plateau" in impact_text(found)
