"""The error catalogue stays in step with the source, and every example shows its own code.

* every code raised anywhere in ``src/kadermodel`` (a string literal such as ``"K202"``) has
  an entry in ``src/kadermodel/language/catalogue.yaml``;
* every entry names a code that is still raised somewhere;
* every example, written to an empty folder and run with its command, reports exactly the
  entry's code (errors and warnings alike) and nothing else.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from tools_support import check_golden

import kadermodel
from kadermodel.cli import main
from kadermodel.language.catalogue import CODE, Entry, entries
from kadermodel.testing.casefiles import load_case_file

SRC = Path(__file__).resolve().parents[2] / "src" / "kadermodel"
CATALOGUE = SRC / "language" / "catalogue.yaml"
_LITERAL = re.compile(r"""["']([A-Z][0-9]{3})["']""")
_REPORTED = re.compile(r"(?:^|: )(?:fout|waarschuwing) ([A-Z][0-9]{3}):", re.M)

# Examples that cannot run as they stand, with the test that shows the code instead.
NOT_RUNNABLE = {
    "E144": "tests/extend/test_deep_chains.py",
    **dict.fromkeys(
        ("S404", "S405", "S413", "S415", "S422", "S503"), "tests/serve/test_serve_api.py"
    ),
}


def raised_codes() -> dict[str, str]:
    """Every code written as a string literal in the source -> the first place it occurs."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for code in _LITERAL.findall(line):
                found.setdefault(code, f"{path.relative_to(SRC.parent.parent)}:{number}")
    return found


def test_every_raised_code_has_an_entry() -> None:
    missing = {code: where for code, where in raised_codes().items() if code not in entries()}
    assert not missing, "\n".join(
        f"code {code} (raised at {where}) has no entry in {CATALOGUE.name}: add titel, "
        "betekenis, bestanden (a wrong example), herstel"
        for code, where in sorted(missing.items())
    )


def test_every_entry_is_a_raised_code() -> None:
    raised = raised_codes()
    stale = [code for code in entries() if code not in raised]
    assert not stale, (
        f"{CATALOGUE.name} has entries for codes that nothing in src/ raises any more: "
        + ", ".join(stale)
    )


def test_entries_are_well_formed() -> None:
    assert list(entries()) == sorted(entries(), key=lambda c: ("KFET".find(c[0]) % 9, c))
    for code, entry in entries().items():
        assert CODE.match(code), code
        assert entry.title and entry.meaning and entry.fix, code
        assert entry.files or entry.command.startswith(("kadermodel ", ">>> ")), code
    assert {c for c, e in entries().items() if e.not_runnable} == set(NOT_RUNNABLE)


def _reported(entry: Entry, folder: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    """The codes the entry's example reports when its command runs in ``folder``."""
    for name, text in entry.files.items():
        (folder / name).write_text(text, encoding="utf-8")
    command = entry.command
    try:
        if command.startswith(">>> "):
            exec(command.removeprefix(">>> "), {"kadermodel": kadermodel})
            return set()
        words = shlex.split(command)
        if words[0] == "pytest":
            load_case_file(folder / words[1])
            return set()
    except kadermodel.KaderError as error:
        return {d.code for d in error.diagnostics}
    assert words[0] == "kadermodel", command
    capsys.readouterr()
    main(words[1:])
    return set(_REPORTED.findall(capsys.readouterr().err))


RUNNABLE = [code for code, entry in entries().items() if not entry.not_runnable]


@pytest.mark.parametrize("code", RUNNABLE)
def test_example_shows_exactly_its_code(
    code: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _reported(entries()[code], tmp_path, capsys) == {code}


# ------------------------------------------------------------------ kadermodel uitleg


def test_uitleg_prints_an_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["uitleg", "K202"]) == 0
    check_golden("uitleg_K202.txt", capsys.readouterr().out)


def test_uitleg_without_code_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["uitleg"]) == 0
    out = capsys.readouterr().out
    listed = re.findall(r"^  ([A-Z][0-9]{3})  ", out, re.M)
    assert listed == list(entries())


def test_uitleg_works_for_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    for code, entry in entries().items():
        assert main(["uitleg", code.lower()]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"{code}: {entry.title}\n"), code
        assert "Zo los je het op:" in out
        for name in entry.files:
            assert f"  bestand {name}:" in out


def test_uitleg_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["uitleg", "K299"]) == 2
    err = capsys.readouterr().err
    assert "onbekende code 'K299'" in err
    assert "bedoelde je 'K209'?" in err
