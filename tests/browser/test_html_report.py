"""The HTML report as a person sees it, in a real (headless) Chromium: one page per example.

What is checked is what a reader meets: the matrix cells with their words, the picture of the
graph, the print layout (A4, no buttons), a keyboard path, and that the page asks no network for
anything and logs no errors. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.logic import Truth
from kadermodel.report.html import report_html

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden" / "html"
EXAMPLE_NAMES = ("starterdorp", "basisstad", "koploperstad", "voorbeeldstad")
WORDS = {Truth.TRUE: "voldaan", Truth.FALSE: "nog te doen", Truth.UNKNOWN: "onbekend"}


def _assessment(name: str) -> k.Assessment:
    kader = k.bundled_kader()
    return k.assess(kader, k.load_facts(EXAMPLES / f"{name}.yaml", kader))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_report_html_golden(name: str) -> None:
    produced = report_html(_assessment(name), source=f"examples/{name}.yaml")
    check_golden(GOLDEN / f"{name}.html", produced)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_reader_sees_the_matrix_graph_and_print_layout(
    name: str, tmp_path: Path, open_html: Any
) -> None:
    result = _assessment(name)
    kader = result.kader
    path = tmp_path / f"{name}.html"
    path.write_text(report_html(result, source=f"examples/{name}.yaml"), encoding="utf-8")
    visit = open_html(path)
    page = visit.page

    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.title() == f"Stand van zaken: {result.facts.gemeente}"
    # The matrix: one row per thema, one cell per bouwsteen, its state in words.
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() == len(kader.themas)
    for index, thema in enumerate(kader.themas.values()):
        assert rows.nth(index).locator("th").inner_text().startswith(thema.title)
    cells = page.locator("table.matrix li[data-bouwsteen]")
    assert cells.count() == len(kader.bouwstenen)
    for index in range(cells.count()):
        cell = cells.nth(index)
        qid = cell.get_attribute("data-bouwsteen")
        assert qid is not None
        label = cell.locator(".status").inner_text()
        assert label == WORDS[result.truth(qid)], qid
        assert cell.is_visible()
    # Plateau 2 shown as progress ("2 van de 3 aanvullende bouwstenen gerealiseerd, 1 nog
    # onbekend"); a thema with only plateau 1 says the Kader names no further bouwstenen.
    for thema_id, thema in kader.themas.items():
        row = rows.nth(list(kader.themas).index(thema_id))
        if len(thema.plateaus) < 2:
            assert row.locator("td.geen").inner_text() == (
                "Voor dit thema noemt het Kader geen aanvullende bouwstenen"
            )
            continue
        truths = [result.truth(q) for q in thema.plateaus[1].bouwstenen]
        done, unknown = truths.count(Truth.TRUE), truths.count(Truth.UNKNOWN)
        text = row.locator('td[data-plateau="2"] .progress').inner_text()
        if done == len(truths):
            expected = "(Beide|Alle \\d+) aanvullende bouwstenen gerealiseerd"
        else:
            expected = rf"{done} van de {len(truths)} aanvullende bouwstenen gerealiseerd"
            expected += f", {unknown} nog onbekend" if unknown else ""
        assert re.fullmatch(expected, text), text
    # The picture of the graph: drawn, one box per bouwsteen, an arrow per `vereist`.
    svg = page.locator("figure svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert page.locator("svg g.knoop").count() == len(kader.bouwstenen)
    arrows = sum(len(b.depends_on) for b in kader.bouwstenen.values())
    assert page.locator("svg path[data-van]").count() == arrows
    # The disclaimer and the sections a reader looks for.
    assert "geen resultaatsverplichting" in page.locator("main .disclaimer").inner_text()
    for heading in ("Samenvatting", "Plateaumatrix", "Open vragen", "Verantwoording"):
        assert page.get_by_role("heading", name=heading).count() == 1
    visit.screenshot(f"report-{name}", full_page=True)

    # Keyboard: the first Tab lands on something a reader can act on.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName")
    assert focused in {"A", "BUTTON", "SUMMARY"}

    # Print: A4 rules apply, the screen-only button disappears, the matrix stays.
    page.emulate_media(media="print")
    assert not page.locator("#alles-openen").is_visible()
    assert page.locator("table.matrix").is_visible()
    visit.screenshot(f"report-{name}-print")
    page.emulate_media(media="screen")

    assert visit.requests == [path.resolve().as_uri()], "the page asked for more than itself"
    assert visit.errors == []


def test_the_button_opens_every_explanation(tmp_path: Path, open_html: Any) -> None:
    path = tmp_path / "basisstad.html"
    path.write_text(report_html(_assessment("basisstad")), encoding="utf-8")
    visit = open_html(path)
    page = visit.page
    button = page.locator("#alles-openen")
    assert button.is_visible()
    closed = page.locator("details.bouwsteen:not([open])")
    assert closed.count() > 0
    button.click()
    assert page.locator("details.bouwsteen:not([open])").count() == 0
    assert button.inner_text() == "Alle uitleg sluiten"
    assert visit.errors == []


def test_overview_and_comparison_pages_open_cleanly(
    tmp_path: Path, open_html: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kadermodel.cli.app import main

    monkeypatch.chdir(REPO)
    folder = tmp_path / "rapporten"
    assert main(["assess", "examples", "--format", "html", "-o", str(folder)]) == 0
    visit = open_html(folder / "index.html")
    page = visit.page
    rows = page.locator("table.overzicht tbody tr")
    assert rows.count() == len(EXAMPLE_NAMES)
    assert page.locator("table.overzicht td[data-thema]").count() == 5 * len(EXAMPLE_NAMES)
    visit.screenshot("overzicht")
    page.get_by_role("link", name="Voorbeeldstad").click()
    page.wait_for_load_state("load")
    assert page.title() == "Stand van zaken: Voorbeeldstad"
    assert all(url.startswith("file://") for url in visit.requests)
    assert visit.errors == []

    target = tmp_path / "vergelijking.html"
    argv = ["vergelijk", "examples/starterdorp.yaml", "examples/basisstad.yaml"]
    assert main([*argv, "--format", "html", "-o", str(target)]) == 0
    visit = open_html(target)
    assert visit.page.locator("h3[data-thema]").count() >= 1
    visit.screenshot("vergelijking", full_page=True)
    assert visit.requests == [target.resolve().as_uri()]
    assert visit.errors == []


@pytest.mark.slow
def test_the_overview_of_342_municipalities_from_a_table_opens(
    tmp_path: Path, open_html: Any
) -> None:
    from kadermodel.cli.app import main
    from report.municipalities import write_municipalities

    table, _ = write_municipalities(k.bundled_kader(), tmp_path, 342)
    folder = tmp_path / "rapporten"
    assert main(["assess", str(table), "--format", "html", "-o", str(folder)]) == 0
    assert len(list(folder.glob("*.html"))) == 343
    visit = open_html(folder / "index.html")
    rows = visit.page.locator("table.overzicht tbody tr")
    assert rows.count() == 342
    assert rows.nth(341).locator("th a").inner_text() == "Gemeente 342"
    visit.screenshot("overzicht-342")
    assert visit.requests == [(folder / "index.html").resolve().as_uri()]
    assert visit.errors == []


def test_regional_facts_and_afwijkingen_are_shown_in_words(tmp_path: Path, open_html: Any) -> None:
    kader = k.bundled_kader()
    result = k.assess(kader, k.load_facts(EXAMPLES / "regio" / "regiodorp.yaml", kader))
    assert result.afwijkingen and result.expired_afwijkingen
    path = tmp_path / "regiodorp.html"
    path.write_text(report_html(result, source="regiodorp.yaml"), encoding="utf-8")
    visit = open_html(path)
    page = visit.page
    cells = page.locator("table.matrix li[data-bouwsteen]")
    assert cells.count() == len(kader.bouwstenen)
    seen = set()
    for index in range(cells.count()):
        cell = cells.nth(index)
        qid = cell.get_attribute("data-bouwsteen")
        assert qid is not None
        label = cell.locator(".status").inner_text()
        expected = (
            "voldaan via afwijking" if qid in result.afwijkingen else WORDS[result.truth(qid)]
        )
        assert label == expected, qid
        seen.add(label)
    assert "voldaan via afwijking" in seen
    for heading in ("Afwijkingen", "Overgenomen van de regio"):
        assert page.get_by_role("heading", name=heading).count() == 1
    section = page.locator("section[aria-labelledby=afwijkingen]").inner_text()
    assert "College van B en W, besluit 2026/112" in section
    assert "Waarschuwing:" in section and "verlopen" in section
    assert (
        "Regionale risicoanalyse mensenhandel Noordrand 2025"
        in page.locator("section[aria-labelledby=regio]").inner_text()
    )
    visit.screenshot("report-regiodorp", full_page=True)
    assert visit.requests == [path.resolve().as_uri()], "the page asked for more than itself"
    assert visit.errors == []
