"""Benchmark: kadermodel side by side with two-valued baselines, as ratios from one run.

Run ``make bench`` or ``taskset -c 1 python benchmarks/bench.py [--quick] [--sizes ...]``
(one core: the ratios are what counts, and all of them come from the same run). Reports:

1. per synthetic kader (about 30, 1,000 and 10,000 bouwstenen, seeded): microseconds per
   assessment of a plain dict of Python values (20% of the facts missing) for
   - the two-valued baselines of ``baselines.py``: closures, and one generated function;
   - ``assess(kader, dict)`` and reading every thema's ``plateau``;
   - ``assess_many(kader, rows)`` with the same reads, and the plan alone (encoded facts);
2. compile time (parse, check, plan, decoder) against the generated baseline's preparation,
   and the memory peak (tracemalloc) of the largest compile;
3. the 342 municipalities of the Netherlands (synthetic facts for the bundled VNG kader): from
   dicts and from YAML files on disk to a CSV of plateau ranges;
4. the command line: ``kadermodel assess examples/voorbeeldstad.yaml`` against
   ``python -c "import attrs, yaml"``, median of 10 runs each, interleaved.

Every baseline is cross-checked against kadermodel on fully known facts first.
The targets of issue 12 are printed beside the figures.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import baselines

import kadermodel
from kadermodel import Kader
from kadermodel.engine.evaluate import plan_of
from kadermodel.facts.decoder import decoder_of

ROOT = Path(__file__).resolve().parents[1]
PEILDATUM = dt.date(2026, 6, 30)

TYPES = ("ja_nee", "ja_nee", "aantal", "keuze(geen, deels, volledig)", "datum", "verzameling")
SET_VALUES = ("a", "b", "c", "d")


def synthetic_kader(bouwstenen: int, seed: int = 2021) -> str:
    """Kader text with about ``bouwstenen`` bouwstenen over thema's of 10 (two plateaus)."""
    rnd = random.Random(seed)
    facts = max(12, bouwstenen)
    kinds = [TYPES[i % len(TYPES)] for i in range(facts)]
    lines = ['kader synthetisch { titel "Synthetisch kader" versie "1" }']
    for i, kind in enumerate(kinds):
        shown = f"verzameling({', '.join(SET_VALUES)})" if kind == "verzameling" else kind
        lines.append(f'feit f{i}: {shown} vraag "Vraag {i}?"')
    lines.append('parameter drempel: aantal = 2 bron "synthetisch"')
    lines.append('parameter peil_datum: datum = 2020-01-01 bron "synthetisch"')

    def leaf() -> str:
        i = rnd.randrange(facts)
        kind = kinds[i]
        if kind == "ja_nee":
            return f"f{i}"
        if kind == "aantal":
            return rnd.choice([f"f{i} >= drempel", f"f{i} > 0", f"f{i} < 5"])
        if kind.startswith("keuze"):
            return rnd.choice([f"f{i} in (deels, volledig)", f"f{i} >= deels", f"f{i} = volledig"])
        if kind == "datum":
            return rnd.choice([f"f{i} binnen 12 maanden", f"f{i} na peil_datum"])
        return rnd.choice([f"f{i} bevat alle (a, b)", f"f{i} bevat een van (c, d)"])

    number = 0
    themas = max(1, round(bouwstenen / 10))
    for t in range(themas):
        lines.append(f'thema t{t} "Thema {t}" {{')
        for plateau, size in ((1, 6), (2, 4)):
            lines.append(f"    plateau {plateau} {{")
            for _ in range(size):
                shape = rnd.randrange(4)
                if shape == 0:
                    condition = f"{leaf()} en {leaf()}"
                elif shape == 1:
                    condition = f"{leaf()} of ({leaf()} en niet {leaf()})"
                elif shape == 2:
                    condition = f"minstens 2 van ({leaf()}, {leaf()}, {leaf()})"
                else:
                    condition = leaf()
                requires = f" vereist b{number - 1}" if plateau == 2 and rnd.random() < 0.3 else ""
                lines.append(
                    f'        bouwsteen b{number} "Bouwsteen {number}." bron "synthetisch"'
                    f"{requires} als {condition}"
                )
                number += 1
            lines.append("    }")
        lines.append("}")
    return "\n".join(lines) + "\n"


