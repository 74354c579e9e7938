"""Each operation of an uitbreiding, provenance, stacking and finding the base."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from extend_support import EXAMPLE_NAMES, EXAMPLES

import kadermodel as k
from kadermodel import model as m
from kadermodel.extend.apply import apply_extension_path, apply_text

ALL_TRUE = {
    "aandachtsfunctionaris_aangesteld": True,
    "aandachtsfunctionaris_vervult_taken": True,
    "interne_meldroute_vastgelegd": True,
    "interne_meldroute_gecommuniceerd": True,
    "aandachtsfunctionaris_bekendgemaakt": True,
    "training_frequentie": "elk_jaar",
    "training_aantal_medewerkersgroepen": 3,
    "training_nieuwe_medewerkers": True,
    "externe_meldstructuur_ingericht": True,
    "tendensen_eigen_informatie_gemonitord": True,
    "landelijke_regionale_ontwikkelingen_gevolgd": True,
    "good_practices_gedeeld_met_ketenpartners": True,
}
"""Facts that bring thema signalering to plateau 2 in the bundled kader."""


def _extend(base: k.Kader, body: str, name: str = "regio") -> k.Kader:
    text = f"uitbreiding {name} op {base.extensions[-1] if base.extensions else base.id} {{\n"
    return apply_text(base, text + body + "\n}\n", f"{name}.kader")


def _snapshot(kader: k.Kader) -> object:
    return (
        dict(kader.feiten),
        dict(kader.parameters),
        dict(kader.themas),
        dict(kader.bouwstenen),
        {q: b.herkomst for q, b in kader.bouwstenen.items()},
        dict(kader.stellingen),
        kader.extensions,
        dict(kader.sources),
        kader.warnings,
        dict(kader.withdrawn),
    )


# ------------------------------------------------------------------ the base is never changed


def test_base_is_not_mutated(bundled: k.Kader) -> None:
    before = _snapshot(bundled)
    results = [k.assess(bundled, ALL_TRUE).truths]
    regio = k.load_kader(EXAMPLES / "regio_voorbeeld.kader")
    gemeente = apply_extension_path(regio, EXAMPLES / "gemeente_voorbeeld.kader")
    assert _snapshot(bundled) == before
    assert k.assess(bundled, ALL_TRUE).truths == results[0]
    assert regio is not bundled and gemeente is not regio
    assert regio.extensions == ("regio_voorbeeld",)
    assert gemeente.extensions == ("regio_voorbeeld", "gemeente_voorbeeld")
    assert "samenwerking.wijkteams" not in regio.bouwstenen


# ------------------------------------------------------------------ each operation


def test_add_fact_parameter_and_thema(bundled: k.Kader) -> None:
    kader = _extend(
        bundled,
        """
    feit regionale_tafel: ja_nee vraag "Zit de gemeente aan de regionale tafel?"
    feit tafel_bijeenkomsten: aantal
    parameter min_tafel: aantal = 3 bron "Regionaal plan"
    thema regio "Regionale samenwerking" {
        plateau 1 { bouwsteen tafel "Aan tafel." als regionale_tafel }
        plateau 2 { bouwsteen vaak "Vaak aan tafel." als tafel_bijeenkomsten >= min_tafel }
    }""",
    )
    assert kader.feiten["regionale_tafel"].type == m.FactType("ja_nee")
    assert kader.parameters["min_tafel"].value == 3
    assert list(kader.themas)[-1] == "regio"
    assert kader.themas["regio"].title == "Regionale samenwerking"
    assert kader.themas["regio"].top == 2
    assert list(kader.bouwstenen)[-2:] == ["regio.tafel", "regio.vaak"]
    result = k.assess(kader, {"regionale_tafel": True, "tafel_bijeenkomsten": 3})
    assert result.themas["regio"].plateau == k.PlateauRange(2, 2)
    result = k.assess(kader, {"regionale_tafel": True, "tafel_bijeenkomsten": 2})
    assert result.themas["regio"].plateau == k.PlateauRange(1, 1)


def test_plateau_three_on_top(bundled: k.Kader) -> None:
    kader = _extend(
        bundled,
        """
    feit regionaal_gedeeld: ja_nee
    thema signalering {
        plateau 3 "Regionaal signaleren" {
            bouwsteen regionaal "Signalen worden regionaal gedeeld." als regionaal_gedeeld
        }
    }""",
    )
    thema = kader.themas["signalering"]
    assert thema.top == 3
    assert thema.plateaus[2] == m.Plateau(3, "Regionaal signaleren", ("signalering.regionaal",))
    assert kader.bouwstenen["signalering.regionaal"].plateau == 3
    assert k.assess(kader, {**ALL_TRUE, "regionaal_gedeeld": True}).plateau(
        "signalering"
    ) == k.PlateauRange(3, 3)
    assert k.assess(kader, ALL_TRUE).plateau("signalering") == k.PlateauRange(2, 3)
    assert k.assess(bundled, ALL_TRUE).plateau("signalering") == k.PlateauRange(2, 2)


def test_bouwsteen_added_to_existing_plateau(bundled: k.Kader) -> None:
    kader = _extend(
        bundled,
        """
    feit regionaal_aangemeld: ja_nee
    thema signalering {
        plateau 1 {
            bouwsteen aangemeld "Aangemeld bij het regionale netwerk."
                vereist aandachtsfunctionaris
                als regionaal_aangemeld
        }
    }""",
    )
    plateau = kader.themas["signalering"].plateaus[0]
    assert plateau.bouwstenen[-1] == "signalering.aangemeld"
    assert kader.bouwstenen["signalering.aangemeld"].requires == (
        "signalering.aandachtsfunctionaris",
    )
    assert k.assess(kader, {**ALL_TRUE, "regionaal_aangemeld": False}).plateau(
        "signalering"
    ) == k.PlateauRange(0, 0)
    assert k.assess(kader, {**ALL_TRUE, "regionaal_aangemeld": True}).plateau(
        "signalering"
    ) == k.PlateauRange(2, 2)


def test_verscherp_adds_a_conjunct(bundled: k.Kader) -> None:
    kader = _extend(
        bundled, "verscherp signalering.training als training_aantal_medewerkersgroepen >= 4"
    )
    old = bundled.bouwstenen["signalering.training"]
    new = kader.bouwstenen["signalering.training"]
    # The old conjuncts, then the extra one (flat, so repeated verscherp's do not nest).
    assert isinstance(old.condition, m.And) and isinstance(new.condition, m.And)
    assert new.condition.items[:-1] == old.condition.items
    assert new.condition.items[-1] == m.Compare(
        m.FactOperand("training_aantal_medewerkersgroepen"),
        ">=",
        m.Const(4),
        m.FactType("aantal"),
    )
    assert new.requires == old.requires
    assert k.assess(kader, ALL_TRUE).truth("signalering.training") is k.Truth.FALSE
    facts = {**ALL_TRUE, "training_aantal_medewerkersgroepen": 4}
    assert k.assess(kader, facts).truth("signalering.training") is k.Truth.TRUE


def test_verscherp_twice_and_resolution_in_the_thema(bundled: k.Kader) -> None:
    kader = _extend(
        bundled,
        """
    verscherp signalering.externe_meldstructuur als tendensen
    verscherp signalering.externe_meldstructuur als good_practices""",
    )
    condition = kader.bouwstenen["signalering.externe_meldstructuur"].condition
    assert m.bouwstenen_of(condition) == {"signalering.tendensen", "signalering.good_practices"}
    actions = [h.action for h in kader.bouwstenen["signalering.externe_meldstructuur"].herkomst]
    assert actions == ["gedefinieerd", "verscherpt", "verscherpt"]


def test_vervang_replaces_the_whole_rule(bundled: k.Kader) -> None:
    kader = _extend(
        bundled,
        """
    vervang signalering.externe_meldstructuur
        als meldroute en externe_meldstructuur_ingericht
           en tendensen_eigen_informatie_gemonitord""",
    )
    new = kader.bouwstenen["signalering.externe_meldstructuur"]
    assert new.requires == ()
    assert m.bouwstenen_of(new.condition) == {"signalering.meldroute"}
    assert new.depends_on == ("signalering.meldroute",)
    assert new.herkomst[-1].action == "vervangen"
    facts = {**ALL_TRUE, "tendensen_eigen_informatie_gemonitord": False}
    assert k.assess(kader, facts).truth("signalering.externe_meldstructuur") is k.Truth.FALSE
    assert k.assess(bundled, facts).truth("signalering.externe_meldstructuur") is k.Truth.TRUE


def test_parameter_override(bundled: k.Kader) -> None:
    kader = _extend(
        bundled,
        """
    parameter min_driehoek = 4 bron "Regionaal plan, par. 3"
    parameter min_training_frequentie = elk_jaar""",
    )
    driehoek = kader.parameters["min_driehoek"]
    assert driehoek.value == 4
    assert driehoek.type == bundled.parameters["min_driehoek"].type
    assert driehoek.bron == "Regionaal plan, par. 3"
    assert kader.parameters["min_training_frequentie"].value == "elk_jaar"
    facts = {"gezagsdriehoek_besprekingen_per_jaar": 3}
    assert k.assess(bundled, facts).truth("bewustwording.aandacht_op_alle_niveaus") is (
        k.Truth.UNKNOWN
    )
    assert k.assess(kader, facts).truth("bewustwording.aandacht_op_alle_niveaus") is (k.Truth.FALSE)


def test_vervalt_withdraws_with_reason(bundled: k.Kader) -> None:
    kader = _extend(
        bundled,
        """
    vervalt samenwerking.ketenregisseur "Geen ketenregisseur in deze regio"
        bewust zwakker "de regio kiest voor een andere aanpak\"""",
    )
    assert "samenwerking.ketenregisseur" not in kader.bouwstenen
    assert kader.themas["samenwerking"].plateaus[1].bouwstenen == ("samenwerking.wegenkaart",)
    withdrawn = kader.withdrawn["samenwerking.ketenregisseur"]
    assert withdrawn.herkomst[-1] == m.Herkomst(
        "vervallen",
        "regio",
        "regio.kader",
        3,
        "Geen ketenregisseur in deze regio; bewust zwakker: de regio kiest voor een andere aanpak",
    )
    facts = {
        "ketenpartners_in_beeld": True,
        "samenwerkingsafspraken_ketenpartners": True,
        "mensenhandel_in_bestaande_overleggen": True,
        "aanpak_aangesloten_op_regionale_aanpak": True,
        "bijdrage_regionale_zorgcoordinatie": True,
        "wegenkaart_ketenpartners": True,
        "regionale_ketenregisseur": False,
    }
    assert k.assess(bundled, facts).plateau("samenwerking") == k.PlateauRange(1, 1)
    assert k.assess(kader, facts).plateau("samenwerking") == k.PlateauRange(2, 2)


