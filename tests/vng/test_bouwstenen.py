"""Every bouwsteen of the bundled VNG kader: waar, onwaar and onbekend under crafted facts.

Each case starts from GOOD (every decisive fact at a good value, so every bouwsteen holds)
and changes only facts that the bouwsteen under test reads itself. The expected truth is
written out per case. Cases for ``vereist`` change the facts of the required bouwsteen and
are kept apart in VEREIST_CASES.

Every case names the Kader sentence it encodes: SENTENCES gives per bouwsteen its code
(A1.1 = thema A, plateau 1, punt 1), its ``bron`` and the Kader's key words; the test ids
start with the code, and the bron is checked against the kader.
"""

from __future__ import annotations

from typing import Any

import pytest

import kadermodel as k
from kadermodel import model as m
from kadermodel.engine.graph import dependencies
from kadermodel.logic import Truth

WAAR, ONWAAR, ONBEKEND = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN

GOOD: dict[str, Any] = {
    # beleid
    "beleid_ingebed_in_gemeentelijke_structuren": True,
    "beleid_verbindt_zorg_en_veiligheid": True,
    "beleid_specifieke_aandacht_jeugd": True,
    "beleid_onderscheidt_vier_vormen": True,
    "informatie_uitwisseling_ketenpartners_beschreven": True,
    # signalering
    "aandachtsfunctionaris_aangesteld": True,
    "aandachtsfunctionaris_vervult_taken": True,
    "interne_meldroute_vastgelegd": True,
    "interne_meldroute_gecommuniceerd": True,
    "aandachtsfunctionaris_bekendgemaakt": True,
    "training_frequentie": "vaker_dan_eens_per_jaar",
    "training_aantal_medewerkersgroepen": 5,
    "training_nieuwe_medewerkers": True,
    "externe_meldstructuur_ingericht": True,
    "tendensen_eigen_informatie_gemonitord": True,
    "landelijke_regionale_ontwikkelingen_gevolgd": True,
    "good_practices_gedeeld_met_ketenpartners": True,
    # bewustwording
    "aandacht_bestuurlijk_niveau": True,
    "aandacht_ambtelijk_niveau": True,
    "aandacht_uitvoerend_niveau": True,
    "aandacht_met_bestuurlijke_partners": True,
    "gezagsdriehoek_besprekingen_per_jaar": 4,
    "ambtelijk_besprekingen_per_jaar": 6,
    "aandacht_doelgroep_professionals": True,
    "aandacht_doelgroep_burgers": True,
    "risicoanalyse_kwetsbare_sectoren": True,
    "risicogroepen_in_beeld": True,
    "lokaal_cijfermateriaal": "gebruikt",
    "bewustwording_medewerkers_frequentie": "vaker_dan_eens_per_jaar",
    "beleidsplan_vastgesteld": True,
    "beleidsplan_bevat_opvang": True,
    "beleidsplan_bevat_handhaving": True,
    "beleidsplan_bevat_preventie_voorlichting": True,
    "doorwerking_uiteenlopende_beleidsterreinen": True,
    "brede_omgevingsscan_uitgevoerd": True,
    "verdiept_cijfermatig_inzicht": True,
    # samenwerking
    "ketenpartners_in_beeld": True,
    "samenwerkingsafspraken_ketenpartners": True,
    "mensenhandel_in_bestaande_overleggen": True,
    "aanpak_aangesloten_op_regionale_aanpak": True,
    "wegenkaart_ketenpartners": True,
    "regionale_ketenregisseur": True,
    # opvang
    "organisatorische_verantwoordelijkheid_opvang_belegd": True,
    "financiering_opvang_geregeld": True,
    "zorgcoordinatie_geregeld": True,
    "casemanagement_geregeld": True,
    "netwerk_regionaal_landelijk": True,
    "werkt_aan_voorlichting_en_preventie": True,
    "opvang_kwaliteitscriteria": True,
    "opvang_kwaliteit_nagegaan": "ja",
}

THEMA_C = "Aandacht voor en bewustwording van het fenomeen mensenhandel"
THEMA_E = "Opvang van en hulpverlening aan slachtoffers en daders"

