"""diff: which thema's moved between two assessments, and the bouwstenen and facts why."""

from __future__ import annotations

import datetime as dt

from explain_support import EXAMPLES, PEILDATUM, examples, facts_for, kader_and_facts
from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel.explanation.diff import diff
from kadermodel.logic import Truth

BUNDLED = k.bundled_kader()


def voorbeeldstad() -> k.Assessment:
    return k.assess(BUNDLED, k.load_facts(EXAMPLES / "voorbeeldstad.yaml", BUNDLED))


def next_year(old: k.Assessment) -> k.Assessment:
    """Voorbeeldstad a year on: three open questions answered."""
    facts = old.facts.with_values(
        BUNDLED,
        {
            "ambtelijk_besprekingen_per_jaar": 2,
            "risicogroepen_in_beeld": True,
            "lokaal_cijfermateriaal": "gebruikt",
        },
    )
    return k.assess(BUNDLED, facts, dt.date(2027, 6, 30))


def test_a_year_of_work() -> None:
    old = voorbeeldstad()
    found = diff(old, next_year(old))
    assert not found.kader_changed
    assert [c.thema for c in found.themas] == ["bewustwording"]
    (change,) = found.themas
    assert (str(change.old), str(change.new)) == ("minimaal 0, mogelijk 2", "1")
    assert change.direction == "preciezer"
    assert change.bouwstenen == (
        "bewustwording.aandacht_op_alle_niveaus",
        "bewustwording.risicoanalyse",
        "bewustwording.verdiepte_aandacht",
    )
    assert change.facts == (
        "ambtelijk_besprekingen_per_jaar",
        "risicogroepen_in_beeld",
        "lokaal_cijfermateriaal",
    )
    blocks = {c.bouwsteen: c for c in found.bouwstenen}
    assert blocks["bewustwording.verdiepte_aandacht"].new is Truth.FALSE
    # brede_omgevingsscan stays open: its scan is still unknown.
    assert "bewustwording.brede_omgevingsscan" not in blocks
    assert [f.name for f in found.facts] == [
        "ambtelijk_besprekingen_per_jaar",
        "risicogroepen_in_beeld",
        "lokaal_cijfermateriaal",
    ]
    assert set(found.unchanged) == {"beleid", "signalering", "samenwerking", "opvang"}


def test_nothing_changed() -> None:
    old = voorbeeldstad()
    found = diff(old, voorbeeldstad())
    assert not found.themas and not found.bouwstenen and not found.facts
    assert found.unchanged == tuple(BUNDLED.themas)


def test_an_extension_changes_the_rules() -> None:
    old = voorbeeldstad()
    kader = k.load_kader(BUNDLED.id, extensions=[EXAMPLES / "regio_voorbeeld.kader"])
    new = k.assess(kader, k.load_facts(EXAMPLES / "voorbeeldstad.yaml", kader))
    found = diff(old, new)
    assert found.kader_changed
    blocks = {c.bouwsteen: c for c in found.bouwstenen}
    assert blocks["signalering.aandachtsfunctionaris"].rule_changed
    assert blocks["samenwerking.regionale_tafel"].old is None
    moved = {c.thema: c for c in found.themas}
    assert moved["signalering"].direction == "lager"
    assert "signalering.aandachtsfunctionaris" in moved["signalering"].bouwstenen


@settings(max_examples=examples(40))
@given(kader_and_facts(), st.data())
def test_random_diffs_explain_every_move(
    case: tuple[k.Kader, dict[str, object]], data: st.DataObject
) -> None:
    kader, values = case
    other = data.draw(facts_for(kader), label="new facts")
    old = k.assess(kader, {n: v for n, v in values.items() if v is not None}, PEILDATUM)
    new = k.assess(kader, {n: v for n, v in other.items() if v is not None}, PEILDATUM)
    found = diff(old, new)
    moved = {c.thema for c in found.themas}
    for thema in kader.themas:
        assert (thema in moved) == (old.plateau(thema) != new.plateau(thema))
    changed_facts = {c.name for c in found.facts}
    assert changed_facts == {n for n in kader.feiten if old.facts.values[n] != new.facts.values[n]}
    for change in found.themas:
        # A thema only moves when one of its bouwstenen changed, because facts changed.
        assert change.bouwstenen and change.facts
        assert set(change.facts) <= changed_facts
    for block in found.bouwstenen:
        assert block.old != block.new and block.facts
