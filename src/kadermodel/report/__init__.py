"""The report layer: every renderer of results (Dutch text, JSON) and the text helpers."""
