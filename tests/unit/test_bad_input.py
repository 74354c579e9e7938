"""Bad input ends in a KaderError (exit 2 on the command line), never a traceback.

One test per reproducer of issue 10 (the five traceback causes and the smaller problems), with
the bundled kader. The tests assert behaviour, not time; the time each takes is measured in
``make bench``-style runs outside the suite.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.errors import os_error_reason
from kadermodel.extend.apply import apply_extension_path
from kadermodel.facts import reader, validate, yamlsource
from kadermodel.language import syntax

K = k.bundled_kader()
GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "bad_input"
AANTAL = "training_aantal_medewerkersgroepen"
SMALL = """\
kader p { titel "P" }
feit d: datum
feit n: aantal
parameter drempel: aantal = 2
thema t "T" {
    plateau 1 { bouwsteen b "Tekst." als %s }
    plateau 2 { bouwsteen c "Tekst." als n >= drempel }
}
"""


def facts_error(text_or_mapping: object, kader: k.Kader = K) -> k.FactsError:
    with pytest.raises(k.FactsError) as caught:
        k.parse_facts(text_or_mapping, kader, name="f.yaml")  # type: ignore[arg-type]
    assert caught.value.__cause__ is None
    str(caught.value)  # renders
    return caught.value


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ 1. long numbers in facts


def test_a_number_of_5000_digits_in_a_facts_file() -> None:
    error = facts_error(f"feiten:\n  {AANTAL}: " + "9" * 5000)
    assert [d.code for d in error.diagnostics] == ["F209"]
    assert "999.999.999.999.999" in str(error)
    assert len(str(error)) < 1000  # the value is shortened in the message and the snippet


def test_a_huge_python_number_as_peildatum_or_aantal() -> None:
    assert facts_error({"feiten": {}, "peildatum": 10**4400}).code == "F206"
    assert facts_error({AANTAL: 10**4400}).code == "F209"
    assert facts_error({AANTAL: -1}).code == "F202"
    assert k.parse_facts({AANTAL: k.model.AANTAL_MAX}, K).values[AANTAL] == k.model.AANTAL_MAX


# ------------------------------------------------------------------ 2. deep YAML


def test_deeply_nested_yaml() -> None:
    error = facts_error("feiten:\n  x: " + "[" * 5000 + "]" * 5000)
    assert error.code == "F101"
    assert "te diep genest" in error.first.message
    assert error.first.span is not None and error.first.span.line == 2


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = yamlsource.MAX_DEPTH - 2  # the document and 'feiten' are two levels
    error = facts_error(f"feiten:\n  {AANTAL}: {'[' * depth}{']' * depth}")
    assert error.code == "F202"  # read, then refused as a value: no depth error


@pytest.mark.parametrize("command", ["assess", "explain"])
def test_deep_yaml_on_the_command_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "diep.yaml"
    path.write_text("feiten:\n  x: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    code, _, err = run(capsys, command, str(path))
    assert code == 2 and "Traceback" not in err and "F101" in err


def test_deep_yaml_in_impact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "diep.yaml"
    path.write_text("feiten:\n  x: " + "{a: " * 5000 + "}" * 5000, encoding="utf-8")
    regio = Path(__file__).resolve().parents[2] / "examples" / "regio_voorbeeld.kader"
    code, _, err = run(capsys, "impact", "--basis", K.id, "--uitbreiding", str(regio), str(path))
    assert code == 2 and "Traceback" not in err and "F101" in err


def test_the_composer_keeps_anchors_and_rejects_undefined_aliases() -> None:
    text = (
        "feiten:\n  aandachtsfunctionaris_aangesteld: &j ja\n"
        "  aandachtsfunctionaris_vervult_taken: *j\n"
    )
    values = k.parse_facts(text, K).values
    assert values["aandachtsfunctionaris_aangesteld"] is True
    assert values["aandachtsfunctionaris_vervult_taken"] is True
    error = facts_error("feiten:\n  aandachtsfunctionaris_vervult_taken: *nergens\n")
    assert error.code == "F101" and "verwijzing" in error.first.message
    assert facts_error("feiten: {}\n---\nfeiten: {}\n").code == "F101"


def test_an_anchor_that_refers_to_itself() -> None:
    """``&a [*a]`` makes a node that contains itself: refused as a value, no recursion."""
    assert facts_error("feiten:\n  training_frequentie: &a [*a]\n").code == "F202"
    error = facts_error("feiten: {}\nvastgesteld: &a {training_frequentie: *a}\n")
    assert error.code == "F206" and "een blok is geen geldige datum" in str(error)
    assert facts_error("feiten: {}\nbronnen: &a [*a]\n").code == "F207"
    assert facts_error("feiten: &a\n  training_frequentie: *a\n").code == "F202"


# ------------------------------------------------------------------ half characters


@pytest.mark.parametrize(
    "text",
    [
        'gemeente: "\\ud800"\nfeiten: {}\n',  # an escape in a quoted YAML text
        "gemeente: \ud800\nfeiten: {}\n",  # a Python string holding one
        'feiten:\n  "\\udfff": ja\n',
    ],
)
def test_a_lone_surrogate_in_a_facts_text(text: str) -> None:
    error = facts_error(text)
    assert error.code == "F101"
    assert "half teken" in str(error) or "halve teken" in str(error)
    str(error).encode("utf-8")  # printable


def test_a_lone_surrogate_in_a_facts_mapping() -> None:
    error = facts_error({"gemeente": "x\ud800", "feiten": {}})
    assert error.code == "F202" and "half teken" in str(error)
    error = facts_error({"gemeente": "x", "feiten": {}, "bronnen": {AANTAL: "\udcff"}})
    assert error.code == "F202"
    for wrong in ({"\ud800": "ja"}, {"training_frequentie": "\ud800"}):
        str(facts_error(wrong)).encode("utf-8")  # the value is quoted escaped


def test_a_lone_surrogate_in_kader_text() -> None:
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader('kader x {\n titel "a\ud800" }\n')
    assert caught.value.code == "K101"
    assert str(caught.value).encode("utf-8").decode().startswith("<tekst>:2:10: fout K101")


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """The name's bytes come back as they were typed, in the report and in messages."""
    import subprocess
    import sys

    name = os.fsdecode(b"\xffstad.yaml")
    source = Path(__file__).resolve().parents[2] / "examples" / "voorbeeldstad.yaml"
    (tmp_path / name).write_bytes(source.read_bytes())
    command = [sys.executable, "-m", "kadermodel", "assess"]
    for argv in ([name, "--format", "html", "-o", "r.html"], [name], [name + "x"]):
        done = subprocess.run(command + argv, cwd=tmp_path, capture_output=True, check=False)
        assert b"Traceback" not in done.stderr, done.stderr
        assert done.returncode == (2 if argv[0].endswith("x") else 0)
    assert b"\xffstad.yaml" in (tmp_path / "r.html").read_bytes()


