import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.conf.production")

application = get_wsgi_application()

# A web process loads the matching engine's compiled query loops as it starts, not on its
# first suggestion (ADR 0013).
from omzien.matching.engine import preload  # noqa: E402

preload()
