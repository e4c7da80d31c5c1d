"""Benchmarks: run as `python -m bench.NAME`; figures go to docs/performance.md."""