# ------------------------------------------------------------------ 3. dates


def test_a_window_of_3_million_days_holds_every_date() -> None:
    kader = k.parse_kader(SMALL % "d binnen 3000000 dagen")
    result = k.assess(kader, {"d": dt.date(1, 1, 1)}, dt.date(2026, 6, 30))
    assert result.truth("t.b") is k.Truth.TRUE
    later = k.assess(kader, {"d": dt.date(2026, 7, 1)}, dt.date(2026, 6, 30))
    assert later.truth("t.b") is k.Truth.FALSE
    assert k.model.subtract(dt.date(2026, 6, 30), 10**15, "week") == dt.date.min


def test_a_window_at_year_1() -> None:
    kader = k.parse_kader(SMALL % "d binnen 1 dag")
    result = k.assess(kader, {"d": dt.date(1, 1, 1)}, dt.date(1, 1, 1))
    assert result.truth("t.b") is k.Truth.TRUE
    assert k.explain(result, "t.b") is not None


def test_check_warns_about_an_absurd_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "venster.kader"
    path.write_text(SMALL % "d binnen 3000000 dagen", encoding="utf-8")
    code, out, err = run(capsys, "check", str(path))
    assert code == 0
    assert "waarschuwing K311" in err and "3000000 dagen" in err
    assert "in orde" not in out and "1 waarschuwing" in out
    check_golden(GOLDEN / "k311_absurd_window.txt", err.replace(str(tmp_path) + os.sep, ""))