def test_vervalt_together_with_its_dependents(bundled: k.Kader) -> None:
    """A withdrawn bouwsteen may go when what depends on it goes or is replaced too."""
    kader = _extend(
        bundled,
        """
    vervalt signalering.meldroute "Regionaal meldpunt" bewust zwakker "meldpunt"
    vervalt signalering.good_practices "Niet van toepassing" bewust zwakker "meldpunt"
    vervang signalering.externe_meldstructuur als externe_meldstructuur_ingericht
        bewust zwakker "meldpunt\"""",
    )
    assert "signalering.meldroute" in kader.withdrawn
    assert kader.bouwstenen["signalering.externe_meldstructuur"].depends_on == ()


def test_stelling_added(bundled: k.Kader) -> None:
    kader = _extend(bundled, "stelling opvang_basis: plateau(opvang) >= 0")
    assert "opvang_basis" in kader.stellingen


# ------------------------------------------------------------------ provenance


def test_provenance_of_the_regional_example() -> None:
    regio = k.load_kader(EXAMPLES / "regio_voorbeeld.kader")
    file = str(EXAMPLES / "regio_voorbeeld.kader")
    text = (EXAMPLES / "regio_voorbeeld.kader").read_text(encoding="utf-8").splitlines()

    def line_of(start: str) -> int:
        return next(i for i, line in enumerate(text, 1) if line.strip().startswith(start))

    feit = regio.feiten["neemt_deel_aan_regionale_tafel"]
    assert feit.herkomst == (
        m.Herkomst("gedefinieerd", "regio_voorbeeld", file, line_of("feit neemt_deel")),
    )
    tafel = regio.bouwstenen["samenwerking.regionale_tafel"]
    assert tafel.herkomst == (
        m.Herkomst("gedefinieerd", "regio_voorbeeld", file, line_of("bouwsteen regionale_tafel")),
    )
    driehoek = regio.parameters["min_driehoek"].herkomst
    assert driehoek[0].source == "vng_mensenhandel_2021"
    assert driehoek[1] == m.Herkomst(
        "gewijzigd", "regio_voorbeeld", file, line_of("parameter min_driehoek ="), "2 -> 4"
    )
    aandacht = regio.bouwstenen["signalering.aandachtsfunctionaris"].herkomst
    assert [h.action for h in aandacht] == ["gedefinieerd", "verscherpt"]
    assert aandacht[1].line == line_of("verscherp signalering.aandachtsfunctionaris")
    assert str(aandacht[1]) == (f"verscherpt door regio_voorbeeld, {file} regel {aandacht[1].line}")
    # untouched things keep only their definition
    assert len(regio.bouwstenen["opvang.kwaliteit"].herkomst) == 1


