"""Tests of the scheduled nudges."""