# bouwsteen -> (code, bron, the Kader's key words that its condition encodes)
SENTENCES: dict[str, tuple[str, str, str]] = {
    "beleid.beleid_ingebed": (
        "A1.1",
        "Kader 2021, Beleidsmatige basis, plateau 1, punt 1",
        "ingebed in de bestaande gemeentelijke structuren, waarbij een verbinding wordt gemaakt "
        "tussen zorg en veiligheid, met daarin specifieke aandacht voor jeugd",
    ),
    "beleid.vier_vormen": (
        "A1.2",
        "Kader 2021, Beleidsmatige basis, plateau 1, punt 2",
        "inzicht gegeven in het verschil tussen de vier soorten mensenhandel",
    ),
    "beleid.informatie_uitwisseling": (
        "A1.3",
        "Kader 2021, Beleidsmatige basis, plateau 1, punt 3",
        "op welke manier de verschillende ketenpartners met elkaar informatie kunnen uitwisselen",
    ),
    "signalering.aandachtsfunctionaris": (
        "B1.1",
        "Kader 2021, Signalerend vermogen van de gemeente, plateau 1, punt 1",
        "aandachtsfunctionaris aangesteld ...: deze functionaris is aanspreekpunt, verzamelt "
        "signalen en weet hoe deze aan de juiste partij moeten worden gekoppeld",
    ),
    "signalering.meldroute": (
        "B1.2",
        "Kader 2021, Signalerend vermogen van de gemeente, plateau 1, punt 2",
        "communiceert duidelijk over de interne meldroute en de ingestelde aandachtsfunctionaris",
    ),
    "signalering.training": (
        "B1.3",
        "Kader 2021, Signalerend vermogen van de gemeente, plateau 1, punt 3",
        "terugkerende trainingen ..., voor verschillende groepen medewerkers, en ook voor nieuwe "
        "medewerkers",
    ),
    "signalering.externe_meldstructuur": (
        "B2.1",
        "Kader 2021, Signalerend vermogen van de gemeente, plateau 2, punt 1",
        "Ook buiten de gemeentelijke organisatie ... is een meldstructuur ingericht",
    ),
    "signalering.tendensen": (
        "B2.2",
        "Kader 2021, Signalerend vermogen van de gemeente, plateau 2, punt 2",
        "verschuivingen binnen de eigen beschikbare informatie, evenals ... landelijke en "
        "regionale ontwikkelingen",
    ),
    "signalering.good_practices": (
        "B2.3",
        "Kader 2021, Signalerend vermogen van de gemeente, plateau 2, punt 3",
        "maakt de good practices zichtbaar ... en deelt deze met ketenpartners",
    ),
    "bewustwording.aandacht_op_alle_niveaus": (
        "C1.1",
        f"Kader 2021, {THEMA_C}, plateau 1, punt 1",
        "bestuurlijk, ambtelijk en uitvoerend niveau ... bestuurlijke partners ... ten minste "
        "twee keer per jaar ... professionals én burgers",
    ),
    "bewustwording.risicoanalyse": (
        "C1.2",
        f"Kader 2021, {THEMA_C}, plateau 1, punt 2",
        "omgevingsscan of risicoanalyse ... van de sectoren die kwetsbaar zijn ... mogelijke "
        "risicogroepen ... Daar waar mogelijk, wordt gebruik gemaakt van beschikbaar (lokaal) "
        "cijfermateriaal",
    ),
    "bewustwording.kennis_medewerkers": (
        "C1.3",
        f"Kader 2021, {THEMA_C}, plateau 1, punt 3",
        "jaarlijks terugkerende aandacht ... middels informatieavonden, brochures, webinars of "
        "andere vormen van communicatie",
    ),
    "bewustwording.beleidsplan": (
        "C1.4",
        f"Kader 2021, {THEMA_C}, plateau 1, punt 4 (los punt onder de lijst van plateau 1)",
        "beleidsplan opgesteld ...: te denken valt aan de organisatie van de opvang, "
        "duidelijkheid omtrent handhaving en preventie en voorlichting",
    ),
    "bewustwording.verdiepte_aandacht": (
        "C2.1",
        f"Kader 2021, {THEMA_C}, plateau 2, punt 1",
        "doorwerking op uiteenlopende beleidsterreinen ... meerdere keren per jaar besproken",
    ),
    "bewustwording.brede_omgevingsscan": (
        "C2.2",
        f"Kader 2021, {THEMA_C}, plateau 2, punt 2",
        "brede en veelomvattende omgevingsscan ... verdergaand inzicht in het cijfermateriaal",
    ),
    "samenwerking.ketenpartners": (
        "D1.1",
        "Kader 2021, Samenwerking in de keten en/of regio, plateau 1, punt 1",
        "duidelijk beeld welke partijen een rol spelen ... de samenwerking ... is geregeld",
    ),
    "samenwerking.bestaande_structuren": (
        "D1.2",
        "Kader 2021, Samenwerking in de keten en/of regio, plateau 1, punt 2",
        "ingebed in bestaande samenwerkingsstructuren",
    ),
    "samenwerking.regionale_aansluiting": (
        "D1.3",
        "Kader 2021, Samenwerking in de keten en/of regio, plateau 1, punt 3",
        "aangesloten op de aanpak binnen de regio (de bijdrage aan zorgcoördinatie volgt "
        "'daarmee')",
    ),
    "samenwerking.wegenkaart": (
        "D2.1",
        "Kader 2021, Samenwerking in de keten en/of regio, plateau 2, punt 1",
        "bekend met elkaars specifieke kennis en expertise ... inzichtelijk gemaakt",
    ),
    "samenwerking.ketenregisseur": (
        "D2.2",
        "Kader 2021, Samenwerking in de keten en/of regio, plateau 2, punt 2",
        "een ketenregisseur op regionaal niveau",
    ),
    "opvang.verantwoordelijkheid": (
        "E1.1",
        f"Kader 2021, {THEMA_E}, plateau 1, punt 1",
        "neemt haar organisatorische en financiële verantwoordelijkheid ... serieus",
    ),
    "opvang.zorgcoordinatie": (
        "E1.2",
        f"Kader 2021, {THEMA_E}, plateau 1, punt 2",
        "zorgcoördinatie ... geregeld met aandacht voor casemanagement en werkt aan ... netwerk "
        "en het geven van voorlichting en preventie",
    ),
    "opvang.kwaliteit": (
        "E1.3",
        f"Kader 2021, {THEMA_E}, plateau 1, punt 3",
        "De ingekochte opvang en hulpverlening voldoet aan kwaliteitscriteria",
    ),
}

