"""The batch stage: after every file is linted alone, link reports of one agency across
years and run the cross-year rules (family Y) on each linked pair."""
