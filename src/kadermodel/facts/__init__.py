"""The facts layer: facts files (YAML/JSON/mappings) read with positions into `Facts`."""
