"""The gazetteer index is built once per machine (first use, ~15 s) into the user cache folder."""

from __future__ import annotations

import pytest

from builder.places import load_gazetteer, places_in_text


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def places(gazetteer):
    return places_in_text


def located(mentions, words):
    return [m for m in mentions if m.location_text == words and m.role == "location"]
