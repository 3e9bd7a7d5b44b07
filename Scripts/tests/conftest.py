"""Shared fixtures: a Build over small evidence of the tests' own, and the checkout's root."""
import os

import pytest

from gazetteer_builder.context import Build
from gazetteer_builder.evidence import Evidence

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def evidence():
    """A handful of words and names, enough for the rules that ask "is this an ordinary word or a name?"."""
    return Evidence(
        scowl={"river": 10, "bright": 20, "harbour": 35, "lantern": 50, "quill": 60},
        census_first={"Walter": 120, "Ada": 900, "Rosalind": 2400},
        census_surnames={"Fenwick": 1500, "Oakes": 9000},
        namdict={"Ingrid": 10, "Zoltan": 5},
        xponents_nonplaces={"meadow": "common word"},
    )


@pytest.fixture
def build(tmp_path, evidence):
    return Build(sources=str(tmp_path / "sources"), curated=str(tmp_path / "curated"), output=str(tmp_path / "out"),
                 evidence=evidence)
