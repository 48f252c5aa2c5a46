"""`python -m builder.evaluate places [GOLD]`: score place resolution against the gold mention list.

A gold line with `admin1` is a place that must be found: correct when a location mention with its
words (same text, inside the sentence) has that admin1 and, when the gold gives coordinates, lies
within 10 km of them. A gold line with `"expect": "none"` is a negative: a location mention with those
words is a false positive. Prints accuracy, false positives and microseconds per mention.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import click

from builder.places import PlaceMention, extract_places, load_gazetteer
from builder.segment import segment

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "places" / "mentions.jsonl"
MAX_KM = 10.0


@dataclass(frozen=True, slots=True)
class PlacesScore:
    positives: int
    correct: int
    negatives: int
    false_positives: int
    mentions: int
    seconds: float
    misses: tuple[str, ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.positives if self.positives else 0.0

    @property
    def microseconds_per_mention(self) -> float:
        return self.seconds / self.mentions * 1e6 if self.mentions else 0.0


def kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def score_places(gold_path: Path) -> PlacesScore:
    cases = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    load_gazetteer()  # index load is not part of the per-mention cost
    docs = [segment(case["text"]) for case in cases]
    started = time.perf_counter()
    found = [extract_places(doc) for doc in docs]
    seconds = time.perf_counter() - started
    positives = correct = negatives = false_positives = 0
    misses = []
    for case, mentions in zip(cases, found):
        located = [m for m in mentions if m.location_text == case["place"] and m.role == "location"]
        if case.get("expect") == "none":
            negatives += 1
            false_positives += bool(located)
            if located:
                misses.append(f"false positive: {case['place']!r} -> {located[0].location} in {case['text']!r}")
            continue
        positives += 1
        if any(_matches(case, m) for m in located):
            correct += 1
        else:
            got = ", ".join(f"{m.location}/{m.admin1}" for m in located) or "nothing"
            misses.append(f"miss: {case['place']!r} want {case['admin1']} got {got} in {case['text']!r}")
    return PlacesScore(positives, correct, negatives, false_positives, sum(map(len, found)), seconds,
                       tuple(misses))


def _matches(case: dict, mention: PlaceMention) -> bool:
    if (mention.admin1 or "").casefold() != case["admin1"].casefold():
        return False
    if case.get("latitude") is None:
        return True
    if mention.latitude is None:
        return False
    return kilometres(case["latitude"], case["longitude"], mention.latitude, mention.longitude) <= MAX_KM


@click.command()
@click.argument("gold", default=str(DEFAULT_GOLD), type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--show-misses", is_flag=True, help="List each miss and false positive.")
def command(gold: Path, show_misses: bool) -> None:
    """Accuracy of place resolution (admin1 right, coordinates within 10 km) on GOLD.

    \b
    Example:
      python -m builder.evaluate places tests/gold/places/mentions.jsonl --show-misses
    """
    result = score_places(gold)
    click.echo(f"places: {result.correct}/{result.positives} correct = {result.accuracy:.1%} "
               f"(admin1 right, within {MAX_KM:g} km)")
    click.echo(f"negatives: {result.false_positives}/{result.negatives} false positives")
    click.echo(f"speed: {result.microseconds_per_mention:.0f} µs per mention "
               f"({result.mentions} mentions in {result.seconds * 1000:.0f} ms)")
    if show_misses:
        for miss in result.misses:
            click.echo(f"  {miss}")
