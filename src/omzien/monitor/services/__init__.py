"""The monitor's writes, one module per topic: ``programmes`` (a programme and everything in
it), ``external`` (external indicators and their values) and ``snapshots``."""
