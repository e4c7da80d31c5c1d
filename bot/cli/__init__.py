"""The command line: `commplan …` (typer), one module per command group."""
