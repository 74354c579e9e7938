"""The extension layer: applying uitbreidingen, the weakening check and the impact preview."""
