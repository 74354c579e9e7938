"""One headless Chromium for the tests that look at the HTML reports.

Playwright's Python package drives Debian's ``chromium`` (``/usr/bin/chromium``, or
``KADERMODEL_CHROMIUM``); playwright never downloads a browser here. A missing browser or a
missing playwright FAILS the tests (``make test`` installs Debian's package first when it
can). Screenshots are kept under ``tests/artifacts/`` (ignored by git) for a person to look at.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from chromium import CHROMIUM, FLAGS

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    """A persistent Chromium context with a fresh user-data-dir, for one test module.

    Module scope, not session scope: playwright's sync API runs an event loop while it is
    open, so another suite that starts playwright (tests/serve) must find it closed again.
    All the report pages are checked in one module, so this is one browser for all of them.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        pytest.fail("playwright ontbreekt: installeer kadermodel[dev] (pip install -e '.[dev]')")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium ontbreekt ({CHROMIUM}): installeer het Debian-pakket 'chromium' "
            "(apt-get install chromium); `make test` doet dat zelf als root"
        )
    with (
        tempfile.TemporaryDirectory(prefix="kadermodel-chromium-") as profile,
        sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
            locale="nl-NL",
        )
        try:
            yield context
        finally:
            context.close()


@attrs.define
class Visit:
    """A page opened from a file, with what it asked the network for and said on the console."""

    page: Any
    requests: list[str] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)

    def screenshot(self, name: str, **options: Any) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), **options)
        return path


@pytest.fixture
def open_html(browser_context: Any) -> Iterator[Any]:
    """``open_html(path)`` opens a local HTML file in a new tab and records its traffic."""
    pages: list[Any] = []

    def open_(path: Path) -> Visit:
        page = browser_context.new_page()
        pages.append(page)
        visit = Visit(page)
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on(
            "console",
            lambda message: visit.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: visit.errors.append(str(error)))
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        return visit

    yield open_
    for page in pages:
        page.close()
