"""What our exports and our importer agree on: how a CSV cell that would run as a formula is
quoted (``cell_quoting``) and how a file names the plan it came from (``identity``).

A package of its own, with no imports of the rest of ``bot``, so that both sides use it without
loading each other.
"""
