"""The pytest plugin of kadermodel (registered through the ``pytest11`` entry point).

* Collects ``*.kadertest.yaml`` case files: one test per case (expected plateaus and bouwsteen
  truths) and one per claim (stelling). A failing case shows expected versus got and explains
  the bouwstenen that make the difference; a false claim shows its minimal counter-example
  and writes it as a facts file.
* ``--kader FILE`` (repeatable) runs every law of :mod:`kadermodel.testing.laws` and every
  stelling of that kader; with ``--kader-uitbreiding EXT`` the laws run on the extended kader
  and the tightening law compares it with the base.
* ``--kader-coverage`` reports which bouwstenen and which parts of their conditions the case
  files made waar and onwaar, and which bouwstenen no case decided.
* ``--kader-mutatie`` adds, per kader the collected case files are for, one test that makes
  small wrong versions of that kader (:mod:`kadermodel.testing.mutation`) and fails when a
  mutant survives every case; the score is in the terminal summary.

Only pytest and the standard library are imported when pytest starts: kadermodel itself (and
hypothesis) load when a case file is collected or an option is used, so the plugin costs
nothing in projects that do not use it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from kadermodel import model as m
    from kadermodel.testing.casefiles import Case, CaseFile
    from kadermodel.testing.claims import Claim
    from kadermodel.testing.coverage import RuleCoverage

_COVERAGE = pytest.StashKey["RuleCoverage"]()
_COUNTEREXAMPLES = pytest.StashKey[Path]()
_MUTATION_SCORES = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kadermodel", "kadermodel: testbestanden, wetten en stellingen")
    group.addoption(
        "--kader",
        action="append",
        default=[],
        metavar="BESTAND",
        help="controleer alle wetten en stellingen van dit kader (.kader-bestand of de naam "
        "van een meegeleverd kader); mag vaker",
    )
    group.addoption(
        "--kader-uitbreiding",
        action="append",
        default=[],
        metavar="BESTAND",
        help="pas deze uitbreiding toe op het kader van --kader en controleer ook dat "
        "verscherpen nooit een plateau verhoogt; mag vaker",
    )
    group.addoption(
        "--kader-coverage",
        action="store_true",
        default=False,
        help="meld per bouwsteen en per deel van de voorwaarde of de testbestanden hem "
        "waar en onwaar maakten",
    )
    group.addoption(
        "--kader-mutatie",
        action="store_true",
        default=False,
        help="mutatietoets: maak kleine foute versies van het kader van de testbestanden en "
        "faal als geen enkel geval een ervan opmerkt",
    )
    group.addoption(
        "--kader-voorbeelden",
        type=int,
        default=200,
        metavar="N",
        help="aantal voorbeelden (hypothesis) per wet; standaard 200",
    )
    group.addoption(
        "--kader-peildatum",
        default=None,
        metavar="JJJJ-MM-DD",
        help="peildatum voor wetten en stellingen; standaard vandaag",
    )
    group.addoption(
        "--kader-tegenvoorbeelden",
        default=None,
        metavar="MAP",
        help="map voor tegenvoorbeelden van onware stellingen; standaard in .pytest_cache",
    )


def _peildatum(config: pytest.Config) -> dt.date | None:
    text = config.getoption("kader_peildatum")
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise pytest.UsageError(
            f"--kader-peildatum '{text}' is geen datum; schrijf jjjj-mm-dd"
        ) from None


def _counterexample_dir(config: pytest.Config) -> Path:
    if _COUNTEREXAMPLES not in config.stash:
        chosen = config.getoption("kader_tegenvoorbeelden")
        if chosen:
            folder = Path(chosen)
        elif getattr(config, "cache", None) is not None:
            folder = config.cache.mkdir("kadermodel-tegenvoorbeelden")
        else:
            folder = Path(tempfile.mkdtemp(prefix="kadermodel-tegenvoorbeelden-"))
        folder.mkdir(parents=True, exist_ok=True)
        config.stash[_COUNTEREXAMPLES] = folder
    return config.stash[_COUNTEREXAMPLES]


def _coverage(config: pytest.Config) -> RuleCoverage | None:
    if not config.getoption("kader_coverage"):
        return None
    if _COVERAGE not in config.stash:
        from kadermodel.testing.coverage import RuleCoverage

        config.stash[_COVERAGE] = RuleCoverage()
    return config.stash[_COVERAGE]


class KaderTestFailure(Exception):
    """A case, claim or law failed; the message is the whole report."""


def _render(excinfo: pytest.ExceptionInfo[BaseException]) -> str | None:
    from kadermodel.errors import KaderError
    from kadermodel.testing.laws import LawViolation

    error = excinfo.value
    if isinstance(error, KaderTestFailure | KaderError):
        return str(error)
    if isinstance(error, LawViolation):
        notes = getattr(error, "__notes__", [])
        return "\n".join([str(error), *notes])
    return None


# ------------------------------------------------------------------ case files


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.endswith(".kadertest.yaml"):
        result: pytest.Collector = KaderTestFile.from_parent(parent, path=file_path)
        return result
    return None


class KaderTestFile(pytest.File):
    """A ``*.kadertest.yaml`` file: its cases and claims."""

    def collect(self) -> Iterator[pytest.Item]:
        from kadermodel.testing.casefiles import load_case_file

        case_file = load_case_file(self.path)
        self.case_file = case_file
        for case in case_file.cases:
            yield CaseItem.from_parent(self, name=case.name, case=case, kader=case_file.kader)
        for claim, line in case_file.claims:
            yield ClaimItem.from_parent(
                self,
                name=f"stelling {claim.name}",
                claim=claim,
                kader=case_file.kader,
                line=line,
                peildatum=case_file.peildatum,
            )

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        rendered = _render(excinfo)
        if rendered is not None:
            return f"testbestand {self.path.name} kan niet gelezen worden:\n{rendered}"
        return super().repr_failure(excinfo)


class _KaderItem(pytest.Item):
    line = 0
    label = ""

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        rendered = _render(excinfo)
        return rendered if rendered is not None else super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, self.line - 1 if self.line else None, self.label


class CaseItem(_KaderItem):
    """One case of a case file."""

    def __init__(self, *, case: Case, kader: m.Kader, **kwargs: Any):
        super().__init__(**kwargs)
        self.case = case
        self.kader = kader
        self.line = case.line
        self.label = f"geval {case.name}"

    def runtest(self) -> None:
        from kadermodel.testing.casefiles import run_case

        result = run_case(self.kader, self.case)
        coverage = _coverage(self.config)
        if coverage is not None:
            coverage.record(result.assessment)
        if not result.passed:
            raise KaderTestFailure(result.message())


class ClaimItem(_KaderItem):
    """One claim (stelling) about a kader."""

    def __init__(
        self,
        *,
        claim: Claim,
        kader: m.Kader,
        line: int = 0,
        peildatum: dt.date | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.claim = claim
        self.kader = kader
        self.line = line
        self.peildatum = peildatum
        self.label = f"stelling {claim.name}"

    def runtest(self) -> None:
        from kadermodel.testing.claims import check_claim

        day = _peildatum(self.config) or self.peildatum
        result = check_claim(self.kader, self.claim, peildatum=day)
        if not result.holds:
            stem = self.path.name.split(".")[0] if self.path.is_file() else self.kader.id
            target = _counterexample_dir(self.config) / f"{stem}-{self.claim.name}.yaml"
            written = result.write_counterexample(target)
            raise KaderTestFailure(result.message(written))


# ------------------------------------------------------------------ --kader: laws


class LawItem(_KaderItem):
    """One law, searched with hypothesis against one kader."""

    def __init__(
        self, *, law: str, kader: m.Kader, base: m.Kader | None, title: str, **kwargs: Any
    ):
        super().__init__(**kwargs)
        self.law = law
        self.kader = kader
        self.base = base
        self.label = f"wet {law}: {title}"

    def runtest(self) -> None:
        from kadermodel.testing.laws import check_law

        check_law(
            self.law,
            self.kader,
            base=self.base,
            max_examples=self.config.getoption("kader_voorbeelden"),
            peildatum=_peildatum(self.config),
        )

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.label


class KaderLaws(pytest.Collector):
    """The laws and stellingen for one ``--kader``."""

    def __init__(self, *, kader: m.Kader, base: m.Kader | None, **kwargs: Any):
        super().__init__(**kwargs)
        self.kader = kader
        self.base = base

    def collect(self) -> Iterator[pytest.Item]:
        from kadermodel.testing.claims import claims_of
        from kadermodel.testing.laws import LAWS

        for law in LAWS:
            if law.needs_base and self.base is None:
                continue
            yield LawItem.from_parent(
                self,
                name=f"wet {law.name}",
                law=law.name,
                kader=self.kader,
                base=self.base,
                title=law.title,
            )
        for claim in claims_of(self.kader):
            yield ClaimItem.from_parent(
                self, name=f"stelling {claim.name}", claim=claim, kader=self.kader
            )


def _load_for_laws(reference: str, extensions: list[str]) -> tuple[m.Kader, m.Kader | None]:
    """The kader for ``--kader`` and the base to compare it with (None: nothing to compare).

    The base is the kader before ``--kader-uitbreiding``, or for an uitbreiding file the base it
    names, found as every kader is found (:func:`kadermodel.extend.load.load`).
    """
    from kadermodel.extend.load import load

    loaded = load(reference, extensions=extensions)
    return loaded.kader, loaded.base


# ------------------------------------------------------------------ --kader-mutatie


class MutationItem(_KaderItem):
    """The mutation test of one kader against every collected case file for it."""

    def __init__(self, *, case_files: list[CaseFile], **kwargs: Any):
        super().__init__(**kwargs)
        self.case_files = case_files
        kader = case_files[0].kader
        self.kader_name = " + ".join((kader.id, *kader.extensions))
        self.label = f"mutatietoets van kader {self.kader_name}"

    def runtest(self) -> None:
        from kadermodel.testing.mutation import failing_cases, run
        from kadermodel.testing.mutation_text import mutation_text

        kader = self.case_files[0].kader
        failing = failing_cases(kader, self.case_files)
        if failing:
            raise KaderTestFailure(
                "de mutatietoets kan niet draaien: deze gevallen kloppen al niet met het "
                "kader zelf: " + "; ".join(failing)
            )
        report = run(kader, self.case_files)
        killed, total = report.score
        self.config.stash.setdefault(_MUTATION_SCORES, []).append(
            f"kader {self.kader_name}: {killed} van {total} niet-gelijkwaardige mutanten gedood"
        )
        if report.survivors:
            raise KaderTestFailure(mutation_text(report))


def _mutation_items(session: pytest.Session, items: list[pytest.Item]) -> list[pytest.Item]:
    """One :class:`MutationItem` per kader (id and uitbreidingen) of the collected case files."""
    groups: dict[tuple[str, tuple[str, ...]], list[CaseFile]] = {}
    seen: set[int] = set()
    for item in items:
        parent = item.parent
        if not isinstance(item, CaseItem) or not isinstance(parent, KaderTestFile):
            continue
        if id(parent) not in seen:
            seen.add(id(parent))
            key = (parent.case_file.kader.id, parent.case_file.kader.extensions)
            groups.setdefault(key, []).append(parent.case_file)
    made: list[pytest.Item] = []
    for (kader_id, extensions), case_files in groups.items():
        name = " + ".join((kader_id, *extensions))
        made.append(
            MutationItem.from_parent(
                session,
                name=f"mutatietoets {name}",
                path=case_files[0].path,
                case_files=case_files,
            )
        )
    return made


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    references: list[str] = config.getoption("kader")
    extensions: list[str] = config.getoption("kader_uitbreiding")
    if extensions and not references:
        raise pytest.UsageError("--kader-uitbreiding hoort bij een --kader")
    if config.getoption("kader_mutatie"):
        items.extend(_mutation_items(session, items))
    if not references:
        return
    from kadermodel.errors import KaderError

    for reference in references:
        try:
            kader, base = _load_for_laws(reference, extensions)
        except KaderError as error:
            raise pytest.UsageError(f"--kader {reference}:\n{error}") from None
        where = Path(reference).resolve()
        collector = KaderLaws.from_parent(
            session,
            name=f"--kader {reference}",
            path=where if where.is_file() else session.path,
            kader=kader,
            base=base,
        )
        items.extend(collector.collect())


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    scores = config.stash.get(_MUTATION_SCORES, [])
    if scores:
        terminalreporter.write_sep("-", "kadermodel: mutatietoets")
        for line in scores:
            terminalreporter.write_line(line)
    coverage = _coverage(config)
    if coverage is None:
        return
    terminalreporter.write_sep("-", "kadermodel: regeldekking van de testbestanden")
    terminalreporter.write_line(coverage.report())
