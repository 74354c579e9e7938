"""The wheel ships everything it needs: the grammar, the bundled kader, py.typed.

One wheel is built and installed into one fresh venv per session (``installed_wheel_venv``
in conftest.py). The venv's python then runs from a temporary folder, far from this checkout,
parses the bundled kader and assesses an example; the outcome must equal what the engine in
the development venv computes for the same input. Without network access to the package
index the fixtures skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

import kadermodel

# Each test builds or installs a wheel in a fresh venv.
pytestmark = pytest.mark.slow

SCRIPT = """
import json, sys
from importlib import resources
import kadermodel

packaged = resources.files("kadermodel")
kader = kadermodel.bundled_kader()
facts = kadermodel.parse_facts(sys.stdin.read(), kader, name="voorbeeld.yaml")
result = kadermodel.assess(kader, facts)
try:
    kadermodel.parse_kader("kader x {", "kapot.kader")
except kadermodel.KaderSyntaxError as error:
    syntax_error = str(error)
print(json.dumps({
    "module": kadermodel.__file__,
    "grammar": packaged.joinpath("grammar", "kadertaal.lark").is_file(),
    "py_typed": packaged.joinpath("py.typed").is_file(),
    "bundled": list(kadermodel.bundled_ids()),
    "bouwstenen": len(kader.bouwstenen),
    "ranges": {t: [r.plateau.low, r.plateau.high] for t, r in result.themas.items()},
    "truths": {q: str(r.truth) for q, r in result.bouwstenen.items()},
    "syntax_error": syntax_error,
}))
"""


def clean_env() -> dict[str, str]:
    """The environment without anything that could point python at this checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def test_the_wheel_holds_grammar_kaders_and_type_marker(built_wheel: Path) -> None:
    with zipfile.ZipFile(built_wheel) as wheel:
        names = set(wheel.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = wheel.read(metadata).decode("utf-8")
    assert "kadermodel/grammar/kadertaal.lark" in names
    assert "kadermodel/py.typed" in names
    from kadermodel.language.bundled import bundled_extension_ids

    for kader_id in (*kadermodel.bundled_ids(), *bundled_extension_ids()):
        assert f"kadermodel/kaders/{kader_id}.kader" in names
    assert "kadermodel/kaders/lezingen.yaml" in names
    assert "Provides-Extra: testing" in meta
    assert not any(n.startswith(("tests/", "kadermodel/tests/")) for n in names)
    # PEP 639: an SPDX expression and the licence text itself
    assert "License-Expression: EUPL-1.2" in meta
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "Classifier: Framework :: Pytest" in meta


def test_installed_wheel_parses_the_bundled_kader_and_assesses(
    installed_wheel_venv: Path, tmp_path: Path, repo_root: Path
) -> None:
    example = (repo_root / "examples" / "voorbeeldstad.yaml").read_text(encoding="utf-8")
    done = subprocess.run(
        [str(installed_wheel_venv), "-I", "-c", SCRIPT],
        input=example,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)

    venv = installed_wheel_venv.parent.parent
    assert Path(found["module"]).is_relative_to(venv), "kadermodel came from outside the venv"
    assert found["grammar"] and found["py_typed"]
    assert found["bundled"] == list(kadermodel.bundled_ids())

    kader = kadermodel.bundled_kader()
    here = kadermodel.assess(kader, kadermodel.parse_facts(example, kader))
    assert found["bouwstenen"] == len(kader.bouwstenen)
    assert found["ranges"] == {t: [r.plateau.low, r.plateau.high] for t, r in here.themas.items()}
    assert found["truths"] == {q: str(r.truth) for q, r in here.bouwstenen.items()}
    assert found["syntax_error"].startswith("kapot.kader:1:")


def test_the_testing_extra_is_installed(installed_wheel_venv: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(installed_wheel_venv), "-I", "-c", "import hypothesis, pytest; print('ok')"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
