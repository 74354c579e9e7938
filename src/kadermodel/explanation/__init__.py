"""The explanation layer: why, next steps, relevant unknowns, next question and diff."""
