"""The burden trend on the carer's page: geometry in Python, drawn as inline SVG."""

from django import template
from django.db.models import prefetch_related_objects

from omzien.caregivers import constants, instruments
from omzien.caregivers.models import CaregiverSettings

register = template.Library()


@register.simple_tag
def screening_charts(screenings, carer) -> list[dict]:
    """One chart per instrument the carer has results for, in a fixed number of queries.

    ``screenings`` are the carer's screenings ordered by date. Loads who recorded them in one
    query (unless already loaded) and the municipality's EDIZ threshold in one more.
    """
    screenings = list(screenings)
    if not screenings:
        return []
    prefetch_related_objects(screenings, "recorded_by")
    ediz_threshold = (
        CaregiverSettings.objects.filter(municipality_id=carer.municipality_id)
        .values_list("ediz_heavy_threshold", flat=True)
        .first()
    ) or instruments.EDIZ_DEFAULT_HEAVY_THRESHOLD
    heavy_from = {
        constants.Instrument.GGD: instruments.GGD_HEAVY_FROM,
        constants.Instrument.EDIZ: ediz_threshold,
    }
    charts = []
    for code, label in constants.Instrument.choices:
        rows = sorted(
            (s for s in screenings if s.instrument == code), key=lambda s: (s.taken_on, s.pk)
        )
        if not rows:
            continue
        spec = instruments.definition(code)
        charts.append(
            {
                "code": code,
                "label": label,
                "max_score": spec.max_score,
                "heavy_from": heavy_from[code],
                "latest": rows[-1],
                "count": len(rows),
                "geometry": instruments.chart_geometry(
                    ((s.taken_on, s.score, s.heavily_burdened) for s in rows),
                    max_score=spec.max_score,
                    heavy_from=heavy_from[code],
                ),
            }
        )
    return charts