N = None  # unknown

# (bouwsteen, changes to GOOD, expected truth of that bouwsteen)
CASES: list[tuple[str, dict[str, Any], Truth]] = [
    # ---------------------------------------------------------------- beleid
    ("beleid.beleid_ingebed", {}, WAAR),
    ("beleid.beleid_ingebed", {"beleid_ingebed_in_gemeentelijke_structuren": False}, ONWAAR),
    ("beleid.beleid_ingebed", {"beleid_verbindt_zorg_en_veiligheid": False}, ONWAAR),
    ("beleid.beleid_ingebed", {"beleid_specifieke_aandacht_jeugd": False}, ONWAAR),
    ("beleid.beleid_ingebed", {"beleid_ingebed_in_gemeentelijke_structuren": N}, ONBEKEND),
    ("beleid.beleid_ingebed", {"beleid_verbindt_zorg_en_veiligheid": N}, ONBEKEND),
    ("beleid.beleid_ingebed", {"beleid_specifieke_aandacht_jeugd": N}, ONBEKEND),
    (
        "beleid.beleid_ingebed",
        {"beleid_specifieke_aandacht_jeugd": N, "beleid_verbindt_zorg_en_veiligheid": False},
        ONWAAR,
    ),
    ("beleid.vier_vormen", {}, WAAR),
    ("beleid.vier_vormen", {"beleid_onderscheidt_vier_vormen": False}, ONWAAR),
    ("beleid.vier_vormen", {"beleid_onderscheidt_vier_vormen": N}, ONBEKEND),
    ("beleid.informatie_uitwisseling", {}, WAAR),
    (
        "beleid.informatie_uitwisseling",
        {"informatie_uitwisseling_ketenpartners_beschreven": False},
        ONWAAR,
    ),
    (
        "beleid.informatie_uitwisseling",
        {"informatie_uitwisseling_ketenpartners_beschreven": N},
        ONBEKEND,
    ),
    # ---------------------------------------------------------------- signalering
    ("signalering.aandachtsfunctionaris", {}, WAAR),
    ("signalering.aandachtsfunctionaris", {"aandachtsfunctionaris_aangesteld": False}, ONWAAR),
    ("signalering.aandachtsfunctionaris", {"aandachtsfunctionaris_vervult_taken": False}, ONWAAR),
    ("signalering.aandachtsfunctionaris", {"aandachtsfunctionaris_aangesteld": N}, ONBEKEND),
    ("signalering.aandachtsfunctionaris", {"aandachtsfunctionaris_vervult_taken": N}, ONBEKEND),
    ("signalering.meldroute", {}, WAAR),
    # "de ingestelde aandachtsfunctionaris": the functionaris is appointed (not all of B1.1)
    ("signalering.meldroute", {"aandachtsfunctionaris_aangesteld": False}, ONWAAR),
    ("signalering.meldroute", {"aandachtsfunctionaris_aangesteld": N}, ONBEKEND),
    ("signalering.meldroute", {"interne_meldroute_vastgelegd": False}, ONWAAR),
    ("signalering.meldroute", {"interne_meldroute_gecommuniceerd": False}, ONWAAR),
    ("signalering.meldroute", {"aandachtsfunctionaris_bekendgemaakt": False}, ONWAAR),
    ("signalering.meldroute", {"interne_meldroute_vastgelegd": N}, ONBEKEND),
    ("signalering.meldroute", {"interne_meldroute_gecommuniceerd": N}, ONBEKEND),
    ("signalering.meldroute", {"aandachtsfunctionaris_bekendgemaakt": N}, ONBEKEND),
    # training: a fixed cycle of at least every two years (>= om_de_twee_jaar), >= 2 groups
    ("signalering.training", {}, WAAR),
    (
        "signalering.training",
        {"training_frequentie": "om_de_twee_jaar", "training_aantal_medewerkersgroepen": 2},
        WAAR,
    ),
    ("signalering.training", {"training_frequentie": "elk_jaar"}, WAAR),
    # "minstens om de twee jaar": a longer cycle is not recurring enough
    ("signalering.training", {"training_frequentie": "om_de_drie_jaar_of_minder_vaak"}, ONWAAR),
    ("signalering.training", {"training_frequentie": "zonder_vast_schema"}, ONWAAR),
    ("signalering.training", {"training_frequentie": "eenmalig"}, ONWAAR),
    ("signalering.training", {"training_frequentie": "nooit"}, ONWAAR),
    ("signalering.training", {"training_aantal_medewerkersgroepen": 1}, ONWAAR),
    ("signalering.training", {"training_aantal_medewerkersgroepen": 0}, ONWAAR),
    ("signalering.training", {"training_nieuwe_medewerkers": False}, ONWAAR),
    ("signalering.training", {"training_frequentie": N}, ONBEKEND),
    ("signalering.training", {"training_aantal_medewerkersgroepen": N}, ONBEKEND),
    ("signalering.training", {"training_nieuwe_medewerkers": N}, ONBEKEND),
    (
        "signalering.training",
        {"training_frequentie": N, "training_aantal_medewerkersgroepen": 1},
        ONWAAR,
    ),
    ("signalering.externe_meldstructuur", {}, WAAR),
    ("signalering.externe_meldstructuur", {"externe_meldstructuur_ingericht": False}, ONWAAR),
    ("signalering.externe_meldstructuur", {"externe_meldstructuur_ingericht": N}, ONBEKEND),
    ("signalering.tendensen", {}, WAAR),
    ("signalering.tendensen", {"tendensen_eigen_informatie_gemonitord": False}, ONWAAR),
    ("signalering.tendensen", {"landelijke_regionale_ontwikkelingen_gevolgd": False}, ONWAAR),
    ("signalering.tendensen", {"tendensen_eigen_informatie_gemonitord": N}, ONBEKEND),
    ("signalering.tendensen", {"landelijke_regionale_ontwikkelingen_gevolgd": N}, ONBEKEND),
    ("signalering.good_practices", {}, WAAR),
    ("signalering.good_practices", {"good_practices_gedeeld_met_ketenpartners": False}, ONWAAR),
    ("signalering.good_practices", {"good_practices_gedeeld_met_ketenpartners": N}, ONBEKEND),
    # ---------------------------------------------------------------- bewustwording
    ("bewustwording.aandacht_op_alle_niveaus", {}, WAAR),
    (
        "bewustwording.aandacht_op_alle_niveaus",
        {"gezagsdriehoek_besprekingen_per_jaar": 2, "ambtelijk_besprekingen_per_jaar": 2},
        WAAR,
    ),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_bestuurlijk_niveau": False}, ONWAAR),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_ambtelijk_niveau": False}, ONWAAR),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_uitvoerend_niveau": False}, ONWAAR),
    (
        "bewustwording.aandacht_op_alle_niveaus",
        {"aandacht_met_bestuurlijke_partners": False},
        ONWAAR,
    ),
    ("bewustwording.aandacht_op_alle_niveaus", {"gezagsdriehoek_besprekingen_per_jaar": 1}, ONWAAR),
    ("bewustwording.aandacht_op_alle_niveaus", {"ambtelijk_besprekingen_per_jaar": 1}, ONWAAR),
    ("bewustwording.aandacht_op_alle_niveaus", {"ambtelijk_besprekingen_per_jaar": 0}, ONWAAR),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_doelgroep_professionals": False}, ONWAAR),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_doelgroep_burgers": False}, ONWAAR),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_bestuurlijk_niveau": N}, ONBEKEND),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_ambtelijk_niveau": N}, ONBEKEND),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_uitvoerend_niveau": N}, ONBEKEND),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_met_bestuurlijke_partners": N}, ONBEKEND),
    (
        "bewustwording.aandacht_op_alle_niveaus",
        {"gezagsdriehoek_besprekingen_per_jaar": N},
        ONBEKEND,
    ),
    ("bewustwording.aandacht_op_alle_niveaus", {"ambtelijk_besprekingen_per_jaar": N}, ONBEKEND),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_doelgroep_professionals": N}, ONBEKEND),
    ("bewustwording.aandacht_op_alle_niveaus", {"aandacht_doelgroep_burgers": N}, ONBEKEND),
    ("bewustwording.risicoanalyse", {}, WAAR),
    ("bewustwording.risicoanalyse", {"risicoanalyse_kwetsbare_sectoren": False}, ONWAAR),
    ("bewustwording.risicoanalyse", {"risicogroepen_in_beeld": False}, ONWAAR),
    ("bewustwording.risicoanalyse", {"risicoanalyse_kwetsbare_sectoren": N}, ONBEKEND),
    ("bewustwording.risicoanalyse", {"risicogroepen_in_beeld": N}, ONBEKEND),
    # "daar waar mogelijk": only figures that were available but not used fail
    ("bewustwording.risicoanalyse", {"lokaal_cijfermateriaal": "niet_beschikbaar"}, WAAR),
    (
        "bewustwording.risicoanalyse",
        {"lokaal_cijfermateriaal": "beschikbaar_niet_gebruikt"},
        ONWAAR,
    ),
    ("bewustwording.risicoanalyse", {"lokaal_cijfermateriaal": N}, ONBEKEND),
    (
        "bewustwording.risicoanalyse",
        {"lokaal_cijfermateriaal": N, "risicogroepen_in_beeld": False},
        ONWAAR,
    ),
    # kennis_medewerkers: communication at least every year, OR a training at least every year
    ("bewustwording.kennis_medewerkers", {}, WAAR),
    (
        "bewustwording.kennis_medewerkers",
        {"bewustwording_medewerkers_frequentie": "elk_jaar", "training_frequentie": "nooit"},
        WAAR,
    ),
    (
        "bewustwording.kennis_medewerkers",
        {"bewustwording_medewerkers_frequentie": "nooit", "training_frequentie": "elk_jaar"},
        WAAR,
    ),
    (
        "bewustwording.kennis_medewerkers",
        {"bewustwording_medewerkers_frequentie": N, "training_frequentie": "elk_jaar"},
        WAAR,
    ),
    (
        "bewustwording.kennis_medewerkers",
        {
            "bewustwording_medewerkers_frequentie": "af_en_toe",
            "training_frequentie": "om_de_twee_jaar",
        },
        ONWAAR,
    ),
    (
        "bewustwording.kennis_medewerkers",
        {"bewustwording_medewerkers_frequentie": "nooit", "training_frequentie": "nooit"},
        ONWAAR,
    ),
    (
        "bewustwording.kennis_medewerkers",
        {"bewustwording_medewerkers_frequentie": N, "training_frequentie": "om_de_twee_jaar"},
        ONBEKEND,
    ),
    (
        "bewustwording.kennis_medewerkers",
        {"bewustwording_medewerkers_frequentie": "af_en_toe", "training_frequentie": N},
        ONBEKEND,
    ),
    (
        "bewustwording.kennis_medewerkers",
        {"bewustwording_medewerkers_frequentie": N, "training_frequentie": N},
        ONBEKEND,
    ),
    ("bewustwording.beleidsplan", {}, WAAR),
    ("bewustwording.beleidsplan", {"beleidsplan_vastgesteld": False}, ONWAAR),
    ("bewustwording.beleidsplan", {"beleidsplan_bevat_opvang": False}, ONWAAR),
    ("bewustwording.beleidsplan", {"beleidsplan_bevat_handhaving": False}, ONWAAR),
    ("bewustwording.beleidsplan", {"beleidsplan_bevat_preventie_voorlichting": False}, ONWAAR),
    ("bewustwording.beleidsplan", {"beleidsplan_vastgesteld": N}, ONBEKEND),
    ("bewustwording.beleidsplan", {"beleidsplan_bevat_opvang": N}, ONBEKEND),
    ("bewustwording.beleidsplan", {"beleidsplan_bevat_handhaving": N}, ONBEKEND),
    ("bewustwording.beleidsplan", {"beleidsplan_bevat_preventie_voorlichting": N}, ONBEKEND),
    # verdiepte_aandacht: "meerdere keren per jaar" read as >= 3
    ("bewustwording.verdiepte_aandacht", {}, WAAR),
    (
        "bewustwording.verdiepte_aandacht",
        {"gezagsdriehoek_besprekingen_per_jaar": 3, "ambtelijk_besprekingen_per_jaar": 3},
        WAAR,
    ),
    (
        "bewustwording.verdiepte_aandacht",
        {"doorwerking_uiteenlopende_beleidsterreinen": False},
        ONWAAR,
    ),
    ("bewustwording.verdiepte_aandacht", {"gezagsdriehoek_besprekingen_per_jaar": 2}, ONWAAR),
    ("bewustwording.verdiepte_aandacht", {"ambtelijk_besprekingen_per_jaar": 2}, ONWAAR),
    (
        "bewustwording.verdiepte_aandacht",
        {"doorwerking_uiteenlopende_beleidsterreinen": N},
        ONBEKEND,
    ),
    ("bewustwording.verdiepte_aandacht", {"gezagsdriehoek_besprekingen_per_jaar": N}, ONBEKEND),
    ("bewustwording.verdiepte_aandacht", {"ambtelijk_besprekingen_per_jaar": N}, ONBEKEND),
    ("bewustwording.brede_omgevingsscan", {}, WAAR),
    ("bewustwording.brede_omgevingsscan", {"brede_omgevingsscan_uitgevoerd": False}, ONWAAR),
    ("bewustwording.brede_omgevingsscan", {"verdiept_cijfermatig_inzicht": False}, ONWAAR),
    ("bewustwording.brede_omgevingsscan", {"brede_omgevingsscan_uitgevoerd": N}, ONBEKEND),
    ("bewustwording.brede_omgevingsscan", {"verdiept_cijfermatig_inzicht": N}, ONBEKEND),
    # ---------------------------------------------------------------- samenwerking
    ("samenwerking.ketenpartners", {}, WAAR),
    ("samenwerking.ketenpartners", {"ketenpartners_in_beeld": False}, ONWAAR),
    ("samenwerking.ketenpartners", {"samenwerkingsafspraken_ketenpartners": False}, ONWAAR),
    ("samenwerking.ketenpartners", {"ketenpartners_in_beeld": N}, ONBEKEND),
    ("samenwerking.ketenpartners", {"samenwerkingsafspraken_ketenpartners": N}, ONBEKEND),
    ("samenwerking.bestaande_structuren", {}, WAAR),
    (
        "samenwerking.bestaande_structuren",
        {"mensenhandel_in_bestaande_overleggen": False},
        ONWAAR,
    ),
    ("samenwerking.bestaande_structuren", {"mensenhandel_in_bestaande_overleggen": N}, ONBEKEND),
    ("samenwerking.regionale_aansluiting", {}, WAAR),
    (
        "samenwerking.regionale_aansluiting",
        {"aanpak_aangesloten_op_regionale_aanpak": False},
        ONWAAR,
    ),
    ("samenwerking.regionale_aansluiting", {"aanpak_aangesloten_op_regionale_aanpak": N}, ONBEKEND),
    ("samenwerking.wegenkaart", {}, WAAR),
    ("samenwerking.wegenkaart", {"wegenkaart_ketenpartners": False}, ONWAAR),
    ("samenwerking.wegenkaart", {"wegenkaart_ketenpartners": N}, ONBEKEND),
    ("samenwerking.ketenregisseur", {}, WAAR),
    ("samenwerking.ketenregisseur", {"regionale_ketenregisseur": False}, ONWAAR),
    ("samenwerking.ketenregisseur", {"regionale_ketenregisseur": N}, ONBEKEND),
    # ---------------------------------------------------------------- opvang
    ("opvang.verantwoordelijkheid", {}, WAAR),
    (
        "opvang.verantwoordelijkheid",
        {"organisatorische_verantwoordelijkheid_opvang_belegd": False},
        ONWAAR,
    ),
    ("opvang.verantwoordelijkheid", {"financiering_opvang_geregeld": False}, ONWAAR),
    (
        "opvang.verantwoordelijkheid",
        {"organisatorische_verantwoordelijkheid_opvang_belegd": N},
        ONBEKEND,
    ),
    ("opvang.verantwoordelijkheid", {"financiering_opvang_geregeld": N}, ONBEKEND),
    ("opvang.zorgcoordinatie", {}, WAAR),
    ("opvang.zorgcoordinatie", {"zorgcoordinatie_geregeld": False}, ONWAAR),
    ("opvang.zorgcoordinatie", {"casemanagement_geregeld": False}, ONWAAR),
    ("opvang.zorgcoordinatie", {"netwerk_regionaal_landelijk": False}, ONWAAR),
    ("opvang.zorgcoordinatie", {"werkt_aan_voorlichting_en_preventie": False}, ONWAAR),
    ("opvang.zorgcoordinatie", {"zorgcoordinatie_geregeld": N}, ONBEKEND),
    ("opvang.zorgcoordinatie", {"casemanagement_geregeld": N}, ONBEKEND),
    ("opvang.zorgcoordinatie", {"netwerk_regionaal_landelijk": N}, ONBEKEND),
    ("opvang.zorgcoordinatie", {"werkt_aan_voorlichting_en_preventie": N}, ONBEKEND),
    ("opvang.kwaliteit", {}, WAAR),
    ("opvang.kwaliteit", {"opvang_kwaliteitscriteria": False}, ONWAAR),
    ("opvang.kwaliteit", {"opvang_kwaliteitscriteria": N}, ONBEKEND),
    # "voldoet aan kwaliteitscriteria": it is checked, by the gemeente or the centrumgemeente
    ("opvang.kwaliteit", {"opvang_kwaliteit_nagegaan": "via_de_centrumgemeente"}, WAAR),
    ("opvang.kwaliteit", {"opvang_kwaliteit_nagegaan": "nee"}, ONWAAR),
    ("opvang.kwaliteit", {"opvang_kwaliteit_nagegaan": N}, ONBEKEND),
]

