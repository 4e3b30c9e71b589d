"""The document model every stage shares: blocks, tables, findings."""
