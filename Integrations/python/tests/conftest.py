import os
import pathlib

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def binary() -> str:
    """The gazette binary under test: $GAZETTE_BINARY, else the checkout's debug build (made by `swift test`), else
    its release build."""
    candidates = [os.environ.get("GAZETTE_BINARY"), REPOSITORY / ".build/debug/gazette", REPOSITORY / ".build/release/gazette"]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail("no gazette binary: run `swift build` (or `swift test`) first, or set GAZETTE_BINARY")
