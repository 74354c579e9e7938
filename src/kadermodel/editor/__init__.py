"""Tools for editors and rule authors: syntax highlighting (and, with extras, more)."""
