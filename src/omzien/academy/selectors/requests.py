"""Training requests as the broker reads them: grouped by topic, the topic most
organisations ask for first."""

from django.db.models import Count, Sum

from omzien.academy import constants
from omzien.academy.models import TrainingRequest


def request_groups(*, user, municipality_id: int) -> list[dict]:
    """The open requests of the municipality per topic: how many organisations, requests and
    people, and the requests themselves; most organisations first, then most people (two
    queries)."""
    open_requests = TrainingRequest.objects.visible_to(user).filter(
        municipality=municipality_id, booking__isnull=True
    )
    groups = list(
        open_requests.order_by()
        .values("topic")
        .annotate(
            organisations=Count("organisation", distinct=True),
            requests=Count("pk"),
            people=Sum("people"),
        )
        .order_by("-organisations", "-people", "topic")
    )
    by_topic: dict[str, list] = {}
    for row in open_requests.select_related("organisation").order_by("created_at", "pk"):
        by_topic.setdefault(row.topic, []).append(row)
    labels = dict(constants.Topic.choices)
    for group in groups:
        group["label"] = labels.get(group["topic"], group["topic"])
        group["items"] = by_topic.get(group["topic"], [])
    return groups


def requests_of(*, organisation) -> list[TrainingRequest]:
    return list(
        TrainingRequest.objects.filter(organisation=organisation)
        .select_related("booking")
        .order_by("-created_at", "-pk")[:50]
    )
