"""Regional facts: a municipality's facts file inherits the facts of a regional facts file.

A facts file may name a regional facts file with the top-level key ``regio:``, a path
relative to the file (``regio: regio/brabant-noord.yaml``). The regional file is an ordinary
facts file and may name a ``regio:`` of its own (a chain). The municipality's own known
values override; every fact the municipality leaves unknown (left out, ``onbekend`` or
``weet niet``) takes the region's value when the region knows it. The facts then say per
fact which regional file gave the value (:attr:`Facts.inherited`), and which regional files
were read (:attr:`Facts.regions`, nearest first).

Reading the chain (files, cycles, errors) is :mod:`kadermodel.facts.reader`'s job; this
module holds the pure parts: where a ``regio:`` path points and how two facts merge.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import attrs

from kadermodel import model as m
from kadermodel.facts.value import Facts, make_facts


def regio_path(source: str, written: str) -> str:
    """The path of the regional file ``written`` in the facts file ``source``: relative to
    that file's folder, normalised (``examples/regio/../x.yaml`` becomes ``examples/x.yaml``)
    and with forward slashes, so reports do not depend on the machine."""
    folder = os.path.dirname(source) if not source.startswith("<") else ""
    joined = os.path.normpath(os.path.join(folder, written.strip()))
    return Path(joined).as_posix()


def identity(path: str) -> str:
    """The file a path names, for finding cycles (``a/../b.yaml`` and ``b.yaml`` are one)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # pragma: no cover - a symlink loop
        return os.path.abspath(path)


def text_sha256(text: str) -> str:
    """The SHA-256 of a file's text (as the receipt hashes texts)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def inherit(kader: m.Kader, own: Facts, region: Facts, written: str, digest: str) -> Facts:
    """``own`` completed with ``region``'s known facts (the municipality's values win).

    ``written`` is ``own``'s ``regio:`` as written, ``digest`` the SHA-256 of the region's
    text. Bronnen and ``vastgesteld`` dates of an inherited fact come from the region unless
    the municipality's file gives its own.
    """
    values = dict(own.values)
    inherited: dict[str, str] = {}
    for name, value in region.values.items():
        if value is not None and values.get(name) is None and name in kader.feiten:
            values[name] = value
            inherited[name] = region.inherited.get(name, region.source)
    bronnen = dict(own.bronnen)
    established = dict(own.established)
    for name in inherited:
        if name not in bronnen and name in region.bronnen:
            bronnen[name] = region.bronnen[name]
        if name not in established and name in region.established:
            established[name] = region.established[name]
    merged = make_facts(
        kader,
        values,
        gemeente=own.gemeente,
        peildatum=own.peildatum,
        bronnen={k: bronnen[k] for k in kader.feiten if k in bronnen},
        source=own.source,
        dont_know=own.dont_know - inherited.keys(),
    )
    return attrs.evolve(
        merged,
        established={k: established[k] for k in kader.feiten if k in established},
        inherited={k: inherited[k] for k in kader.feiten if k in inherited},
        regio=written,
        regions=(region.source, *region.regions),
        region_hashes=(digest, *region.region_hashes),
        warnings=own.warnings,
        text=own.text,
        afwijkingen=own.afwijkingen,  # the municipality's own decisions: not inherited
    )
