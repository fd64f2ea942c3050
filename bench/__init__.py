"""Benchmark: synthetic archives and a runner comparing our build with Hugo (issue 7)."""
