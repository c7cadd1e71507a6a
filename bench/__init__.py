"""Benchmark harness for taglint: corpus generator, naive baseline, runner.

Run ``python -m bench --help``; see bench/README.md.
"""
