"""The language layer: grammar, parser, syntax tree, kader builder and bundled kaders.

Imports only the values below it (model, errors, logic).
"""
