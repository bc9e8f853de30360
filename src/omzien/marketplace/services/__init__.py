"""The writes of the beursvloer, one module per topic: events, entries (participants with their
offers and requests), prematches, deals and retention."""