def test_sources_hold_every_file() -> None:
    gemeente = k.load_kader(EXAMPLES / "gemeente_voorbeeld.kader")
    assert set(gemeente.sources) == {
        "vng_mensenhandel_2021.kader",
        str(EXAMPLES / "regio_voorbeeld.kader"),
        str(EXAMPLES / "gemeente_voorbeeld.kader"),
    }


# ------------------------------------------------------------------ stacking and finding the base


def _structure(kader: k.Kader) -> object:
    return (
        {q: (b.plateau, b.requires, b.condition) for q, b in kader.bouwstenen.items()},
        {n: p.value for n, p in kader.parameters.items()},
        list(kader.feiten),
        {t.id: t.plateaus for t in kader.themas.values()},
        kader.extensions,
    )


def test_stacking_three_ways_gives_the_same_kader() -> None:
    by_file = k.load_kader(EXAMPLES / "gemeente_voorbeeld.kader")
    in_order = k.load_kader(
        "vng_mensenhandel_2021",
        extensions=[EXAMPLES / "regio_voorbeeld.kader", EXAMPLES / "gemeente_voorbeeld.kader"],
    )
    regional = k.load_kader(
        EXAMPLES / "regio_voorbeeld.kader", extensions=[EXAMPLES / "gemeente_voorbeeld.kader"]
    )
    assert _structure(by_file) == _structure(in_order) == _structure(regional)
    tafel = by_file.parameters["min_tafel_bijeenkomsten"]
    assert [(h.action, h.source) for h in tafel.herkomst] == [
        ("gedefinieerd", "regio_voorbeeld"),
        ("gewijzigd", "gemeente_voorbeeld"),
    ]
    assert by_file.themas["samenwerking"].plateaus[2].bouwstenen == (
        "samenwerking.casustafel",
        "samenwerking.wijkteams",
    )


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_assess_under_the_stack(name: str) -> None:
    gemeente = k.load_kader(EXAMPLES / "gemeente_voorbeeld.kader")
    result = k.assess(gemeente, k.load_facts(EXAMPLES / f"{name}.yaml", gemeente))
    assert set(result.themas) == set(gemeente.themas)
    assert result.themas["samenwerking"].top == 3


