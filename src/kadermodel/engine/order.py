"""Kader -> the order in which its bouwstenen are evaluated (every dependency first).

Pure Python on purpose: the assess path compiles a plan in this order, and importing networkx
for one topological sort would double the start-up time of the command line.
"""

from __future__ import annotations

import heapq
import weakref

from kadermodel import model as m

_ORDER: weakref.WeakKeyDictionary[m.Kader, tuple[str, ...]] = weakref.WeakKeyDictionary()


def evaluation_order(kader: m.Kader) -> tuple[str, ...]:
    """Bouwsteen ids, every dependency before its dependants; ties in declaration order.

    The checks reject cycles before a kader exists, so every bouwsteen is placed. Cached by
    identity (a kader never changes).
    """
    cached = _ORDER.get(kader)
    if cached is not None:
        return cached
    declared = {qid: i for i, qid in enumerate(kader.bouwstenen)}
    waiting = {qid: len(set(b.depends_on)) for qid, b in kader.bouwstenen.items()}
    dependants: dict[str, list[str]] = {qid: [] for qid in kader.bouwstenen}
    for qid, bouwsteen in kader.bouwstenen.items():
        for dep in set(bouwsteen.depends_on):
            dependants[dep].append(qid)
    ready = [declared[qid] for qid, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ids = list(kader.bouwstenen)
    order: list[str] = []
    while ready:
        qid = ids[heapq.heappop(ready)]
        order.append(qid)
        for later in dependants[qid]:
            waiting[later] -= 1
            if waiting[later] == 0:
                heapq.heappush(ready, declared[later])
    result = _ORDER[kader] = tuple(order)
    return result
