"""The letter for the raad (``--format brief``): golden per example, and readable (B1).

Readability is measured, not asserted by eye: average sentence length, no snake_case, no
code symbols, no bouwsteen ids, and the Flesch-Douma reading ease for Dutch (syllables counted
as vowel groups, ``ij`` one vowel), which B1 texts score at 60 or more.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.report.brief import report_brief

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden" / "brief"
EXAMPLE_NAMES = ("starterdorp", "basisstad", "koploperstad", "voorbeeldstad", "regio/regiodorp")


def _letter(name: str) -> str:
    kader = k.bundled_kader()
    return report_brief(k.assess(kader, k.load_facts(EXAMPLES / f"{name}.yaml", kader)))


def _prose(markdown: str) -> str:
    """The letter's text without Markdown marks and without the Kader references."""
    text = re.sub(r"\(Kader: [^)]*\)", "", markdown)
    text = re.sub(r"^#+ ", "", text, flags=re.M)
    return text.replace("**", "").replace("- ", "")


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.?!:])\s+|\n+", text)
    return [p for p in (part.strip() for part in parts) if re.search(r"\w", p)]


def _syllables(word: str) -> int:
    groups = re.findall(r"ij|[aeiouyáéíóúàèëïöü]+", word.lower())
    return max(1, len(groups))


def flesch_douma(text: str) -> float:
    sentences = _sentences(text)
    words = re.findall(r"[A-Za-zÀ-ÿ']+", text)
    syllables = sum(_syllables(w) for w in words)
    return 206.835 - 0.93 * (len(words) / len(sentences)) - 77 * (syllables / len(words))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_letter_golden(name: str) -> None:
    check_golden(GOLDEN / f"{name}.md", _letter(name))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_letter_is_plain_dutch(name: str) -> None:
    letter = _letter(name)
    kader = k.bundled_kader()
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", letter), "snake_case in the letter"
    for symbol in (">=", "<=", "==", "!=", "->", "`", "{", "}", "[", "]"):
        assert symbol not in letter, symbol
    for qid in kader.bouwstenen:
        assert qid not in letter
    prose = _prose(letter)
    sentences = _sentences(prose)
    words = [len(re.findall(r"\w+", s)) for s in sentences]
    assert sum(words) / len(words) <= 15, "sentences are too long on average"
    # Flesch-Douma 50-60 is 'vrij moeilijk' only because the Kader's own terms are long words
    # (mensenhandel, aandachtsfunctionaris); the sentences themselves stay short (above).
    assert flesch_douma(prose) >= 50
    # One to two pages: at most about 900 words.
    assert len(re.findall(r"\w+", letter)) <= 900
    # Every claim about a bouwsteen names its place in the Kader.
    for line in letter.splitlines():
        if line.startswith("- ") and not line.startswith("- En nog") and "?" not in line:
            assert "(Kader: " in line, line
    assert "geen resultaatsverplichting" in letter


def test_readability_measure_tells_easy_from_hard() -> None:
    easy = "De gemeente heeft een plan. Het plan is klaar. We gaan door."
    hard = (
        "De gemeentelijke organisatie implementeert multidisciplinaire samenwerkingsverbanden "
        "ten behoeve van geïntegreerde ketenregievoering en informatie-uitwisselingsprotocollen."
    )
    assert flesch_douma(easy) > 80 > flesch_douma(hard)
