"""The shape of the bundled VNG kader: thema's, plateaus, counts, bronnen, facts."""

from __future__ import annotations

import re

import pytest

import kadermodel as k
from kadermodel import model as m

THEMAS = {
    "beleid": "Beleidsmatige basis",
    "signalering": "Signalerend vermogen van de gemeente",
    "bewustwording": "Aandacht voor en bewustwording van het fenomeen mensenhandel",
    "samenwerking": "Samenwerking in de keten en/of regio",
    "opvang": "Opvang van en hulpverlening aan slachtoffers en daders",
}

# Bouwstenen per (thema, plateau), as the Kader lists them (issue 3).
COUNTS = {
    ("beleid", 1): 3,
    ("signalering", 1): 3,
    ("signalering", 2): 3,
    ("bewustwording", 1): 4,
    ("bewustwording", 2): 2,
    ("samenwerking", 1): 3,
    ("samenwerking", 2): 2,
    ("opvang", 1): 3,
}

INFORMATIVE = {
    "beleid_beschreven_vormen",
    "bijdrage_regionale_zorgcoordinatie",
    "bewustwording_vormen",
    "beleidsplan_vastgesteld_door",
    "beleidsplan_datum",
}


def test_bundled_by_id_and_by_function() -> None:
    assert k.bundled_kader().id == "vng_mensenhandel_2021"
    assert k.load_kader("vng_mensenhandel_2021") is k.bundled_kader()
    assert "vng_mensenhandel_2021" in k.bundled_ids()


def test_header(kader: k.Kader) -> None:
    assert kader.title == "Kader voor de aanpak van mensenhandel door gemeenten"
    assert kader.meta["uitgever"] == "Vereniging van Nederlandse Gemeenten"
    assert kader.meta["versie"] == "2021-02"


def test_thema_ids_and_titles_in_kader_order(kader: k.Kader) -> None:
    assert [(t.id, t.title) for t in kader.themas.values()] == list(THEMAS.items())


def test_counts_per_thema_and_plateau(kader: k.Kader) -> None:
    found = {
        (thema.id, plateau.number): len(plateau.bouwstenen)
        for thema in kader.themas.values()
        for plateau in thema.plateaus
    }
    assert found == COUNTS
    assert sum(COUNTS.values()) == len(kader.bouwstenen) == 23


def test_top_plateaus(kader: k.Kader) -> None:
    assert {t.id: t.top for t in kader.themas.values()} == {
        "beleid": 1,
        "signalering": 2,
        "bewustwording": 2,
        "samenwerking": 2,
        "opvang": 1,
    }


def _positions(kader: k.Kader) -> list[tuple[m.Bouwsteen, str, int, int]]:
    return [
        (kader.bouwstenen[qid], thema.title, plateau.number, punt)
        for thema in kader.themas.values()
        for plateau in thema.plateaus
        for punt, qid in enumerate(plateau.bouwstenen, start=1)
    ]


@pytest.mark.parametrize("index", range(23))
def test_bron_names_thema_plateau_and_punt(kader: k.Kader, index: int) -> None:
    bouwsteen, title, plateau, punt = _positions(kader)[index]
    assert bouwsteen.plateau == plateau
    expected = f"Kader 2021, {title}, plateau {plateau}, punt {punt}"
    # C1.4 is a loose item under the plateau-1 list, and its bron says so.
    loose = " (los punt onder de lijst van plateau 1)" if bouwsteen.name == "beleidsplan" else ""
    assert bouwsteen.bron == expected + loose


def test_bouwsteen_texts_are_sentences(kader: k.Kader) -> None:
    for bouwsteen in kader.bouwstenen.values():
        assert bouwsteen.text[0].isupper() and bouwsteen.text.endswith("."), bouwsteen.id
        assert bouwsteen.condition is not None, bouwsteen.id


def test_every_feit_has_a_question(kader: k.Kader) -> None:
    for feit in kader.feiten.values():
        assert feit.vraag and feit.vraag.endswith("?"), feit.name


def test_informative_facts_decide_nothing(kader: k.Kader) -> None:
    used = set().union(*(m.facts_of(b.full_condition) for b in kader.bouwstenen.values()))
    assert set(kader.feiten) - used == INFORMATIVE
    for name in INFORMATIVE:
        toelichting = kader.feiten[name].toelichting
        assert toelichting is not None and toelichting.startswith("Informatief: beslist niets.")
    assert (len(kader.feiten), len(used)) == (55, 50)


def test_parameters_have_a_bron(kader: k.Kader) -> None:
    assert set(kader.parameters) == {
        "min_driehoek",
        "min_ambtelijk",
        "min_driehoek_vaak",
        "min_ambtelijk_vaak",
        "min_training_medewerkersgroepen",
        "min_training_frequentie",
        "min_bewustwording_frequentie",
        "min_training_frequentie_bewustwording",
    }
    for parameter in kader.parameters.values():
        assert parameter.bron and re.match(r"Kader 2021, .+, plateau \d, punt \d", parameter.bron)


def test_thresholds(kader: k.Kader) -> None:
    values = {name: p.value for name, p in kader.parameters.items()}
    assert values == {
        "min_driehoek": 2,
        "min_ambtelijk": 2,
        "min_driehoek_vaak": 3,
        "min_ambtelijk_vaak": 3,
        "min_training_medewerkersgroepen": 2,
        "min_training_frequentie": "om_de_twee_jaar",
        "min_bewustwording_frequentie": "elk_jaar",
        "min_training_frequentie_bewustwording": "elk_jaar",
    }
