"""The build machinery: incremental notebook execution, the benchmark, synthetic data.

The top layer: it may use every other layer, and nothing imports it.
"""
