"""Benchmarks of the SDK (`python -m bench`) and of the mock server (`bench/bench_mock.py`)."""
