"""Rule families, one module each; ``catalogue`` lists every rule."""
