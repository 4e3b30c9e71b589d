"""Text facts used by every later stage: normalising, numerals, quantities, dates, contacts, labels."""
