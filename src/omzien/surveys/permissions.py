"""Who reaches the survey pages (accounts.permissions; docs/surveys.md)."""

from omzien.accounts.permissions import staff_required
from omzien.surveys.models import RUNNERS

# Policy advisors, welfare workers, carer consultants and volunteer brokers build, open and
# close the surveys of their municipality and read the results.
runner_required = staff_required(*RUNNERS)
