"""The outline of a report: blocks classified into tokens, parsed by the Lark grammar in grammar/outline.lark."""
