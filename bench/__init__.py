"""Benchmark scripts: run as ``python -m bench.<name>``; they print their figures."""
