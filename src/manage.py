#!/usr/bin/env python
import os
import sys


def main() -> None:
    # Production unless told otherwise: the Makefile sets omzien.conf.dev for development, so a
    # command run by hand on a server never gets DEBUG or the demo by accident.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.conf.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