def test_peildatum_year_1_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kader = tmp_path / "k.kader"
    kader.write_text(SMALL % "d binnen 1 dag", encoding="utf-8")
    facts = tmp_path / "f.yaml"
    facts.write_text("feiten:\n  d: 0001-01-01\n", encoding="utf-8")
    for command in ("assess", "explain"):
        code, _, err = run(
            capsys, command, str(facts), "--kader", str(kader), "--peildatum", "0001-01-01"
        )
        assert code == 0, err


# ------------------------------------------------------------------ 4. long numbers in kader text


@pytest.mark.parametrize(
    "condition",
    [
        "n >= {big}",
        "d binnen {big} dagen",
        "minstens {big} van (n >= 1, n >= 2)",
        "plateau(t) >= {big}",
    ],
)
def test_a_number_of_5000_digits_in_a_condition(condition: str) -> None:
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader(SMALL % condition.format(big="9" * 5000))
    assert caught.value.code == "K106"
    assert len(str(caught.value)) < 1000


def test_a_number_of_5000_digits_as_parameter_or_plateau() -> None:
    big = "9" * 5000
    for text in (SMALL.replace("= 2", f"= {big}"), SMALL.replace("plateau 2", f"plateau {big}")):
        with pytest.raises(k.KaderSyntaxError) as caught:
            k.parse_kader(text % "n >= 1")
        assert caught.value.code == "K106"


def test_check_refuses_a_number_of_5000_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "groot.kader"
    path.write_text(SMALL % ("n >= " + "9" * 5000), encoding="utf-8")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and "K106" in err and "Traceback" not in err


# ------------------------------------------------------------------ 5. many unknown keys


def test_many_unknown_keys_give_a_bounded_report() -> None:
    # 20,000 here to keep the suite quick; 100,000 take the same path (timed in the report).
    text = "feiten:\n" + "".join(f"  onbekend_{i}: ja\n" for i in range(20_000))
    error = facts_error(text)
    reported = validate.MAX_UNKNOWN_REPORTED
    assert len(error.diagnostics) == reported + 1
    assert all(d.code == "F201" for d in error.diagnostics)
    assert error.diagnostics[-1].message.startswith(f"en nog {20_000 - reported} onbekende")
    assert error.diagnostics[-1].span is not None
    assert error.diagnostics[-1].span.line == reported + 2


def test_many_unknown_keys_in_a_mapping() -> None:
    error = facts_error({f"onbekend_{i}": True for i in range(1000)})
    assert len(error.diagnostics) == validate.MAX_UNKNOWN_REPORTED + 1


def test_rendering_is_linear_in_the_diagnostics() -> None:
    text = "feiten:\n" + "".join(f"  {AANTAL}_{i}: x\n" for i in range(3)) + "\n" * 10
    error = k.FactsError(
        [k.errors.Diagnostic("F202", "fout", k.errors.Span.point("f", 2, 3))] * 5000,
        {"f": text},
    )
    assert str(error).count("fout F202") == 5000


# ------------------------------------------------------------------ smaller


def test_unit_typo_gets_a_suggestion() -> None:
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader(SMALL % "d binnen 12 maaanden")
    assert caught.value.first.suggestion == "maanden"


def test_kader_key_is_checked() -> None:
    assert k.parse_facts("kader: vng_mensenhandel_2021\nfeiten: {}\n", K).kader_id == K.id
    error = facts_error("kader: ander_kader\nfeiten: {}\n")
    assert error.code == "F205" and "ander_kader" in error.first.message
    assert facts_error({"kader": "ander_kader", "feiten": {}}).code == "F205"
    regio = k.load_kader(
        "vng_mensenhandel_2021",
        extensions=[Path(__file__).resolve().parents[2] / "examples" / "regio_voorbeeld.kader"],
    )
    for named in ("vng_mensenhandel_2021", "regio_voorbeeld"):
        assert k.parse_facts(f"kader: {named}\nfeiten: {{}}\n", regio).kader_id == regio.id


