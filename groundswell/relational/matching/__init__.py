"""Probabilistic record linkage (Fellegi–Sunter): contacts typed into phones against a voter file.

Plain Python + numpy, rapidfuzz, jellyfish and nicknames — no Django — so the CLI and the web app share it.
"""

from groundswell.relational.matching.link import DEFAULT_THRESHOLD, link
from groundswell.relational.matching.model import MatchModel
from groundswell.relational.matching.normalize import name_variants
from groundswell.relational.matching.records import Candidate, Record

__all__ = ["DEFAULT_THRESHOLD", "Candidate", "MatchModel", "Record", "link", "name_variants"]
