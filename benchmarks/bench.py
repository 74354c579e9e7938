"""Benchmark: compile time and assessment throughput on synthetic kaders.

Generates kaders of about 30, 1,000 and 10,000 bouwstenen (seeded, so every run measures the
same text), then reports per size:

- compile time: parse + check + compiled plan, best of a few runs;
- assessment time: ``assess(kader, facts)`` over pre-validated facts with 20% unknowns,
  as assessments per second and milliseconds per assessment.

Also the bundled VNG kader on the example municipalities. Run with ``make bench`` or
``python benchmarks/bench.py [--quick]``; pin to one core with ``taskset -c 0`` for the figures
in the issue (targets: 30 bouwstenen >= 60,000 assessments/s; 1,000 compile <= 0.5 s and
assess <= 0.6 ms; 10,000 compile <= 5 s).
"""

from __future__ import annotations

import argparse
import functools
import gc
import random
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import kadermodel
from kadermodel import Facts, Kader
from kadermodel.engine.evaluate import plan_of

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


def random_facts(kader: Kader, count: int, unknown: float = 0.2, seed: int = 7) -> list[Facts]:
    rnd = random.Random(seed)
    result = []
    for _ in range(count):
        values: dict[str, object] = {}
        for name, feit in kader.feiten.items():
            if rnd.random() < unknown:
                continue
            kind = feit.type.kind
            if kind == "ja_nee":
                values[name] = rnd.random() < 0.7
            elif kind == "aantal":
                values[name] = rnd.randrange(6)
            elif kind == "keuze":
                values[name] = rnd.choice(feit.type.values)
            elif kind == "verzameling":
                values[name] = [v for v in feit.type.values if rnd.random() < 0.5]
            else:
                values[name] = f"20{rnd.randrange(18, 27)}-0{rnd.randrange(1, 10)}-15"
        result.append(kadermodel.parse_facts(values, kader))
    return result


def best_of(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def compile_kader(text: str) -> Kader:
    kader = kadermodel.parse_kader(text, "synthetisch.kader")
    _ = plan_of(kader)
    return kader


def measure_assess(kader: Kader, facts: list[Facts], seconds: float) -> float:
    """Seconds per assessment, best of 3 batches sized to run about ``seconds`` each."""
    assess = kadermodel.assess
    for item in facts:  # warm up: plan and cut-off dates cached
        assess(kader, item)

    def run(batch: int) -> None:
        for i in range(batch):
            assess(kader, facts[i % len(facts)])

    batch = 1
    while best_of(1, functools.partial(run, batch)) < seconds / 4 and batch < 10_000_000:
        batch *= 4
    return best_of(3, functools.partial(run, batch)) / batch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[30, 1_000, 10_000], help="bouwstenen per kader"
    )
    args = parser.parse_args(argv)
    runs = 1 if args.quick else 3
    seconds = 0.2 if args.quick else 1.0
    print(f"kadermodel {version('kadermodel')} benchmark, Python {sys.version.split()[0]}")
    print(f"{'bouwstenen':>10} {'compile (s)':>12} {'assess (ms)':>12} {'assessments/s':>14}")
    for size in args.sizes:
        text = synthetic_kader(size)
        gc.collect()
        kader = compile_kader(text)
        compile_seconds = best_of(runs if size < 5_000 else 1, lambda t=text: compile_kader(t))
        facts = random_facts(kader, 64 if size <= 1_000 else 8)
        per = measure_assess(kader, facts, seconds)
        figures = f"{compile_seconds:>12.3f} {per * 1e3:>12.4f} {1 / per:>14,.0f}"
        print(f"{len(kader.bouwstenen):>10} {figures}")
    vng = kadermodel.bundled_kader()
    examples = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
    vng_facts = [kadermodel.load_facts(p, vng) for p in examples]
    if vng_facts:
        per = measure_assess(vng, vng_facts, seconds)
        print(f"{'VNG 2021':>10} {'':>12} {per * 1e3:>12.4f} {1 / per:>14,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
