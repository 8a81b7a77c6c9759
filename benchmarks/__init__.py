"""Benchmarks run against a site with ``bench execute`` (not tests)."""
