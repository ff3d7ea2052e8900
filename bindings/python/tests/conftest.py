import pathlib

import pytest

import whosaid

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def pipeline() -> whosaid.Pipeline:
    return whosaid.Pipeline()


@pytest.fixture(scope="session")
def article() -> str:
    return (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8")
