"""Command line, configuration, baselines and output writing: wires the pipeline stages."""
