"""Rule families, one module each; they register themselves in ``registry``."""
