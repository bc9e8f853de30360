"""Writes of the volunteer prize, one module per topic."""
