"""Output formats: one module per format, plus rule documentation and interface strings."""
