"""Groundswell: distributed and relational organizing."""