# (bouwsteen, changes to the facts of a bouwsteen it requires, expected truth)
VEREIST_CASES: list[tuple[str, dict[str, Any], Truth]] = [
    ("signalering.externe_meldstructuur", {"interne_meldroute_gecommuniceerd": False}, ONWAAR),
    ("signalering.externe_meldstructuur", {"aandachtsfunctionaris_aangesteld": False}, ONWAAR),
    ("signalering.externe_meldstructuur", {"aandachtsfunctionaris_bekendgemaakt": N}, ONBEKEND),
    ("signalering.externe_meldstructuur", {"interne_meldroute_vastgelegd": N}, ONBEKEND),
    ("signalering.good_practices", {"aandachtsfunctionaris_bekendgemaakt": False}, ONWAAR),
    ("signalering.good_practices", {"aandachtsfunctionaris_aangesteld": N}, ONBEKEND),
    ("bewustwording.verdiepte_aandacht", {"aandacht_doelgroep_burgers": False}, ONWAAR),
    ("bewustwording.verdiepte_aandacht", {"aandacht_met_bestuurlijke_partners": N}, ONBEKEND),
    ("bewustwording.brede_omgevingsscan", {"risicogroepen_in_beeld": False}, ONWAAR),
    ("bewustwording.brede_omgevingsscan", {"risicoanalyse_kwetsbare_sectoren": N}, ONBEKEND),
    ("samenwerking.wegenkaart", {"samenwerkingsafspraken_ketenpartners": False}, ONWAAR),
    ("samenwerking.wegenkaart", {"ketenpartners_in_beeld": N}, ONBEKEND),
    # an unknown requirement does not save a bouwsteen whose own condition fails
    (
        "signalering.good_practices",
        {"aandachtsfunctionaris_aangesteld": N, "good_practices_gedeeld_met_ketenpartners": False},
        ONWAAR,
    ),
]


