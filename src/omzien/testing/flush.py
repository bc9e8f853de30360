"""What the test backends (omzien.testing.postgresql, omzien.testing.sqlite3) leave out of the
flush that ends every transactional test (the browser tests).

Django empties every table, then its ``post_migrate`` signal writes the content types and the
permissions of every model again — about 200 and 800 rows, most of a flush's time. They are
the same rows every time (they describe the models, not a test's data), so the flush keeps
them and the signal finds nothing to write. A test that adds a content type or permission of
its own must remove it itself.
"""

KEPT_TABLES = frozenset({"django_content_type", "auth_permission"})


def flushed(tables) -> list[str]:
    return [table for table in tables if table not in KEPT_TABLES]
