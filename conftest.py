"""How pytest-xdist shares the suite out (``make test`` runs it with ``-n``).

This file sits at the top so that xdist's controller process, which collects no tests and
so never reads src/omzien/conftest.py, loads it. The fixtures are in src/omzien/conftest.py.
"""

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist load`` (the default with ``-n``), except that the tests of one test class
    run on one worker, so a class-scoped fixture (the loaded demo) is set up once.

    ``--dist loadgroup`` with ``xdist_group`` marks would do this, but with pytest 9.2 it
    silently stops grouping (pytest-xdist issue #1386). Classes are handed out first (xdist
    orders scopes by size), every other test one by one, in collection order: pytest-django
    puts transactional tests (the browser tests) last, and that order is kept.
    """
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LoadWithClassesTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module, _, rest = nodeid.partition("::")
            cls, nested, _ = rest.partition("::")
            return f"{module}::{cls}" if nested else nodeid

    return LoadWithClassesTogether(config, log)
