"""The monitor's reads: ``programmes`` (lists and one programme for staff and the public) and
``dashboard`` (a programme's measures with their values, lights and charts)."""
