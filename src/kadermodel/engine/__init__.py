"""The engine layer: dependency graph, evaluation order, plan compiler and evaluation, the
reference interpreter and the boundary abstraction of fact values.
"""
