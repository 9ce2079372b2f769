"""Benchmarks (``make bench``): not tests; they measure and print."""