def random_rows(
    kader: Kader, count: int, unknown: float = 0.2, seed: int = 7
) -> list[dict[str, Any]]:
    """Plain dicts of Python values (bool, int, keuze text, list, date); ``unknown`` missing."""
    rnd = random.Random(seed)
    rows = []
    for _ in range(count):
        row: dict[str, Any] = {}
        for name, feit in kader.feiten.items():
            if rnd.random() < unknown:
                continue
            kind = feit.type.kind
            if kind == "ja_nee":
                row[name] = rnd.random() < 0.7
            elif kind == "aantal":
                row[name] = rnd.randrange(6)
            elif kind == "keuze":
                row[name] = rnd.choice(feit.type.values)
            elif kind == "verzameling":
                row[name] = [v for v in feit.type.values if rnd.random() < 0.5]
            else:
                row[name] = dt.date(rnd.randrange(2018, 2027), rnd.randrange(1, 13), 15)
        rows.append(row)
    return rows


def fully_known(kader: Kader, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    filled = []
    for row in rows:
        full = dict(row)
        for name, feit in kader.feiten.items():
            if name not in full:
                kind = feit.type.kind
                full[name] = (
                    feit.type.values[0]
                    if kind == "keuze"
                    else {"ja_nee": False, "aantal": 0, "verzameling": [], "datum": PEILDATUM}[kind]
                )
        filled.append(full)
    return filled


def cross_check(kader: Kader, rows: list[dict[str, Any]], engines: dict[str, Any]) -> None:
    """The baselines give kadermodel's plateaus wherever every fact is known."""
    ids = list(kader.themas)
    for row in fully_known(kader, rows):
        result = kadermodel.assess(kader, row, PEILDATUM)
        expected = tuple(result.themas[t].plateau.low for t in ids)
        assert all(result.themas[t].plateau.decided for t in ids)
        for name, engine in engines.items():
            assert engine(row) == expected, name


def per_row(
    runs: int, rows: list[Any], actions: dict[str, Callable[[list[Any]], object]]
) -> dict[str, float]:
    """Best seconds per row of each action over ``rows``, the actions interleaved, in an
    order that turns each run (the first of a run can find the caches cold)."""
    best = dict.fromkeys(actions, float("inf"))
    order = list(actions.items())
    for run in range(runs):
        for name, action in order[run % len(order) :] + order[: run % len(order)]:
            start = time.perf_counter()
            action(rows)
            best[name] = min(best[name], (time.perf_counter() - start) / len(rows))
    return best


def assessment_figures(kader: Kader, rows: list[dict[str, Any]], runs: int) -> dict[str, float]:
    closures = baselines.closures(kader, PEILDATUM)
    generated = baselines.generated(kader, PEILDATUM)
    cross_check(kader, rows[:20], {"closures": closures, "generated": generated})
    ids = list(kader.themas)
    assess, assess_many = kadermodel.assess, kadermodel.assess_many
    plan = plan_of(kader)
    encoded = [kadermodel.parse_facts(r, kader).encoded for r in rows]
    cutoffs = plan.cutoffs(PEILDATUM)
    function = plan.function

    def run_closures(batch: list[Any]) -> None:
        for row in batch:
            closures(row)

    def run_generated(batch: list[Any]) -> None:
        for row in batch:
            generated(row)

    def run_assess(batch: list[Any]) -> None:
        for row in batch:
            themas = assess(kader, row, PEILDATUM).themas
            for t in ids:
                themas[t].plateau  # noqa: B018 - reading it is what is measured

    def run_many(batch: list[Any]) -> None:
        for result in assess_many(kader, batch, PEILDATUM):
            themas = result.themas
            for t in ids:
                themas[t].plateau  # noqa: B018

    def run_assess_only(batch: list[Any]) -> None:
        for row in batch:
            assess(kader, row, PEILDATUM)

    def run_plan(batch: list[Any]) -> None:
        for vector in encoded:
            function(vector, cutoffs)

    run_assess(rows)  # warm: plan, decoder and result tables built
    return per_row(
        runs,
        rows,
        {
            "closures": run_closures,
            "generated": run_generated,
            "assess": run_assess,
            "assess_many": run_many,
            "assess_no_reads": run_assess_only,
            "plan": run_plan,
        },
    )


def compile_kader(text: str) -> Kader:
    kader = kadermodel.parse_kader(text, "synthetisch.kader")
    plan_of(kader)
    decoder_of(kader)
    return kader


def compile_figures(text: str, runs: int, peak: bool) -> dict[str, float]:
    kader = compile_kader(text)
    best = {"compile": float("inf"), "baseline": float("inf")}
    for _ in range(runs):
        start = time.perf_counter()
        compile_kader(text)
        best["compile"] = min(best["compile"], time.perf_counter() - start)
        start = time.perf_counter()
        baselines.generated(kader, PEILDATUM)
        best["baseline"] = min(best["baseline"], time.perf_counter() - start)
    if peak:
        tracemalloc.start()
        compile_kader(text)
        best["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return best


def municipalities(kader: Kader, count: int = 342, seed: int = 342) -> list[dict[str, Any]]:
    rows = random_rows(kader, count, unknown=0.25, seed=seed)
    return [
        {"gemeente": f"Gemeente {i + 1}", "peildatum": PEILDATUM, "feiten": r}
        for i, r in enumerate(rows)
    ]


def yaml_text(row: dict[str, Any]) -> str:
    lines = [
        f"gemeente: {row['gemeente']}",
        f"peildatum: {row['peildatum'].isoformat()}",
        "feiten:",
    ]
    for name, value in row["feiten"].items():
        if isinstance(value, bool):
            shown = "ja" if value else "nee"
        elif isinstance(value, list):
            shown = "[" + ", ".join(value) + "]"
        elif isinstance(value, dt.date):
            shown = value.isoformat()
        else:
            shown = str(value)
        lines.append(f"  {name}: {shown}")
    return "\n".join(lines) + "\n"


def write_csv(kader: Kader, results: Iterable[kadermodel.Assessment], out: io.StringIO) -> int:
    writer = csv.writer(out)
    ids = list(kader.themas)
    writer.writerow(["gemeente", *(f"{t}_{side}" for t in ids for side in ("laag", "hoog"))])
    count = 0
    for result in results:
        themas = result.themas
        cells = []
        for t in ids:
            plateau = themas[t].plateau
            cells += [plateau.low, plateau.high]
        writer.writerow([result.facts.gemeente, *cells])
        count += 1
    return count


def batch_figures(runs: int) -> dict[str, float]:
    kader = kadermodel.bundled_kader()
    rows = municipalities(kader)
    best = {"dicts": float("inf"), "yaml": float("inf")}
    with tempfile.TemporaryDirectory() as directory:
        paths = []
        for i, row in enumerate(rows):
            path = Path(directory) / f"gemeente_{i + 1:03}.yaml"
            path.write_text(yaml_text(row), encoding="utf-8")
            paths.append(path)
        for _ in range(runs):
            start = time.perf_counter()
            out = io.StringIO()
            assert write_csv(kader, kadermodel.assess_many(kader, rows), out) == len(rows)
            best["dicts"] = min(best["dicts"], time.perf_counter() - start)
            start = time.perf_counter()
            out = io.StringIO()
            facts = (kadermodel.load_facts(p, kader) for p in paths)
            assert write_csv(kader, kadermodel.assess_many(kader, facts), out) == len(rows)
            best["yaml"] = min(best["yaml"], time.perf_counter() - start)
    return best


def cli_figures(runs: int = 10) -> dict[str, float]:
    """Median wall time of the command and of ``python -c "import attrs, yaml"``, interleaved.

    Both run from bytecode, as after ``pip install`` (a source checkout with
    ``PYTHONDONTWRITEBYTECODE`` set would compile kadermodel's modules in every run): the
    bytecode goes to a temporary ``PYTHONPYCACHEPREFIX``, written by one warm-up run of each,
    which also fills the parser and kader cache as any first run does.
    """
    python = sys.executable
    command = [
        str(Path(python).with_name("kadermodel")),
        "assess",
        str(ROOT / "examples" / "voorbeeldstad.yaml"),
    ]
    if not Path(command[0]).exists():
        command = [python, "-m", "kadermodel", *command[1:]]
    bare = [python, "-c", "import attrs, yaml"]
    times: dict[str, list[float]] = {"cli": [], "bare": []}
    with tempfile.TemporaryDirectory() as bytecode:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = bytecode
        for argv in (command, bare):  # warm: bytecode, the parser and kader cache
            subprocess.run(argv, check=True, capture_output=True, env=env)
        for _ in range(runs):
            for name, argv in (("cli", command), ("bare", bare)):
                start = time.perf_counter()
                subprocess.run(argv, check=True, capture_output=True, env=env)
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[30, 1_000, 10_000], help="bouwstenen per kader"
    )
    parser.add_argument(
        "--only",
        choices=("assess", "compile", "batch", "cli"),
        nargs="*",
        default=["assess", "compile", "batch", "cli"],
        help="run only these parts",
    )
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 7
    parts = set(args.only)
    print(f"kadermodel {version('kadermodel')} benchmark, Python {sys.version.split()[0]}")
    if "assess" in parts or "compile" in parts:
        sized_figures(args.sizes, runs, parts)
    if "batch" in parts:
        b = batch_figures(runs)
        print()
        print("3. 342 municipalities (bundled VNG kader) to a CSV of plateau ranges")
        print(
            f"   from dicts: {b['dicts']:.3f} s   from YAML files on disk: {b['yaml']:.3f} s"
            "   (<= 1 s)"
        )
    if "cli" in parts:
        c = cli_figures()
        print()
        print("4. kadermodel assess examples/voorbeeldstad.yaml (median of 10)")
        print(
            f"   {c['cli']:.3f} s against python -c 'import attrs, yaml' {c['bare']:.3f} s: "
            f"ratio {c['cli'] / c['bare']:.2f}x (target <= 2.5x)"
        )
    return 0


def sized_figures(sizes: list[int], runs: int, parts: set[str]) -> None:
    compiled: dict[int, dict[str, float]] = {}
    if "assess" in parts:
        print()
        print(
            "1. One assessment from a plain dict (µs each; ratio = baseline time / kadermodel time)"
        )
        header = (
            f"{'bouwstenen':>10} {'closures':>9} {'generated':>9} {'assess':>9} {'many':>9}"
            f" {'plan':>9}"
        )
        print(header + "   assess/closures assess/generated many/loop plan/generated")
    for size in sizes:
        text = synthetic_kader(size)
        kader = compile_kader(text)
        count = len(kader.bouwstenen)
        if "assess" in parts:
            rows = random_rows(kader, 200 if size <= 1_000 else 20)
            # best of many short runs for the small kader: the machine is shared
            repeat = runs * 6 if size <= 100 else runs * 3 if size <= 1_000 else 3
            f = assessment_figures(kader, rows, repeat)
            print(
                f"{count:>10} {f['closures'] * 1e6:>9.1f} {f['generated'] * 1e6:>9.1f} "
                f"{f['assess'] * 1e6:>9.1f} {f['assess_many'] * 1e6:>9.1f} {f['plan'] * 1e6:>9.1f}"
                f"   {f['closures'] / f['assess']:>15.2f} {f['generated'] / f['assess']:>16.2f}"
                f" {f['assess'] / f['assess_many']:>9.2f} {f['generated'] / f['plan']:>14.2f}"
            )
        if "compile" in parts:
            compiled[count] = compile_figures(
                text, runs if size <= 1_000 else 3, peak=size >= 10_000
            )
    if "assess" in parts:
        print(
            "   targets: 30: assess/closures >= 1.0 (goal assess/generated >= 0.5),"
            " plan/gen. >= 0.6;"
        )
        print("            1,000: assess/closures >= 2.0")
        print("            assess_many: many/loop >= 1.5 (the issue names no size)")
    if "compile" in parts:
        print()
        print(
            "2. Compile: parse, check, plan and decoder, against the generated baseline's"
            " preparation"
        )
        for count, c in compiled.items():
            peak = f"   peak {c['peak_mb']:.0f} MB" if "peak_mb" in c else ""
            print(
                f"{count:>10} {c['compile']:>9.3f} s   baseline {c['baseline']:.3f} s   "
                f"ratio {c['compile'] / c['baseline']:.1f}x{peak}"
            )
        print("   targets: 1,000: ratio <= 8x; 10,000: <= 4 s, peak <= 100 MB")


if __name__ == "__main__":
    raise SystemExit(main())
