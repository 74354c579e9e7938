"""``kadermodel vragenlijst`` end to end, through a real pseudo-terminal (pexpect).

The process is the installed command, started as a user starts it; the test reads what the
terminal shows and types answers. The scenarios of issue 13: all best answers reach every
top plateau; ``weet niet`` everywhere asks no question twice and ends in ranges; a process
killed after five answers resumes at the sixth with the five kept.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from intake_support import BUNDLED, PEILDATUM, best_text

import kadermodel as k

pytestmark = pytest.mark.slow

QUESTION = re.compile(r"Vraag (\d+) · .*?\(feit: (\w+)\)", re.S)
DONE = re.compile(r"Klaar: ([^\r\n]*)")
TIMEOUT = 30


def spawn(path: Path, *extra: str) -> pexpect.spawn:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "kadermodel",
            "vragenlijst",
            str(path),
            "--peildatum",
            PEILDATUM.isoformat(),
            *extra,
        ],
        encoding="utf-8",
        timeout=TIMEOUT,
        env=env,
        dimensions=(40, 120),
    )
    child.delaybeforesend = None
    return child


def next_question(child: pexpect.spawn) -> tuple[int, str] | None:
    """The number and fact of the question shown now, or None when the session ended."""
    found = child.expect([QUESTION, DONE])
    if found == 1:
        return None
    number, fact = int(child.match.group(1)), child.match.group(2)
    child.expect(r"Antwoord \([^)]*\): ")
    return number, fact


def answer_all(child: pexpect.spawn, reply: Callable[[str], str]) -> list[str]:
    asked = []
    while (question := next_question(child)) is not None:
        asked.append(question[1])
        child.sendline(reply(question[1]))
    return asked


def finish(child: pexpect.spawn) -> str:
    """The rest of the output; the process must end with exit code 0."""
    rest = str(child.before) + str(child.after)
    child.expect(pexpect.EOF)
    rest += str(child.before)
    child.close()
    assert child.exitstatus == 0, rest
    return rest


def test_best_answers_reach_every_top_plateau(tmp_path: Path) -> None:
    path = tmp_path / "feiten.yaml"
    child = spawn(path, "--gemeente", "Teststad")
    asked = answer_all(child, lambda fact: best_text(BUNDLED.feiten[fact]))
    assert child.match.group(1).strip() == "elk thema heeft een vast plateau."
    output = finish(child)
    assert len(asked) == len(set(asked))
    for thema in BUNDLED.themas.values():
        assert f"{thema.title}: plateau {thema.top} (van {thema.top})" in output
    facts = k.load_facts(path, BUNDLED)
    assert facts.gemeente == "Teststad"
    assert set(facts.known) == set(asked)
    result = k.assess(BUNDLED, facts)
    assert all(r.plateau.low == r.top for r in result.themas.values())


def test_dont_know_everywhere_never_asks_twice_and_ends_with_ranges(tmp_path: Path) -> None:
    path = tmp_path / "feiten.yaml"
    child = spawn(path, "--gemeente", "Weetnietdorp")
    asked = answer_all(child, lambda fact: "weet niet")
    assert "geen vragen meer" in child.match.group(1)
    output = finish(child)
    assert asked and len(asked) == len(set(asked))
    for thema in BUNDLED.themas.values():
        expected = f"basisniveau nog niet zeker bereikt, mogelijk plateau {thema.top}"
        assert f"{thema.title}: {expected} (van {thema.top})" in (output.replace("\r\n    ", " "))
    facts = k.load_facts(path, BUNDLED)
    assert facts.dont_know == frozenset(asked)
    assert not facts.known
    text = path.read_text(encoding="utf-8")
    for fact in asked:
        assert f"  {fact}: weet niet\n" in text


def test_killed_after_five_answers_resumes_at_the_sixth(tmp_path: Path) -> None:
    path = tmp_path / "feiten.yaml"
    child = spawn(path, "--gemeente", "Stopstad")
    asked = []
    for _ in range(5):
        question = next_question(child)
        assert question is not None
        asked.append(question[1])
        child.sendline(best_text(BUNDLED.feiten[question[1]]))
        child.expect("Stand nu:")  # written before the ranges are shown
    sixth = next_question(child)
    assert sixth is not None and sixth[0] == 6
    child.kill(signal.SIGKILL)
    child.close(force=True)

    facts = k.load_facts(path, BUNDLED)
    assert set(facts.known) == set(asked)
    assert sixth[1] not in facts.known

    again = spawn(path)
    again.expect(r"Verder met .*:\r\n5 vragen al beantwoord\.")
    resumed = next_question(again)
    assert resumed == sixth
    again.sendline("stop")
    again.expect("Gestopt")
    finish(again)
    assert set(k.load_facts(path, BUNDLED).known) == set(asked)


def test_back_skip_and_a_wrong_answer(tmp_path: Path) -> None:
    path = tmp_path / "feiten.yaml"
    child = spawn(path, "--gemeente", "Terugdorp")
    first = next_question(child)
    assert first is not None
    child.sendline("misschien")
    child.expect("Dat kan niet: ")
    child.expect(r"Antwoord \([^)]*\): ")
    child.sendline("?")
    child.expect("Waarom vragen we dit\\? Uw antwoord kan de stand nog veranderen")
    child.expect(r"Antwoord \([^)]*\): ")
    child.sendline(best_text(BUNDLED.feiten[first[1]]))
    second = next_question(child)
    assert second is not None and second[0] == 2
    child.sendline("terug")
    back = next_question(child)
    assert back == first
    assert "Eerder antwoord:" in str(child.before)
    child.sendline("")  # Enter keeps the answer
    assert next_question(child) == second
    child.sendline("overslaan")
    third = next_question(child)
    assert third is not None and third[1] != second[1] and third[0] == 2
    child.sendline("stop")
    child.expect("Gestopt")
    finish(child)
    facts = k.load_facts(path, BUNDLED)
    assert set(facts.known) == {first[1]}


def test_end_of_input_stops_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "feiten.yaml"
    child = spawn(path, "--gemeente", "Eofstad")
    assert next_question(child) is not None
    child.sendeof()
    child.expect("Gestopt")
    finish(child)
    assert path.exists()


def test_a_region_is_known_but_not_copied(tmp_path: Path) -> None:
    region = tmp_path / "regio" / "noord.yaml"
    region.parent.mkdir()
    region.write_text(
        "gemeente: Regio Noord\nfeiten:\n  regionale_ketenregisseur: ja\n"
        "  zorgcoordinatie_geregeld: ja\n"
        'bronnen:\n  zorgcoordinatie_geregeld: "Regeling Noord"\n',
        encoding="utf-8",
    )
    path = tmp_path / "feiten.yaml"
    path.write_text(
        "gemeente: Noorddorp\nregio: regio/noord.yaml\nfeiten:\n  training_frequentie: elk_jaar\n",
        encoding="utf-8",
    )
    child = spawn(path)
    child.expect(r"1 vraag al beantwoord\.")
    child.expect(r"2 antwoorden komen\s+van\s+de\s+regio\s+\(")
    asked = []
    for _ in range(3):
        question = next_question(child)
        assert question is not None
        asked.append(question[1])
        child.sendline(best_text(BUNDLED.feiten[question[1]]))
    child.sendline("stop")
    child.expect("Gestopt")
    finish(child)
    assert not {"regionale_ketenregisseur", "zorgcoordinatie_geregeld"} & set(asked)
    text = path.read_text(encoding="utf-8")
    assert "regio: " in text and "noord.yaml" in text
    assert "  zorgcoordinatie_geregeld: onbekend\n" in text
    assert "Regeling Noord" not in text
    facts = k.load_facts(path, BUNDLED)
    assert facts.values["zorgcoordinatie_geregeld"] is True
    assert set(facts.inherited) == {"regionale_ketenregisseur", "zorgcoordinatie_geregeld"}
    assert set(facts.known) == {"training_frequentie", *asked, *facts.inherited}