def test_base_found_beside_the_file(tmp_path: Path) -> None:
    (tmp_path / "landelijk.kader").write_text(
        'kader landelijk { titel "Landelijk" }\n'
        "feit a: ja_nee\nfeit b: ja_nee\n"
        'thema t "T" { plateau 1 { bouwsteen x "X." als a } }\n',
        encoding="utf-8",
    )
    (tmp_path / "regio.kader").write_text(
        "uitbreiding regio op landelijk {\n verscherp t.x als b\n}\n", encoding="utf-8"
    )
    (tmp_path / "gemeente.kader").write_text(
        "uitbreiding gemeente op regio {\n"
        ' thema t { plateau 2 { bouwsteen y "Y." als niet b } }\n}\n',
        encoding="utf-8",
    )
    kader = k.load_kader(tmp_path / "gemeente.kader")
    assert kader.id == "landelijk"
    assert kader.extensions == ("regio", "gemeente")
    assert k.assess(kader, {"a": True, "b": True}).plateau("t") == k.PlateauRange(1, 1)


def test_parse_kader_of_an_uitbreiding_uses_the_bundled_base() -> None:
    kader = k.parse_kader(
        "uitbreiding r op vng_mensenhandel_2021 {\n parameter min_driehoek = 3\n}\n", "r.kader"
    )
    assert kader.extensions == ("r",)
    assert kader.parameters["min_driehoek"].value == 3


