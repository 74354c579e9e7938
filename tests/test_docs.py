"""The documentation runs: doctests in the package and the Python examples in the docs."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import kadermodel

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(kadermodel.__path__, "kadermodel.")
    if not info.name.startswith("kadermodel.testing.plugin")
)


@pytest.mark.parametrize("name", ["kadermodel", *MODULES])
def test_doctests_pass(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("document", ["README.md", "docs/language.md"])
def test_python_examples_in_docs_run(
    document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = python_blocks(ROOT / document)
    assert blocks, f"{document} has no Python example"
    monkeypatch.chdir(ROOT)
    if document == "docs/language.md":
        kader_text = "\n".join(
            re.findall(
                r"```\n(kader .*?|feit .*?|parameter .*?|thema .*?)```",
                (ROOT / document).read_text(),
                re.S,
            )
        )
        (tmp_path / "voorbeeld.kader").write_text(kader_text, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, document, "exec"), {})