def test_vervalt_without_reason_is_reported_at_vervalt() -> None:
    text = "uitbreiding r op vng_mensenhandel_2021 {\n    vervalt signalering.meldroute\n}\n"
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader(text, "r.kader")
    span = caught.value.first.span
    assert caught.value.code == "K102" and span is not None
    assert (span.line, span.column, span.end_column) == (2, 5, 12)


def test_only_ascii_digits_are_numbers() -> None:
    assert facts_error(f"feiten:\n  {AANTAL}: ٣\n").code == "F202"
    assert facts_error({AANTAL: "٣"}).code == "F202"
    assert facts_error("peildatum: ٢٠٢٦-٠١-٠١\nfeiten: {}\n").code == "F206"
    with pytest.raises(k.KaderSyntaxError):
        k.parse_kader(SMALL % "n >= ٣")


def test_file_errors_are_dutch(tmp_path: Path) -> None:
    loop = tmp_path / "kring.kader"
    loop.symlink_to(loop)
    with pytest.raises(k.ExtensionError) as caught:
        apply_extension_path(K, loop)
    assert caught.value.code == "E100"
    assert "kring" in str(caught.value) and "symbolic" not in str(caught.value)
    with pytest.raises(k.ExtensionError) as missing:
        apply_extension_path(K, tmp_path / "weg.kader")
    assert "bestaat niet" in str(missing.value)
    with pytest.raises(k.KaderError) as facts:
        k.load_facts(loop, K)
    assert "kring" in str(facts.value)
    reason = os_error_reason(OSError(errno.ETXTBSY, "Text file busy"))
    assert reason == "het besturingssysteem geeft foutcode ETXTBSY"


def test_a_condition_of_100000_terms_is_refused_before_parsing() -> None:
    terms = " en ".join(f"n >= {i % 50}" for i in range(100_000))
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader(SMALL % terms, "groot.kader")
    assert caught.value.code == "K108"
    span = caught.value.first.span
    assert span is not None and (span.line, span.column) == (6, 17)


@pytest.mark.parametrize(
    "text", ['"' * 10_001, '"' * 9_999 + "\n" + "x" * 20, "# " + "x" * 20_000 + "\nkader"]
)
def test_a_long_text_that_starts_with_a_string_or_comment(text: str) -> None:
    """The size check's first piece may start blank (found by the long fuzz of long lines)."""
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader(text)
    assert caught.value.code in ("K102", "K103")


def test_a_condition_at_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syntax, "MAX_CONDITION_TERMS", 40)
    k.parse_kader(SMALL % " of ".join(["n >= 1"] * 40))
    with pytest.raises(k.KaderSyntaxError):
        k.parse_kader(SMALL % " of ".join(["n >= 1"] * 41))
    # joins inside texts and comments do not count
    k.parse_kader((SMALL % "n >= 1").replace('"Tekst."', '"' + " en " * 50 + '"'))


def test_size_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_FACTS_CHARS", 100)
    monkeypatch.setattr(syntax, "MAX_KADER_CHARS", 100)
    error = facts_error("feiten:\n" + "# opvulling\n" * 10)
    assert error.code == "F103"
    check_golden(GOLDEN / "f103_facts_too_large.txt", str(error) + "\n")
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader(SMALL % "n >= 1")
    assert caught.value.code == "K107"
    check_golden(GOLDEN / "k107_kader_too_large.txt", str(caught.value) + "\n")


def test_goldens_of_the_refused_condition() -> None:
    terms = " en ".join(["n >= 1"] * (syntax.MAX_CONDITION_TERMS + 1))
    with pytest.raises(k.KaderSyntaxError) as caught:
        k.parse_kader(SMALL % terms, "groot.kader")
    check_golden(GOLDEN / "k108_condition_too_large.txt", str(caught.value) + "\n")
