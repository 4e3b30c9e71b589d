"""Format profiles: rules/*.toml loaded, typed and validated; choosing a profile for a document."""
