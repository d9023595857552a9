"""Benchmarks for Letters, outside the test suite: ``python -m benchmarks``
(see README.md)."""
