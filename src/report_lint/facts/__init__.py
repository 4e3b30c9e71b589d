"""What rules share, computed once per document and lazily: the lint context, mapped tables."""