def _case_id(case: tuple[str, dict[str, Any], Truth]) -> str:
    bouwsteen, changes, truth = case
    change = ",".join(f"{name}={value}" for name, value in changes.items()) or "goed"
    return f"{SENTENCES[bouwsteen][0]} {bouwsteen}[{change}]->{truth}"


def _truth(kader: k.Kader, bouwsteen: str, changes: dict[str, Any]) -> Truth:
    facts = {**GOOD, **changes}
    return k.assess(kader, {n: v for n, v in facts.items() if v is not None}).truth(bouwsteen)


def test_good_facts_are_exactly_the_decisive_facts(kader: k.Kader) -> None:
    decisive = set().union(*(m.facts_of(b.full_condition) for b in kader.bouwstenen.values()))
    assert set(GOOD) == decisive


def test_good_facts_meet_every_bouwsteen_and_reach_the_top(kader: k.Kader) -> None:
    result = k.assess(kader, GOOD)
    assert all(Truth(t) is WAAR for t in result.truths)
    for thema in result.themas.values():
        assert (thema.plateau.low, thema.plateau.high) == (thema.top, thema.top)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_bouwsteen(kader: k.Kader, case: tuple[str, dict[str, Any], Truth]) -> None:
    bouwsteen, changes, expected = case
    assert _truth(kader, bouwsteen, changes) is expected


