"""Background work of the newsletters, thin: each task calls a service."""

from django_tasks import task

from omzien.newsletters.services.sending import deliveries_process


@task()
def send_newsletter(*, newsletter_id: int) -> dict[str, int]:
    """Mail the queued e-mails of a newsletter that is being sent (safe to run again, and
    several times at once: see services.sending)."""
    return deliveries_process(newsletter_id=newsletter_id)
