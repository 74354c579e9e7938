"""Shared fixtures for the whole suite (rootdir conftest; the tests folders have no __init__).

* a hypothesis profile without deadlines (assessments are fast, but the first compile of a
  kader is not, and speed is measured in ``benchmarks/``, never in tests);
* ``repo_root`` and the bundled kader;
* ``built_wheel`` / ``installed_wheel_venv``: one wheel build and one fresh venv per session,
  with ``kadermodel[testing]`` installed from the wheel. The venv fixture returns the path of
  the venv's python. Without network access to the package index both fail, naming it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import kadermodel

# Two profiles: "quick" for `make test` (the default) and "thorough" for `make fuzz`. Neither
# has a deadline: speed is measured in benchmarks/, never in tests. A test that sets its own
# max_examples keeps it in both.
# The parser cache (kadermodel.language.syntax.cache_dir) of this session: not the user's.
_CACHE = tempfile.TemporaryDirectory(prefix="kadermodel-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE.name

settings.register_profile(
    "quick",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("quick"),
    max_examples=1_000,
)
settings.load_profile(os.environ.get("KADERMODEL_HYPOTHESIS_PROFILE", "quick"))

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(params=["libyaml", "pure"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type[Any]:
    """Each YAML loader the facts reader can use, in turn: libyaml's (``CSafeLoader``, the
    default when PyYAML has it) and PyYAML's pure-Python one (the default when it has not).
    Facts tests that use this run with both, so both give the same values, errors and
    positions. A PyYAML without libyaml fails the libyaml run: it must be tested, not skipped.
    """
    import yaml

    from kadermodel.facts import yamlsource

    if request.param == "pure":
        loader: type[Any] = yaml.SafeLoader
    else:
        loader = getattr(yaml, "CSafeLoader", None)  # type: ignore[assignment]
        if loader is None:
            pytest.fail("PyYAML without libyaml: the CSafeLoader cannot be tested")
    monkeypatch.setattr(yamlsource, "LOADER", loader)
    return loader


@pytest.fixture(scope="session")
def bundled() -> kadermodel.Kader:
    """The bundled VNG 2021 kader (parsed once)."""
    return kadermodel.bundled_kader()


# ------------------------------------------------------------------ wheel + fresh venv


def _index_host() -> tuple[str, int]:
    url = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple")
    parsed = urllib.parse.urlparse(url)
    return parsed.hostname or "pypi.org", parsed.port or (443 if parsed.scheme == "https" else 80)


def _network_problem() -> str | None:
    """None when the package index answers, else why not."""
    host, port = _index_host()
    try:
        with socket.create_connection((host, port), timeout=5):
            return None
    except OSError as error:
        return f"no network access to the package index {host}:{port} ({error})"


def _run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def _fail(what: str, result: subprocess.CompletedProcess[str]) -> None:
    pytest.fail(f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of the working tree, built once per session into a temporary folder."""
    problem = _network_problem()
    if problem:
        # A missing tool fails, never skips: building the wheel needs the package index.
        pytest.fail(problem)
    out = tmp_path_factory.mktemp("wheel")
    try:
        import build  # noqa: F401  (only to learn whether `python -m build` is available)

        command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO_ROOT)]
    except ImportError:
        command = [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-w",
            str(out),
            str(REPO_ROOT),
        ]
    result = _run(command, cwd=out)
    if result.returncode != 0:
        _fail("building the wheel", result)
    wheels = sorted(out.glob("kadermodel-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="session")
def installed_wheel_venv(tmp_path_factory: pytest.TempPathFactory, built_wheel: Path) -> Path:
    """A fresh venv with ``kadermodel[testing]`` installed from the wheel; its python's path.

    Run it with ``cwd`` outside the repository (e.g. a ``tmp_path``) so that nothing from the
    checkout can be imported by accident.
    """
    root = tmp_path_factory.mktemp("venv")
    venv = root / "venv"
    # No pip of its own (bootstrapping pip takes longer than the rest together): this
    # session's pip installs into the venv through --python. To add a package later, run
    # `python -m pip --python <venv python> install ...` from outside the venv.
    result = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=root)
    if result.returncode != 0:
        _fail("creating the venv", result)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install"]
    result = _run([*install, "--quiet", "--no-compile", f"{built_wheel}[testing]"], cwd=root)
    if result.returncode != 0:
        _fail("installing the wheel", result)
    return python


# ------------------------------------------------------------------ the decoder's oracle


def same_decoding(found: object, expected: object) -> bool:
    """Equal, and of the same types all the way down (``True == 1`` does not count)."""
    if type(found) is not type(expected):
        return False
    if isinstance(found, dict) and isinstance(expected, dict):
        return list(found) == list(expected) and all(
            same_decoding(found[k], expected[k]) for k in found
        )
    if isinstance(found, tuple) and isinstance(expected, tuple):
        return len(found) == len(expected) and all(map(same_decoding, found, expected))
    if isinstance(found, frozenset) and isinstance(expected, frozenset):
        return found == expected and all(type(v) is str for v in found | expected)
    return found == expected


@pytest.fixture(autouse=True, scope="session")
def _decoder_agrees_with_the_reader() -> Iterator[None]:
    """Every mapping the suite decodes on the fast path (kadermodel.facts.decoder) is read by
    the reader too, and must give the same values and encoding. The decoder gives up on
    anything else (bad values included), so errors always come from the reader."""
    from kadermodel.facts import core, decoder

    original = decoder.Decoder.decode

    def checked(self: decoder.Decoder, data: Mapping[Any, Any]) -> decoder.Decoded | None:
        found = original(self, data)
        kader = self.kader
        if found is not None and kader is not None:
            expected = core.read_values(kader, data)
            assert same_decoding(found, (dict(expected.values), expected.encoded)), data
        return found

    decoder.Decoder.decode = checked  # type: ignore[method-assign]
    yield
    decoder.Decoder.decode = original  # type: ignore[method-assign]
