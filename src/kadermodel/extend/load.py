"""A kader by reference (a bundled id or a ``.kader`` path) plus its extensions -> Kader.

The one place the rules for finding a kader live; :func:`kadermodel.api.load_kader`, the
command line, case files and the pytest plugin all load through :func:`load`:

* a reference without a suffix that is a bundled id (``vng_mensenhandel_2021``) is that
  bundled kader; anything else is a path, relative to ``relative_to`` when given (a case file's
  folder), else to the working directory;
* a file holding an uitbreiding (``uitbreiding x op basis``) is applied to its base, found as
  :func:`kadermodel.extend.apply.resolve_base` finds it (a bundled kader, or a ``.kader`` file
  in the file's folder whose id is the base), recursively;
* the extensions are then applied in order (national, regional, municipal); an extension
  without a suffix that is a bundled uitbreiding id (``lezing_meerdere_keren_twee``) is that
  bundled uitbreiding, anything else a path; a bundled uitbreiding id as the reference itself
  is that uitbreiding on its base;
* a ``binnen`` window longer than 200 years gets a warning (K311,
  :mod:`kadermodel.language.windows`).

:class:`Loaded` also keeps the kader the extensions build on (the tightening law compares the
two).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from kadermodel import model as m
from kadermodel.errors import Diagnostic, KaderError, os_error_reason, suggest
from kadermodel.gcpause import pause_gc
from kadermodel.language.bundled import (
    bundled_extension_ids,
    bundled_ids,
    bundled_kader,
    bundled_text,
)
from kadermodel.language.windows import window_warnings

# The parser, the checks and the extension machinery are imported where they are used: loading
# a bundled kader without extensions (what `kadermodel assess` does) needs none of them.


@attrs.frozen
class Loaded:
    """A kader with its extensions applied, and the kader they were applied to."""

    kader: m.Kader
    base: m.Kader | None
    """The kader before the extensions; for an uitbreiding file without extensions, the base it
    names; ``None`` for a plain kader without extensions."""


def is_bundled_reference(reference: str | Path) -> bool:
    """Whether a reference names a bundled kader (an id without suffix) rather than a file."""
    return not Path(reference).suffix and str(reference) in bundled_ids()


def is_bundled_extension(reference: str | Path) -> bool:
    """Whether a reference names a bundled uitbreiding (an id without suffix), not a file."""
    return not Path(reference).suffix and str(reference) in bundled_extension_ids()


def parse(
    text: str,
    name: str = "<tekst>",
    *,
    extensions: Iterable[str | Path] = (),
    search_path: Iterable[Path] = (),
) -> Loaded:
    """Kadertaal text (a kader or an uitbreiding on a base in ``search_path``) + extensions."""
    from kadermodel.extend.apply import apply_uitbreiding, resolve_base
    from kadermodel.language import ast
    from kadermodel.language.checks import check_kader
    from kadermodel.language.syntax import parse_source

    base: m.Kader | None = None
    with pause_gc():
        tree = parse_source(text, name)
        if isinstance(tree, ast.UitbreidingFile):
            base = resolve_base(
                tree.base,
                tuple(search_path),
                chain=(tree.id.text,),
                sources={tree.source_name: text},
            )
            kader = apply_uitbreiding(base, tree, text)
        else:
            kader = check_kader(tree, text)
        # Freed here, the syntax tree is never scanned by the collector (for a big kader
        # the first collection after the pause would otherwise scan it whole, for nothing).
        del tree
    return _extended(kader, base, extensions)


def load(
    reference: str | Path,
    *,
    extensions: Iterable[str | Path] = (),
    relative_to: Path | None = None,
) -> Loaded:
    """Load a bundled kader or a ``.kader`` file, then apply ``extensions`` in order."""
    if is_bundled_reference(reference):
        return _extended(bundled_kader(str(reference)), None, extensions, relative_to)
    if is_bundled_extension(reference):
        loaded = parse(bundled_text(str(reference)), f"{reference}.kader")
        return _extended(loaded.kader, loaded.base, extensions, relative_to)
    path = Path(reference)
    if relative_to is not None:
        path = relative_to / path
    try:
        # utf-8-sig: editors on Windows often start a file with a byte order mark
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        detail = (
            os_error_reason(error) if isinstance(error, OSError) else "geen leesbaar UTF-8-bestand"
        )
        raise KaderError(
            [
                Diagnostic(
                    "K500",
                    f"kan kaderbestand '{reference}' niet lezen: {detail}",
                    None,
                    hint="geef een pad naar een .kader-bestand of de naam van een "
                    "meegeleverd kader: " + ", ".join(bundled_ids()),
                    suggestion=suggest(str(reference), bundled_ids()),
                )
            ]
        ) from None
    name = str(path) if relative_to is None else str(path.resolve())
    # The folder as given (not resolved): a base found next to the file keeps a path the user
    # recognises instead of an absolute one of this machine.
    loaded = parse(text, name, search_path=(path.parent,))
    return _extended(loaded.kader, loaded.base, extensions, relative_to)


def _extended(
    kader: m.Kader,
    base: m.Kader | None,
    extensions: Iterable[str | Path],
    relative_to: Path | None = None,
) -> Loaded:
    references = list(extensions)
    if not references:
        return Loaded(_with_window_warnings(kader), base)
    from kadermodel.extend.apply import apply_extension_path, apply_text

    extended = kader
    for reference in references:
        if is_bundled_extension(reference):
            name = f"{reference}.kader"
            extended = apply_text(extended, bundled_text(str(reference)), name)
            continue
        path = Path(reference) if relative_to is None else relative_to / reference
        extended = apply_extension_path(extended, path)
    return Loaded(_with_window_warnings(extended), kader)


def _with_window_warnings(kader: m.Kader) -> m.Kader:
    """The kader with a K311 warning for every absurdly long ``binnen`` window."""
    new = [w for w in window_warnings(kader) if w not in kader.warnings]
    return attrs.evolve(kader, warnings=(*kader.warnings, *new)) if new else kader