@pytest.mark.parametrize("case", VEREIST_CASES, ids=_case_id)
def test_vereist(kader: k.Kader, case: tuple[str, dict[str, Any], Truth]) -> None:
    bouwsteen, changes, expected = case
    assert _truth(kader, bouwsteen, changes) is expected


def test_cases_change_only_facts_of_their_bouwsteen(kader: k.Kader) -> None:
    for bouwsteen, changes, _ in CASES:
        own = m.facts_of(kader.bouwstenen[bouwsteen].condition or m.And(()))
        assert set(changes) <= own, (bouwsteen, set(changes) - own)
    for bouwsteen, changes, _ in VEREIST_CASES:
        reachable = {
            d.removeprefix("feit:") for d in dependencies(kader, bouwsteen) if d.startswith("feit:")
        }
        assert kader.bouwstenen[bouwsteen].requires, bouwsteen
        assert set(changes) <= reachable, (bouwsteen, set(changes) - reachable)


def test_every_bouwsteen_is_tested_true_false_and_unknown(kader: k.Kader) -> None:
    seen = {(b, t) for b, _, t in CASES}
    missing = [
        (b, str(t))
        for b in kader.bouwstenen
        for t in (WAAR, ONWAAR, ONBEKEND)
        if (b, t) not in seen
    ]
    assert missing == []
    assert len(kader.bouwstenen) == 23


