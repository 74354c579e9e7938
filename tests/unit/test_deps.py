"""Dependency closures (kadermodel.engine.deps) agree with the networkx graph, and the
evaluation order (kadermodel.engine.order, pure Python) with networkx's topological sort."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings

import kadermodel
from kadermodel.engine.deps import closure, downstream, upstream
from kadermodel.engine.graph import graph_of, node
from kadermodel.engine.order import evaluation_order
from kadermodel.testing.strategies import kaders

SMALL_KADERS = kaders(max_feiten=5, max_themas=3, max_plateaus=3, max_bouwstenen=3).map(
    lambda text: kadermodel.parse_kader(text, "<gegenereerd>")
)


def _names(nodes: set[str], kind: str) -> frozenset[str]:
    return frozenset(n.split(":", 1)[1] for n in nodes if n.startswith(f"{kind}:"))


@settings(max_examples=60)
@given(SMALL_KADERS)
def test_upstream_and_downstream_are_the_graph_closures(kader: kadermodel.Kader) -> None:
    graph = graph_of(kader)
    for qid in kader.bouwstenen:
        ancestors = nx.ancestors(graph, node("bouwsteen", qid))
        deps = upstream(kader, qid)
        assert deps.bouwstenen == _names(ancestors, "bouwsteen")
        assert deps.feiten == _names(ancestors, "feit")
        assert deps.parameters == _names(ancestors, "parameter")
        assert closure(kader, [qid]) == deps.bouwstenen | {qid}
        below = _names(nx.descendants(graph, node("bouwsteen", qid)), "bouwsteen")
        assert set(downstream(kader, qid)) == below


@settings(max_examples=60)
@given(SMALL_KADERS)
def test_evaluation_order_is_the_lexicographic_topological_order(kader: kadermodel.Kader) -> None:
    declared = {qid: i for i, qid in enumerate(kader.bouwstenen)}
    graph = nx.DiGraph()
    graph.add_nodes_from(kader.bouwstenen)
    for qid, bouwsteen in kader.bouwstenen.items():
        graph.add_edges_from((dep, qid) for dep in bouwsteen.depends_on)
    expected = tuple(nx.lexicographical_topological_sort(graph, key=declared.__getitem__))
    assert evaluation_order(kader) == expected