def test_sibling_extensions_on_the_same_base(bundled: k.Kader) -> None:
    """Two regional extensions on vng may be stacked: the base only has to be in the stack."""
    first = _extend(bundled, "parameter min_driehoek = 3", "een")
    text = "uitbreiding twee op vng_mensenhandel_2021 {\n parameter min_ambtelijk = 3\n}\n"
    both = apply_text(first, text, "twee.kader")
    assert both.extensions == ("een", "twee")
    assert both.parameters["min_driehoek"].value == 3
    assert both.parameters["min_ambtelijk"].value == 3


# ------------------------------------------------------------------ warnings


def test_warnings_accumulate_over_the_stack(bundled: k.Kader) -> None:
    first = _extend(
        bundled,
        "vervang samenwerking.ketenregisseur\n"
        "    als regionale_ketenregisseur of wegenkaart_ketenpartners",
        "een",
    )
    assert [d.code for d in first.warnings] == ["E141"]
    assert all(d.severity == "waarschuwing" for d in first.warnings)
    second = _extend(
        first, "verscherp samenwerking.ketenregisseur als ketenpartners_in_beeld", "twee"
    )
    assert [d.code for d in second.warnings] == ["E141", "E150"]
    e150 = second.warnings[1]
    assert "een (een.kader regel 2)" in e150.message
    assert e150.span is not None and e150.span.file == "twee.kader"


def test_bewust_zwakker_is_recorded(bundled: k.Kader) -> None:
    kader = _extend(
        bundled,
        'parameter min_driehoek = 1 bewust zwakker "kleine gemeenten"',
    )
    assert kader.warnings == ()
    assert kader.parameters["min_driehoek"].herkomst[-1].reason == (
        "2 -> 1; bewust zwakker: kleine gemeenten"
    )


def test_weakening_uses_the_given_peildatum() -> None:
    base = k.parse_kader(
        'kader d { titel "D" }\nfeit t: datum\n'
        'thema x "X" { plateau 1 { bouwsteen recent "R." als t na 2024-01-01 } }\n'
    )
    text = "uitbreiding r op d {\n vervang x.recent als t binnen 3 maanden\n}\n"
    # Measured from mid 2024 the window starts after 2024-01-01: not weaker.
    apply_text(base, text, peildatum=dt.date(2024, 6, 30))
    # Measured from 2024-02-15, a date late in 2023 satisfies the new rule only.
    with pytest.raises(k.ExtensionError) as caught:
        apply_text(base, text, peildatum=dt.date(2024, 2, 15))
    assert caught.value.code == "E140"
    assert "t = 2023-" in str(caught.value)
