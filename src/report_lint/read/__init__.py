"""Readers: one module per input format, each turning a file into a model.document.Document."""
