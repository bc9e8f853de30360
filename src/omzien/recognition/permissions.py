"""Who reaches the volunteer prize's pages (accounts.permissions; docs/volunteering.md)."""

from omzien.accounts.constants import STAFF_ROLES, Role
from omzien.accounts.permissions import staff_required

# The volunteer broker sets up the round, checks nominations, asks consent, marks the winners.
broker_required = staff_required(Role.BROKER)
# The jury: staff users the broker put on a round's jury (a membership of that round, not a
# role); the pages show only the rounds the user is on the jury of, any other answers 404.
jury_required = staff_required(*sorted(STAFF_ROLES))
