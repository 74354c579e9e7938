"""Golden reports (text and JSON) for the four example municipalities.

The same golden file is checked twice: once produced by ``kadermodel.report.assessment`` and once by
``kadermodel assess`` (in-process). ``KADERMODEL_UPDATE_GOLDEN=1`` rewrites the files from
the report functions.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

import kadermodel as k
from golden_files import UPDATE_GOLDEN, check_golden
from kadermodel.cli.app import main
from kadermodel.report.assessment import assessment_json, assessment_schema, assessment_text

from .conftest import EXAMPLE_NAMES, EXAMPLES, GOLDEN

# The outcome each example is written to show (see the comment at the top of each file).
EXPECTED = {
    "starterdorp": {
        "beleid": (0, 0),
        "signalering": (0, 0),
        "bewustwording": (0, 0),
        "samenwerking": (0, 0),
        "opvang": (1, 1),
    },
    "basisstad": {
        t: (1, 1) for t in ("beleid", "signalering", "bewustwording", "samenwerking", "opvang")
    },
    "koploperstad": {
        "beleid": (1, 1),
        "signalering": (2, 2),
        "bewustwording": (2, 2),
        "samenwerking": (2, 2),
        "opvang": (1, 1),
    },
    "voorbeeldstad": {
        "beleid": (1, 1),
        "signalering": (1, 2),
        "bewustwording": (0, 2),
        "samenwerking": (1, 1),
        "opvang": (0, 1),
    },
}


def _assessment(kader: k.Kader, name: str) -> k.Assessment:
    return k.assess(kader, k.load_facts(EXAMPLES / f"{name}.yaml", kader))


def _json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_outcome(kader: k.Kader, name: str) -> None:
    result = _assessment(kader, name)
    found = {t: (r.plateau.low, r.plateau.high) for t, r in result.themas.items()}
    assert found == EXPECTED[name]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_text_report_golden(kader: k.Kader, name: str) -> None:
    check_golden(GOLDEN / f"{name}.txt", assessment_text(_assessment(kader, name)))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_json_report_golden(kader: k.Kader, name: str) -> None:
    data = assessment_json(_assessment(kader, name))
    jsonschema.validate(data, assessment_schema())
    check_golden(GOLDEN / f"{name}.json", _json_text(data))


@pytest.mark.skipif(UPDATE_GOLDEN, reason="goldens are being rewritten from the report")
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_assess_matches_golden(name: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", str(EXAMPLES / f"{name}.yaml"), "--format", fmt])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    suffix = "txt" if fmt == "text" else "json"
    assert out == (GOLDEN / f"{name}.{suffix}").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_json_agrees_with_the_assessment(kader: k.Kader, name: str) -> None:
    result = _assessment(kader, name)
    data = assessment_json(result)
    assert data["schema_version"] == 3
    assert [t["id"] for t in data["themas"]] == list(kader.themas)
    for thema in data["themas"]:
        plateau = result.themas[thema["id"]].plateau
        assert (thema["plateau"]["low"], thema["plateau"]["high"]) == (plateau.low, plateau.high)
        assert thema["plateau"]["decided"] is plateau.decided
        for bouwsteen in thema["bouwstenen"]:
            assert bouwsteen["truth"] == str(result.truth(bouwsteen["id"]))
        # progress per plateau: the truths of that plateau's bouwstenen, counted
        assert [p["plateau"] for p in thema["progress"]] == list(range(1, thema["top"] + 1))
        for counts in thema["progress"]:
            truths = [b["truth"] for b in thema["bouwstenen"] if b["plateau"] == counts["plateau"]]
            assert (counts["met"], counts["not_met"], counts["unknown"], counts["total"]) == (
                truths.count("waar"),
                truths.count("onwaar"),
                truths.count("onbekend"),
                len(truths),
            )
    ids = [b["id"] for t in data["themas"] for b in t["bouwstenen"]]
    assert sorted(ids) == sorted(kader.bouwstenen)


def test_text_report_lists_open_bouwstenen_and_their_questions(kader: k.Kader) -> None:
    result = _assessment(kader, "voorbeeldstad")
    text = assessment_text(result)
    for qid, outcome in result.bouwstenen.items():
        marker = f"[{qid}]."
        assert (marker in text) is (outcome.truth is not k.Truth.TRUE), qid
    for name in result.facts.unknown:
        vraag = kader.feiten[name].vraag
        assert vraag is not None
        # A question is listed when some open bouwsteen reads the fact.
        read = any(
            data["name"] == name
            for thema in assessment_json(result)["themas"]
            for b in thema["bouwstenen"]
            for data in b["unknown_facts"]
        )
        assert (f"({name})" in text) is read, name
