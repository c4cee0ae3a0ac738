"""Helpers for tests of applications built on crmcore."""

from crmcore.testing._clock import FakeClock

__all__ = ["FakeClock"]
