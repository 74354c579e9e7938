"""The checked bundled kaders are kept between processes (kadermodel.language.cache): built
once, loaded after, equal to a fresh build, rebuilt when damaged or when the code changes, and
a command that finds its kader kept imports no lark."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from kadermodel import model as m
from kadermodel.language import bundled, cache

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(bundled, "_CACHE", {})
    return tmp_path / "kadermodel"


def kept_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("kader-*.pickle"))


def fields(kader: m.Kader) -> dict[str, object]:
    return {field.name: getattr(kader, field.name) for field in attrs.fields(m.Kader)}


def test_a_bundled_kader_is_kept_once_and_loaded_after(cache_home: Path) -> None:
    built = bundled.bundled_kader()
    (kept,) = kept_files(cache_home)
    stamp = kept.stat().st_mtime_ns
    bundled._CACHE.clear()
    loaded = bundled.bundled_kader()
    assert loaded is not built
    assert kept.stat().st_mtime_ns == stamp  # read, not written again
    fresh = bundled._build(bundled.BUNDLED_KADER, bundled.bundled_text(bundled.BUNDLED_KADER))
    assert fields(loaded) == fields(fresh)
    assert list(loaded.bouwstenen) == list(fresh.bouwstenen)


def test_a_damaged_file_is_rebuilt(cache_home: Path) -> None:
    bundled.bundled_kader()
    (kept,) = kept_files(cache_home)
    kept.write_bytes(b"not a kader")
    bundled._CACHE.clear()
    assert bundled.bundled_kader().id == bundled.BUNDLED_KADER
    assert kept.read_bytes() != b"not a kader"


def test_an_unwritable_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(bundled, "_CACHE", {})
    assert bundled.bundled_kader().id == bundled.BUNDLED_KADER
    assert list(tmp_path.iterdir()) == [blocked]


def test_the_key_changes_with_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "kadermodel"
    package.mkdir()
    module = package / "model.py"
    module.write_text("x = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    monkeypatch.setattr(cache, "_CHECKOUT_GRAMMAR", tmp_path / "grammar")
    fingerprint = cache.code_fingerprint.__wrapped__
    before = fingerprint()
    assert fingerprint() == before
    module.write_text("x = 22\n")
    assert fingerprint() != before
    (package / "new.py").write_text("")
    assert fingerprint() != before


def test_assess_with_the_kader_kept_imports_no_lark(tmp_path: Path) -> None:
    """Nor networkx, nor kadertaal's syntax classes and printer (a tenth of the start-up)."""
    code = (
        "import sys\n"
        "from kadermodel.cli import main\n"
        f"main(['assess', {str(REPO / 'examples' / 'voorbeeldstad.yaml')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('lark', 'networkx')\n"
        "    or m in ('kadermodel.language.ast', 'kadermodel.language.unparse')))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, check=True, capture_output=True, text=True, env=env)
    second = subprocess.run(run, check=True, capture_output=True, text=True, env=env)
    assert "'lark'" in first.stdout.splitlines()[-1]  # built: parsed with lark
    assert second.stdout.splitlines()[-1] == "[]"
    assert first.stdout.splitlines()[:-1] == second.stdout.splitlines()[:-1]
