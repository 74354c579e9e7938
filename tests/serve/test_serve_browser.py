"""The web questionnaire in headless Chromium (playwright driving Debian's chromium).

A person's whole session for two example municipalities: every question answered as the
example file says (``weet niet`` where it says ``onbekend``), then the final ranges on the
page are compared with ``kadermodel assess``, on the facts file the page lets one download
and on the example itself. Screenshots go to ``artifacts/serve/`` (kept, not committed).
No browser is downloaded: a missing ``/usr/bin/chromium`` fails these tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from serve_support import (  # noqa: F401  (live_server_fixture: a fixture)
    REPO,
    cli,
    live_server_fixture,
)

from chromium import CHROMIUM, FLAGS
from kadermodel import bundled_kader, load_facts
from kadermodel.serve.questions import value_label

pytestmark = pytest.mark.slow

ARTIFACTS = REPO / "artifacts" / "serve"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make browser`"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def _page(browser: Browser, base: str, width: int = 1100, height: int = 900) -> Page:
    context = browser.new_context(
        base_url=base, viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _wait_for_step(page: Page, answered: int) -> None:
    """Wait until the page shows question ``answered + 1`` or the result."""
    page.wait_for_function(
        """(n) => !document.getElementById('klaar').hidden ||
                 (!document.getElementById('vraag').hidden &&
                  document.getElementById('teller').textContent.startsWith('Vraag ' + n + ' '))""",
        arg=answered + 1,
    )


def _answer(page: Page, kind: str, value: object, keyboard: bool) -> None:
    if value is None:
        page.get_by_role("button", name="weet niet", exact=True).click()
    elif kind == "ja_nee":
        if keyboard:
            page.keyboard.press("j" if value else "n")
        else:
            page.get_by_role("button", name="ja" if value else "nee", exact=True).click()
    elif kind == "keuze":
        button = page.get_by_role("button", name=value_label(str(value)), exact=True)
        if keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()
    elif kind == "verzameling":
        assert isinstance(value, frozenset)
        for item in sorted(value):
            page.get_by_label(value_label(item), exact=True).check()
        page.get_by_role("button", name="Volgende").click()
    else:
        text = value.isoformat() if kind == "datum" else str(value)  # type: ignore[attr-defined]
        page.fill("#invoer", text)
        page.press("#invoer", "Enter")


def _fill_in(page: Page, example: Path, keyboard: bool) -> list[str]:
    facts = load_facts(example, bundled_kader())
    page.goto("/")
    page.fill("#gemeente", facts.gemeente or "")
    page.fill("#peildatum", facts.peildatum.isoformat() if facts.peildatum else "")
    page.get_by_role("button", name="Begin met de vragen").click()
    _wait_for_step(page, 0)
    asked: list[str] = []
    while page.locator("#klaar").is_hidden():
        fact = page.locator("#vraag").get_attribute("data-fact")
        kind = page.locator("#vraag").get_attribute("data-kind")
        assert fact and kind
        assert fact not in asked, f"{fact} asked twice"
        if not asked:
            page.get_by_text("Waarom vragen we dit?").click()
            page.screenshot(path=ARTIFACTS / f"{example.stem}-eerste-vraag.png")
        asked.append(fact)
        _answer(page, kind, facts.values[fact], keyboard)
        _wait_for_step(page, len(asked))
        assert len(asked) <= len(facts.values)
    return asked


def _ranges_on_page(page: Page) -> dict[str, tuple[int, int]]:
    items = page.locator("#themas li")
    return {
        items.nth(i).get_attribute("data-thema") or "": (
            int(items.nth(i).get_attribute("data-low") or -1),
            int(items.nth(i).get_attribute("data-high") or -1),
        )
        for i in range(items.count())
    }


def _ranges_from_cli(path: Path) -> dict[str, tuple[int, int]]:
    code, out, err = cli("assess", str(path), "--format", "json")
    assert code == 0, err
    return {t["id"]: (t["plateau"]["low"], t["plateau"]["high"]) for t in json.loads(out)["themas"]}


def _progress_from_cli(path: Path) -> dict[str, str]:
    code, out, err = cli("assess", str(path), "--format", "json")
    assert code == 0, err
    return {t["id"]: t["progress_text"] for t in json.loads(out)["themas"]}


@pytest.mark.parametrize(("stem", "keyboard"), [("voorbeeldstad", False), ("starterdorp", True)])
def test_whole_questionnaire_matches_kadermodel_assess(
    browser: Browser, live_server: str, tmp_path: Path, stem: str, keyboard: bool
) -> None:
    example = REPO / "examples" / f"{stem}.yaml"
    page = _page(browser, live_server)
    asked = _fill_in(page, example, keyboard)
    assert asked
    shown = _ranges_on_page(page)
    items = page.locator("#themas li")
    progress = {
        items.nth(i).get_attribute("data-thema") or "": items.nth(i)
        .locator(".thema-voortgang")
        .inner_text()
        for i in range(items.count())
    }
    frame = page.frame_locator("#rapport")
    assert (load_facts(example, bundled_kader()).gemeente or "") in frame.locator("h1").inner_text()
    page.screenshot(path=ARTIFACTS / f"{stem}-uitkomst.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Feitenbestand opslaan (YAML)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"{stem}.yaml"
    assert shown == _ranges_from_cli(saved)
    assert shown == _ranges_from_cli(example)
    # the progress per plateau on the page is the report's for the same answers
    assert progress == _progress_from_cli(saved)
    written = load_facts(saved, bundled_kader())
    assert set(written.known) <= set(asked)
    assert page.errors == []  # type: ignore[attr-defined]


def test_back_reload_and_resume_from_a_file(
    browser: Browser, live_server: str, tmp_path: Path
) -> None:
    page = _page(browser, live_server)
    page.goto("/")
    page.fill("#gemeente", "Proefdorp")
    page.get_by_role("button", name="Begin met de vragen").click()
    _wait_for_step(page, 0)
    first = page.locator("#vraag-tekst").inner_text()
    page.get_by_role("button", name="weet niet", exact=True).click()
    _wait_for_step(page, 1)
    second = page.locator("#vraag-tekst").inner_text()
    assert second != first
    page.get_by_role("button", name="Terug").click()
    _wait_for_step(page, 0)
    assert page.locator("#vraag-tekst").inner_text() == first
    earlier = page.get_by_role("button", name="weet niet", exact=True)
    assert earlier.get_attribute("aria-pressed") == "true"
    earlier.click()
    _wait_for_step(page, 1)
    page.reload()
    _wait_for_step(page, 1)
    assert page.locator("#vraag-tekst").inner_text() == second  # localStorage kept it

    page.get_by_role("button", name="Stoppen en uitkomst bekijken").click()
    page.wait_for_selector("#klaar:not([hidden])")
    with page.expect_download() as download:
        page.get_by_role("button", name="Feitenbestand opslaan (YAML)").click()
    saved = tmp_path / "proefdorp.yaml"
    download.value.save_as(saved)
    assert ": weet niet" in saved.read_text(encoding="utf-8")

    fresh = _page(browser, live_server)  # a new browser profile: nothing in localStorage
    fresh.goto("/")
    fresh.wait_for_selector("#start:not([hidden])")
    fresh.set_input_files("#upload", saved)
    _wait_for_step(fresh, 1)
    assert fresh.locator("#vraag-tekst").inner_text() == second
    assert fresh.locator("#teller").inner_text().startswith("Vraag 2 ")


def test_readable_on_a_phone(browser: Browser, live_server: str) -> None:
    page = _page(browser, live_server, width=390, height=844)
    page.goto("/")
    page.fill("#gemeente", "Proefdorp")
    page.get_by_role("button", name="Begin met de vragen").click()
    _wait_for_step(page, 0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    for button in page.locator("#antwoorden button").all():
        box = button.bounding_box()
        assert box and box["height"] >= 40  # large enough to tap
    page.screenshot(path=ARTIFACTS / "telefoon-vraag.png", full_page=True)


def test_bad_upload_shows_the_dutch_diagnostic(
    browser: Browser, live_server: str, tmp_path: Path
) -> None:
    page = _page(browser, live_server)
    page.goto("/")
    page.wait_for_selector("#start:not([hidden])")
    bad = tmp_path / "kapot.yaml"
    bad.write_text("feiten:\n  training_frequentie: vaak\n", encoding="utf-8")
    page.set_input_files("#upload", bad)
    page.wait_for_selector("#fout:not([hidden])")
    text = page.locator("#fout").inner_text()
    assert "F202" in text and "'vaak' is geen geldige waarde" in text
    page.screenshot(path=ARTIFACTS / "fout-bij-inlezen.png")