def test_every_fact_of_a_bouwsteen_is_tested_false_and_unknown(kader: k.Kader) -> None:
    """Each fact a bouwsteen reads is changed in some onwaar case and some onbekend case."""
    missing = []
    for qid, bouwsteen in kader.bouwstenen.items():
        for fact in sorted(m.facts_of(bouwsteen.condition or m.And(()))):
            for truth in (ONWAAR, ONBEKEND):
                if not any(b == qid and fact in c and t is truth for b, c, t in CASES):
                    missing.append((qid, fact, str(truth)))
    assert missing == []


def test_every_vereist_is_tested(kader: k.Kader) -> None:
    with_requires = {q for q, b in kader.bouwstenen.items() if b.requires}
    tested = {(b, t) for b, _, t in VEREIST_CASES}
    assert {(q, t) for q in with_requires for t in (ONWAAR, ONBEKEND)} <= tested


def test_every_case_names_the_kader_sentence_of_its_bouwsteen(kader: k.Kader) -> None:
    assert set(SENTENCES) == set(kader.bouwstenen)
    for qid, (code, bron, words) in SENTENCES.items():
        bouwsteen = kader.bouwstenen[qid]
        assert bouwsteen.bron == bron, qid
        thema = "ABCDE"[list(kader.themas).index(bouwsteen.thema)]
        assert code.startswith(f"{thema}{bouwsteen.plateau}."), qid
        assert words, qid


