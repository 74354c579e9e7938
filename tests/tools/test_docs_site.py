"""``kadermodel docs``: the Markdown site of the bundled kader, built and link-checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tools_support import REPO, check_golden

import kadermodel as k
from kadermodel.cli import main

_LINK = re.compile(r"\]\(([^)]+)\)")
_ANCHOR = re.compile(r'<a id="([^"]+)"></a>')


def _build(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[Path]:
    assert main(["docs", "-o", str(folder), *extra]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.endswith(f"begin bij {folder / 'index.md'}\n")
    return sorted(folder.rglob("*.md"))


def _broken_links(folder: Path, pages: list[Path]) -> list[str]:
    broken = []
    for page in pages:
        for target in _LINK.findall(page.read_text(encoding="utf-8")):
            assert "://" not in target, target  # the site links only to itself
            file, _, anchor = target.partition("#")
            path = (page.parent / file).resolve() if file else page
            if not path.is_file():
                broken.append(f"{page.relative_to(folder)} -> {target}")
            elif anchor and anchor not in _ANCHOR.findall(path.read_text(encoding="utf-8")):
                broken.append(f"{page.relative_to(folder)} -> {target} (no such anchor)")
    return broken


def test_bundled_kader_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bundled: k.Kader
) -> None:
    pages = _build(tmp_path, capsys)
    names = {p.relative_to(tmp_path).as_posix() for p in pages}
    assert {f"bouwstenen/{qid}.md" for qid in bundled.bouwstenen} <= names
    assert {f"themas/{thema}.md" for thema in bundled.themas} <= names
    assert "controles.md" in names
    assert len(names) == 4 + len(bundled.themas) + len(bundled.bouwstenen)
    assert _broken_links(tmp_path, pages) == []
    # every page is reachable from the index
    reachable = {tmp_path / "index.md"}
    todo = [tmp_path / "index.md"]
    while todo:
        page = todo.pop()
        for target in _LINK.findall(page.read_text(encoding="utf-8")):
            path = (page.parent / target.partition("#")[0]).resolve()
            if path not in reachable:
                reachable.add(path)
                todo.append(path)
    assert {p.resolve() for p in pages} == {p.resolve() for p in reachable}
    check_golden(
        "docs_signalering.meldroute.md",
        (tmp_path / "bouwstenen" / "signalering.meldroute.md").read_text(encoding="utf-8"),
    )
    check_golden(
        "docs_thema_signalering.md",
        (tmp_path / "themas" / "signalering.md").read_text(encoding="utf-8"),
    )


def test_site_with_extensions_shows_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = REPO / "examples"
    pages = _build(
        tmp_path,
        capsys,
        "--uitbreiding",
        str(examples / "regio_voorbeeld.kader"),
        "--uitbreiding",
        str(examples / "gemeente_voorbeeld.kader"),
    )
    assert _broken_links(tmp_path, pages) == []
    page = (tmp_path / "bouwstenen" / "signalering.aandachtsfunctionaris.md").read_text("utf-8")
    assert "## Herkomst" in page
    assert "- verscherpt door regio_voorbeeld, regio_voorbeeld.kader regel" in page
    wijkteams = (tmp_path / "bouwstenen" / "samenwerking.wijkteams.md").read_text("utf-8")
    assert "[samenwerking.casustafel](../bouwstenen/samenwerking.casustafel.md)" in wijkteams
    casustafel = (tmp_path / "bouwstenen" / "samenwerking.casustafel.md").read_text("utf-8")
    assert "## Nodig voor" in casustafel and "samenwerking.wijkteams" in casustafel


def test_docs_leaves_no_temporary_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _build(tmp_path, capsys)
    _build(tmp_path, capsys)  # overwriting works too
    assert [p for p in tmp_path.rglob("*") if p.name.startswith(".")] == []
