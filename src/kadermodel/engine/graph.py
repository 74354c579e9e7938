"""Kader -> dependency graph (``networkx.DiGraph``) and the queries on it.

Nodes are strings with a kind prefix so that a fact and a bouwsteen of the same name stay
apart: ``feit:NAME``, ``parameter:NAME``, ``bouwsteen:THEMA.NAAM``, ``plateau:THEMA.N``,
``thema:THEMA``. Every node has a ``kind`` attribute. An edge ``u -> v`` means "v depends on
u": facts and parameters point to the bouwstenen that read them, a bouwsteen to the bouwstenen
that need it and to its plateau, plateau p to plateau p+1 (cumulative plateaus), and the top
plateau to its thema. The checks reject cycles before a graph is built, so it is acyclic.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from kadermodel import model as m
from kadermodel.engine.deps import upstream
from kadermodel.engine.order import evaluation_order
from kadermodel.errors import Diagnostic, KaderError, suggest

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build_graph", "dependencies", "evaluation_order", "graph_of", "impact", "node"]

_GRAPHS: weakref.WeakKeyDictionary[m.Kader, nx.DiGraph] = weakref.WeakKeyDictionary()


def node(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def build_graph(kader: m.Kader) -> nx.DiGraph:
    import networkx as nx  # here, not at the top: the assess path never needs it

    graph = nx.DiGraph()
    for name in kader.feiten:
        graph.add_node(node("feit", name), kind="feit", name=name)
    for name in kader.parameters:
        graph.add_node(node("parameter", name), kind="parameter", name=name)
    for thema in kader.themas.values():
        graph.add_node(node("thema", thema.id), kind="thema", name=thema.id)
        for plateau in thema.plateaus:
            plateau_node = node("plateau", f"{thema.id}.{plateau.number}")
            graph.add_node(plateau_node, kind="plateau", name=f"{thema.id}.{plateau.number}")
            if plateau.number > 1:
                graph.add_edge(node("plateau", f"{thema.id}.{plateau.number - 1}"), plateau_node)
            for qid in plateau.bouwstenen:
                graph.add_node(node("bouwsteen", qid), kind="bouwsteen", name=qid)
                graph.add_edge(node("bouwsteen", qid), plateau_node)
        graph.add_edge(node("plateau", f"{thema.id}.{thema.top}"), node("thema", thema.id))
    for qid, bouwsteen in kader.bouwstenen.items():
        target = node("bouwsteen", qid)
        for dep in bouwsteen.depends_on:
            graph.add_edge(node("bouwsteen", dep), target)
        if bouwsteen.condition is not None:
            for fact in sorted(m.facts_of(bouwsteen.condition)):
                graph.add_edge(node("feit", fact), target)
            for param in sorted(m.params_of(bouwsteen.condition)):
                graph.add_edge(node("parameter", param), target)
    return graph


def graph_of(kader: m.Kader) -> nx.DiGraph:
    """The dependency graph of ``kader``, built once per kader (cached by identity).

    Treat it as read-only: it is shared by every caller.
    """
    graph = _GRAPHS.get(kader)
    if graph is None:
        graph = _GRAPHS[kader] = build_graph(kader)
    return graph


def impact(kader: m.Kader, feit: str) -> tuple[str, ...]:
    """The bouwsteen ids and thema ids that ``feit`` can influence (bouwstenen first, sorted)."""
    if feit not in kader.feiten:
        raise KaderError(
            [
                Diagnostic(
                    "K202",
                    f"onbekend feit '{feit}'",
                    None,
                    suggestion=suggest(feit, kader.feiten),
                )
            ]
        )
    graph = graph_of(kader)
    import networkx as nx

    reached = nx.descendants(graph, node("feit", feit))
    bouwstenen = sorted(graph.nodes[n]["name"] for n in reached if n.startswith("bouwsteen:"))
    themas = sorted(graph.nodes[n]["name"] for n in reached if n.startswith("thema:"))
    return (*bouwstenen, *themas)


def dependencies(kader: m.Kader, bouwsteen: str) -> tuple[str, ...]:
    """Every node a bouwsteen depends on, as ``kind:name`` strings, sorted.

    The same closure as :func:`kadermodel.engine.deps.upstream`, named as graph nodes.
    """
    if bouwsteen not in kader.bouwstenen:
        raise KaderError(
            [
                Diagnostic(
                    "K202",
                    f"onbekende bouwsteen '{bouwsteen}'",
                    None,
                    suggestion=suggest(bouwsteen, kader.bouwstenen),
                )
            ]
        )
    deps = upstream(kader, bouwsteen)
    return tuple(
        sorted(
            [
                *(node("bouwsteen", q) for q in deps.bouwstenen),
                *(node("feit", f) for f in deps.feiten),
                *(node("parameter", p) for p in deps.parameters),
            ]
        )
    )
