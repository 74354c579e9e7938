"""The `kadermodel` command."""

from kadermodel.cli.app import main

__all__ = ["main"]
