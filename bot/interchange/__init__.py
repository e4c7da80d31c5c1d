"""What our exports and our importer agree on: how a CSV cell that would run as a formula is
quoted (``cell_quoting``), how a file names the plan it came from (``identity``), the columns
of a week or month grid (``grid_periods``), and the tables the services build for the writers
(``tables``).

A package of its own, with no imports of the rest of ``bot``, so that both sides use it without
loading each other.
"""