def test_meldroute_needs_the_appointed_functionaris_not_all_of_b11(kader: k.Kader) -> None:
    """B1.2 "de ingestelde aandachtsfunctionaris": a functionaris who does not yet fill the
    role (B1.1 onwaar) still lets the communication about the meldroute count."""
    result = k.assess(kader, {**GOOD, "aandachtsfunctionaris_vervult_taken": False})
    assert result.truth("signalering.aandachtsfunctionaris") is ONWAAR
    assert result.truth("signalering.meldroute") is WAAR


def test_a_regional_tightening_of_yearly_attention_reaches_the_training_branch(
    kader: k.Kader,
) -> None:
    """C1.3: both branches use a parameter, so a region that asks for attention more than
    once a year asks it of the training branch too."""
    regio = k.parse_kader(
        "uitbreiding vaker op vng_mensenhandel_2021 {\n"
        "    parameter min_bewustwording_frequentie = vaker_dan_eens_per_jaar\n"
        "    parameter min_training_frequentie_bewustwording = vaker_dan_eens_per_jaar\n"
        "}\n"
    )
    facts = {
        **GOOD,
        "bewustwording_medewerkers_frequentie": "elk_jaar",
        "training_frequentie": "elk_jaar",
    }
    assert k.assess(kader, facts).truth("bewustwording.kennis_medewerkers") is WAAR
    assert k.assess(regio, facts).truth("bewustwording.kennis_medewerkers") is ONWAAR
    more = {**facts, "training_frequentie": "vaker_dan_eens_per_jaar"}
    assert k.assess(regio, more).truth("bewustwording.kennis_medewerkers") is WAAR
