"""Matching engine: explained suggestions between volunteers and vacancies, and buddy pairing.

The core modules (``geo``, ``text``, ``scoring``, ``engine``, ``pairing``) use only Python and
NumPy/SciPy and import nothing from Django, so they can be tested and benchmarked on their own.
``adapter`` is the one place that builds their inputs from the database.
"""
