"""Hypothesis profiles: a quick one for local runs, the full number of examples in CI.

CI=true (as .ci/run and most CI services set it) selects "ci"; HYPOTHESIS_PROFILE chooses
explicitly. No Django here, so the matching library's tests may use it too.
"""

import os

from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("dev", max_examples=20)
hypothesis_settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or (
    "ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev"
)
hypothesis_settings.load_profile(HYPOTHESIS_PROFILE)


def examples(count: int) -> int:
    """A test's own ``max_examples``, scaled like the profile (the count as written in "ci")."""
    scaled = count * hypothesis_settings.default.max_examples // 100
    return max(scaled, min(count, 5))
