"""Helpers every app's tests share: ``login`` (a session with a verified second factor) and
``browser`` (headless Chromium and axe-core). Test code only; the fixtures stay in conftest.py.
"""
