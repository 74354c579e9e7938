"""The public API (kadermodel.api and the package facade): names, entry points, peildatum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import kadermodel
from kadermodel import (
    ExtensionError,
    FactsError,
    KaderCompileError,
    KaderCycleError,
    KaderError,
    KaderSyntaxError,
    Truth,
)

TEXT = """
kader proef { titel "Proef" }
feit a: ja_nee
feit gezien: datum
thema t "Thema" {
    plateau 1 { bouwsteen b "Tekst." als a }
    plateau 2 { bouwsteen recent "Tekst." als gezien binnen 0 dagen }
}
"""


def test_the_contract_names_are_exported() -> None:
    for name in (
        "parse_kader",
        "load_kader",
        "parse_facts",
        "load_facts",
        "assess",
        "bundled_kader",
        "bundled_ids",
        "BUNDLED_KADER",
        "Kader",
        "Facts",
        "Assessment",
        "PlateauRange",
        "ThemaResult",
        "BouwsteenResult",
        "Truth",
        "KaderError",
        "KaderSyntaxError",
        "KaderCompileError",
        "KaderCycleError",
        "ExtensionError",
        "FactsError",
        "Diagnostic",
        "Span",
    ):
        assert name in kadermodel.__all__, name
        assert hasattr(kadermodel, name), name
    assert all(hasattr(kadermodel, name) for name in kadermodel.__all__)


def test_every_error_is_a_kader_error() -> None:
    for error in (KaderSyntaxError, KaderCompileError, KaderCycleError, ExtensionError, FactsError):
        assert issubclass(error, KaderError)
    assert issubclass(KaderCycleError, KaderCompileError)
    assert issubclass(KaderError, Exception)


def test_parse_kader_names_the_source() -> None:
    kader = kadermodel.parse_kader(TEXT, name="proef.kader")
    assert kader.id == "proef"
    assert list(kader.sources) == ["proef.kader"]
    with pytest.raises(KaderError) as caught:
        kadermodel.parse_kader(TEXT.replace("als a", "als aa"), name="mijn.kader")
    assert str(caught.value).startswith("mijn.kader:6:")
    with pytest.raises(KaderError) as default:
        kadermodel.parse_kader("kader")
    assert str(default.value).startswith("<tekst>:1:")


def test_load_kader_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "proef.kader"
    path.write_text(TEXT, encoding="utf-8")
    for argument in (path, str(path)):
        kader = kadermodel.load_kader(argument)
        assert kader.id == "proef"
        assert list(kader.bouwstenen) == ["t.b", "t.recent"]
    path.write_text(TEXT.replace("als a", "als aa"), encoding="utf-8")
    with pytest.raises(KaderCompileError) as caught:
        kadermodel.load_kader(path)
    assert caught.value.first.span is not None
    assert caught.value.first.span.file == str(path)


def test_load_kader_errors(tmp_path: Path) -> None:
    with pytest.raises(KaderError) as missing:
        kadermodel.load_kader(tmp_path / "bestaat_niet.kader")
    assert missing.value.code == "K500"
    with pytest.raises(KaderError) as folder:
        kadermodel.load_kader(tmp_path)
    assert folder.value.code == "K500"
    binary = tmp_path / "binair.kader"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(KaderError):
        kadermodel.load_kader(binary)
    with pytest.raises(KaderError) as typo:
        kadermodel.load_kader("vng_mensenhandel_2012")
    assert typo.value.first.suggestion == kadermodel.BUNDLED_KADER


def test_bundled_kader() -> None:
    assert kadermodel.BUNDLED_KADER in kadermodel.bundled_ids()
    kader = kadermodel.bundled_kader()
    assert kader.id == kadermodel.BUNDLED_KADER
    assert kadermodel.bundled_kader() is kader  # parsed once
    assert kadermodel.bundled_kader(kadermodel.BUNDLED_KADER) is kader
    assert kadermodel.load_kader(kadermodel.BUNDLED_KADER) is kader
    assert kader.bouwstenen and kader.themas and kader.feiten
    with pytest.raises(KaderError) as caught:
        kadermodel.bundled_kader("bestaat_niet")
    assert caught.value.code == "K501"


def test_assess_accepts_facts_or_a_mapping() -> None:
    kader = kadermodel.parse_kader(TEXT)
    day = dt.date(2024, 5, 1)
    from_mapping = kadermodel.assess(kader, {"a": True, "gezien": day}, day)
    from_facts = kadermodel.assess(kader, kadermodel.parse_facts({"a": True}, kader), day)
    assert from_mapping.themas["t"].plateau == kadermodel.PlateauRange(2, 2)
    assert from_facts.themas["t"].plateau == kadermodel.PlateauRange(1, 2)
    assert from_facts.bouwstenen["t.b"].truth is Truth.TRUE
    assert str(from_facts.bouwstenen["t.recent"].truth) == "onbekend"
    with pytest.raises(FactsError):
        kadermodel.assess(kader, {"aa": True})


def test_peildatum_argument_wins_over_the_facts_file() -> None:
    kader = kadermodel.parse_kader(TEXT)
    facts = kadermodel.parse_facts("peildatum: 2024-01-31\nfeiten:\n  gezien: 2024-01-31\n", kader)
    assert facts.peildatum == dt.date(2024, 1, 31)
    own = kadermodel.assess(kader, facts)
    assert own.peildatum == dt.date(2024, 1, 31)
    assert own.bouwstenen["t.recent"].truth is Truth.TRUE
    argument = kadermodel.assess(kader, facts, peildatum=dt.date(2024, 2, 1))
    assert argument.peildatum == dt.date(2024, 2, 1)
    assert argument.bouwstenen["t.recent"].truth is Truth.FALSE


def test_peildatum_is_today_when_nobody_gives_one() -> None:
    kader = kadermodel.parse_kader(TEXT)
    for _ in range(3):  # a retry in case the test runs across midnight
        today = dt.date.today()
        result = kadermodel.assess(kader, {"gezien": today})
        if dt.date.today() == today:
            break
    assert result.peildatum == today
    assert result.bouwstenen["t.recent"].truth is Truth.TRUE


def test_results_of_the_bundled_kader_have_every_thema_and_bouwsteen(
    repo_root: Path, bundled: kadermodel.Kader
) -> None:
    facts = kadermodel.load_facts(repo_root / "examples" / "voorbeeldstad.yaml", bundled)
    result = kadermodel.assess(bundled, facts)
    assert result.peildatum == facts.peildatum
    assert list(result.themas) == list(bundled.themas)
    assert list(result.bouwstenen) == list(bundled.bouwstenen)
    for thema in result.themas.values():
        assert 0 <= thema.plateau.low <= thema.plateau.high <= thema.top
    assert {r.truth for r in result.bouwstenen.values()} <= set(Truth)


def test_load_kader_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "windows.kader"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert kadermodel.load_kader(path).id == "proef"
