"""The subcommand registry: listing every subcommand imports none of their modules, yet the
lazily built parser says exactly what the full one says (summaries, each subcommand's help)."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from kadermodel.cli.app import (
    ALL,
    ASSESS_MODULE,
    COMMAND_MODULES,
    COMMAND_SUMMARIES,
    build_parser,
    chosen_command,
    command_name,
)

MODULES = (ASSESS_MODULE, *COMMAND_MODULES)
NAMES = [command_name(module) for module in MODULES]


def subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_every_module_registers_the_summary_listed_for_it() -> None:
    action = subcommands(build_parser(ALL))
    registered = {choice.dest: choice.help for choice in action._choices_actions}
    for module, name in zip(MODULES, NAMES, strict=True):
        assert name in action.choices, f"{module} registers no subcommand '{name}'"
        assert registered[name] == COMMAND_SUMMARIES.get(name), name
    assert set(COMMAND_SUMMARIES) == set(NAMES)


def test_the_lazy_listing_is_the_full_one() -> None:
    assert build_parser("").format_help() == build_parser(ALL).format_help()


@pytest.mark.parametrize("name", NAMES)
def test_a_chosen_subcommand_has_its_full_help(name: str) -> None:
    lazy = subcommands(build_parser(name)).choices[name]
    full = subcommands(build_parser(ALL)).choices[name]
    assert lazy.format_help() == full.format_help()
    assert lazy.get_default("run") is not None


def test_only_the_chosen_module_is_imported() -> None:
    code = (
        "import sys\n"
        "from kadermodel.cli.app import build_parser\n"
        "build_parser('assess')\n"
        "print(sorted(m for m in sys.modules if m.startswith('kadermodel.cli.')))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert shown.strip() == "['kadermodel.cli.app', 'kadermodel.cli.assess']"


@pytest.mark.parametrize(
    "argv, chosen",
    [
        ([], ""),
        (["--help"], ""),
        (["--version"], ""),
        (["assess", "x.yaml", "--format", "json"], "assess"),
        (["-h", "lint"], "lint"),
    ],
)
def test_the_chosen_subcommand_is_the_first_word(argv: list[str], chosen: str) -> None:
    assert chosen_command(argv) == chosen
