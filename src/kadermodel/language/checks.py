"""Syntax tree -> checked :class:`~kadermodel.model.Kader`, collecting every problem at once.

The kader file goes through the one kader builder (:mod:`kadermodel.language.build`), the
same one that applies uitbreidingen: header, declarations (duplicates, types, parameter
values), thema's and plateaus (numbering, empty blocks), bouwstenen and stellingen (names
resolved, types checked), and dependency cycles. If any step found an error, one
:class:`~kadermodel.errors.KaderCompileError` carries all diagnostics, in source order.
"""

from __future__ import annotations

import attrs

from kadermodel import model as m
from kadermodel.errors import Diagnostic, KaderCompileError, KaderCycleError
from kadermodel.language import ast
from kadermodel.language.build import META_KEYS as META_KEYS
from kadermodel.language.build import Builder, check_header, check_stale_after
from kadermodel.language.build import find_cycles as find_cycles
from kadermodel.language.resolve import Resolver as Resolver
from kadermodel.language.resolve import Scope as Scope
from kadermodel.language.resolve import check_literal as check_literal
from kadermodel.language.resolve import check_type as check_type


def build_kader(tree: ast.KaderFile) -> tuple[m.Kader, list[Diagnostic]]:
    """The kader a file declares, and every error found on the way (empty: it is sound)."""
    builder = Builder(tree.id.text)
    meta = check_header(tree, builder)
    stale_after = check_stale_after(tree, builder)
    builder.declare(tree.declarations)
    resolver = Resolver(builder.scope(), builder.report)
    builder.conditions(resolver)
    for decl in tree.declarations:
        if isinstance(decl, ast.StellingDecl):
            builder.stelling(decl, resolver)
        elif isinstance(decl, ast.ControleDecl):
            builder.controle(decl, resolver)
    themas, bouwstenen = builder.built_themas()
    builder.errors.extend(find_cycles(bouwstenen))
    kader = m.Kader(
        id=tree.id.text,
        meta=meta,
        feiten=builder.feiten,
        parameters=builder.parameters,
        themas=themas,
        bouwstenen=bouwstenen,
        stellingen=builder.stellingen,
        controles=builder.controles,
        stale_after_months=stale_after,
    )
    return kader, builder.errors


def _error_for(diagnostics: list[Diagnostic], sources: dict[str, str]) -> KaderCompileError:
    ordered = sorted(
        diagnostics,
        key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0),
    )
    kind = KaderCycleError if all(d.code == "K401" for d in ordered) else KaderCompileError
    return kind(ordered, sources)


def check_kader(tree: ast.KaderFile, source: str = "") -> m.Kader:
    """Check a parsed kader file; raise :class:`KaderCompileError` with every problem found."""
    sources = {tree.source_name: source}
    kader, errors = build_kader(tree)
    if errors:
        raise _error_for(errors, sources)
    return attrs.evolve(kader, sources=sources)
