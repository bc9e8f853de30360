"""Buddy programmes (maatjesprojecten): two groups, one-to-one pairs, their follow-up."""
