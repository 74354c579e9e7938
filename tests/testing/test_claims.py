"""Claims: true ones pass, false ones come with a minimal counter-example that, assessed as
a facts file, really violates the claim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.logic import Truth
from kadermodel.testing import (
    check_claim,
    check_claims,
    claim_from_text,
    claim_truth,
    claims_of,
)

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "testing"
K = k.bundled_kader()
P = dt.date(2026, 6, 30)

TRUE_CLAIM = "als niet regionale_ketenregisseur dan plateau(samenwerking) < 2"
# Plateau 1 of samenwerking does not need the wegenkaart (a plateau-2 bouwsteen).
FALSE_SMALL = "als plateau(samenwerking) >= 1 dan samenwerking.wegenkaart"
# Signalering plateau 1 asks for training at least "om_de_twee_jaar"; the yearly
# attention for knowledge (bewustwording) asks for training at least "elk_jaar" or yearly
# communication. Too many facts to try every combination: found by the search.
FALSE_LARGE = "als plateau(signalering) >= 1 dan bewustwording.kennis_medewerkers"


def golden(name: str, produced: str) -> None:
    check_golden(GOLDEN / name, produced)


def test_true_claim_is_proven_exhaustively() -> None:
    result = check_claim(K, TRUE_CLAIM, peildatum=P)
    assert result.holds
    assert result.method == "exhaustief"
    assert result.checked == result.combinations
    assert result.counterexample is None and result.counterexample_yaml() is None
    assert result.message().endswith("feiten doen ertoe)")


def _violates(kader: k.Kader, claim: str, facts_path: Path) -> Truth:
    facts = k.load_facts(facts_path, kader)
    assert facts.peildatum is not None
    return claim_truth(kader, claim_from_text(kader, claim), facts.values, facts.peildatum)


@pytest.mark.parametrize("claim", [FALSE_SMALL, FALSE_LARGE], ids=["exhaustief", "zoektocht"])
def test_false_claim_has_a_minimal_counterexample(tmp_path: Path, claim: str) -> None:
    result = check_claim(K, claim, peildatum=P)
    assert not result.holds
    assert result.method == ("exhaustief" if claim == FALSE_SMALL else "zoektocht")
    written = result.write_counterexample(tmp_path / "tegenvoorbeeld.yaml")
    assert written is not None
    # Assessed from the facts file, the counter-example really violates the claim ...
    assert _violates(K, claim, written) is Truth.FALSE
    # ... and whatever the unknown facts turn out to be: filled in both ways it stays false.
    facts = k.load_facts(written, K)
    for fill in (True, False):
        full = {
            name: (fill if value is None and f.type.kind == "ja_nee" else value)
            for (name, value), f in zip(facts.values.items(), K.feiten.values(), strict=True)
        }
        assert claim_truth(K, claim_from_text(K, claim), full, P) is Truth.FALSE
    # Minimal: leave out any one fact and the claim is no longer certainly false.
    assert result.counterexample
    for name in result.counterexample:
        fewer = {n: v for n, v in result.counterexample.items() if n != name}
        assert claim_truth(K, claim_from_text(K, claim), fewer, P) is not Truth.FALSE, name


def test_false_claim_message_and_facts_file() -> None:
    result = check_claim(K, FALSE_SMALL, peildatum=P)
    golden("claim_onwaar.txt", result.message(Path("tegenvoorbeelden/wegenkaart.yaml")) + "\n")
    text = result.counterexample_yaml()
    assert text is not None
    golden("claim_onwaar.yaml", text)


def test_search_respects_its_budget() -> None:
    # With room for only a few examples the search may miss the counter-example; it then
    # reports "niet weerlegd", never "klopt".
    result = check_claim(K, FALSE_LARGE, peildatum=P, max_exhaustive=10, max_examples=5)
    assert result.method == "zoektocht"
    if result.holds:
        assert "niet weerlegd" in result.message()


def test_stellingen_declared_in_a_kader() -> None:
    kader = k.parse_kader(
        """kader klein { titel "Klein" }
feit a: ja_nee
feit n: aantal
thema t "T" {
    plateau 1 { bouwsteen b "B." als a }
    plateau 2 { bouwsteen c "C." als n >= 3 }
}
stelling twee_vraagt_drie "Plateau 2 vraagt minstens drie": als plateau(t) >= 2 dan n >= 3
stelling a_volstaat: als a dan plateau(t) = 2
""",
        "klein.kader",
    )
    assert [c.name for c in claims_of(kader)] == ["twee_vraagt_drie", "a_volstaat"]
    assert claims_of(kader)[0].source == "als plateau(t) >= 2 dan n >= 3"
    first, second = check_claims(kader, peildatum=P)
    assert first.holds and not second.holds
    assert second.counterexample == {"a": True, "n": 0}


def test_claim_errors_point_into_the_claim() -> None:
    with pytest.raises(k.KaderError) as caught:
        claim_from_text(K, "als regionale_ketenregiseur dan plateau(samenwerking) < 2")
    assert caught.value.code == "K202"
    assert caught.value.first.suggestion == "regionale_ketenregisseur"
    assert caught.value.first.span is not None and caught.value.first.span.column == 5
    with pytest.raises(k.KaderSyntaxError):
        claim_from_text(K, "als plateau(samenwerking) >= dan a")
    with pytest.raises(k.KaderError, match="geen plateau 3"):
        claim_from_text(K, "plateau(samenwerking) >= 3")


def test_implication_is_niet_of_and_dan_stays_a_name() -> None:
    kader = k.parse_kader(
        """kader klein { titel "Klein" }
feit dan: ja_nee
feit b: ja_nee
thema t "T" { plateau 1 { bouwsteen x "X." als dan en b } }
stelling s: als t.x dan dan
""",
        "klein.kader",
    )
    claim = claims_of(kader)[0]
    assert claim.condition == claim_from_text(kader, "niet t.x of dan").condition
    assert check_claim(kader, claim, peildatum=P).holds


def test_too_deep_nesting_is_a_syntax_error_with_a_position() -> None:
    text = 'kader d { titel "D" }\nfeit a: ja_nee\nthema t "T" { plateau 1 { bouwsteen b "B." als '
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader(text + "niet " * 101 + "a } }", "diep.kader")
    assert caught.value.code == "K105"
    assert "te diep genest (meer dan 100 niveaus)" in str(caught.value)
    assert caught.value.first.span is not None and caught.value.first.span.line == 3
    k.parse_kader(text + "niet " * 99 + "a } }", "diep.kader")  # 99 levels are fine
