"""Distances between localities (village centres), in kilometres."""

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def distance_table(points: list[tuple[float, float] | None]) -> np.ndarray:
    """Kilometres between every two points, rounded to 0.1 km; ``inf`` where one is unknown,
    except that a village is 0 km from itself even without coordinates.

    Computed once per set of localities and shared by the engine and the reference scoring, so
    both see exactly the same distances.
    """
    n = len(points)
    table = np.full((n, n), np.inf)
    np.fill_diagonal(table, 0.0)
    for i, a in enumerate(points):
        if a is None:
            continue
        for j in range(i, n):
            b = points[j]
            if b is None:
                continue
            km = round(haversine_km(a, b), 1)
            table[i, j] = table[j, i] = km
    return table
