"""The reads of the beursvloer, one module per topic (the same names as services/)."""
