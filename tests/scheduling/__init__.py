"""Tests of the scheduled nudges (issue 5)."""
