"""Score the incident extractor against the team's annotated articles (tests/gold/incidents).

    python -m builder.evaluate incidents                 # development and held-out parts
    python -m builder.evaluate incidents --split dev --show-errors

Casualty rows match on counts (best killed and injured) and place; territory rows on actor, change
and place (count rows: actor, change and settlements / area). Matching is one-to-one per article. A
place matches on any of the gold spellings, or on a close transliteration of one in the same country
(folded-name similarity >= 0.75: Dayr Hafir / Deir Hafer), since a spelling is not an error.
Figures are printed separately for the development part (rules were written against it) and the
held-out part (never read while writing rules).
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

import click

from builder.evaluate.scoring import Score

GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "incidents"
SPLITS = ("dev", "heldout")
SCORED = ("casualties", "territorial_change")
CASUALTY_ATTRIBUTES = ("victims", "attack_type")  # compared on matched casualty rows only
_SUFFIXES = re.compile(r"\b(oblast|region|governorate|state|province|district|city|raion)\b")


def normalise_place(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _SUFFIXES.sub(" ", text)
    return re.sub(r"[^a-z]", "", text)


TRANSLITERATION_SIMILARITY = 0.75


def place_matches(predicted: dict, gold: dict) -> bool:
    """Same place: a gold name or spelling, or a spelling of it (Dayr Hafir / Deir Hafer: similarity of the
    folded names >= 0.75) in the same country; a region-level gold row also matches that region."""
    names = {normalise_place(gold.get("location"))} | {normalise_place(n) for n in gold.get("location_alt") or []}
    names.discard("")
    name = normalise_place(predicted.get("location"))
    if name in names:
        return True
    same_country = predicted.get("country_code") == gold.get("country_code")
    if name and same_country and any(SequenceMatcher(None, name, other).ratio() >= TRANSLITERATION_SIMILARITY
                                     for other in names):
        return True
    # A region-level gold row is matched by a prediction of that region.
    return (gold.get("geo_precision") == 3 and gold.get("admin1") is not None and
            predicted.get("geo_precision") == 3 and
            normalise_place(predicted.get("admin1")) == normalise_place(gold.get("admin1")))


def rows_match(predicted: dict, gold: dict) -> bool:
    if predicted["incident_type"] != gold["incident_type"]:
        return False
    if gold["incident_type"] == "casualties":
        return (predicted.get("killed"), predicted.get("injured")) == (gold.get("killed"), gold.get("injured")) \
            and place_matches(predicted, gold)
    if (predicted.get("actor"), predicted.get("control_change")) != (gold.get("actor"), gold.get("control_change")):
        return False
    if gold.get("settlements") is not None or gold.get("area_km2") is not None:
        area_ok = gold.get("area_km2") is None or (
            predicted.get("area_km2") is not None and abs(predicted["area_km2"] - gold["area_km2"]) <= 1.0)
        return predicted.get("settlements") == gold.get("settlements") and area_ok
    return predicted.get("settlements") is None and predicted.get("area_km2") is None and \
        place_matches(predicted, gold)


@dataclass
class Result:
    scores: dict[str, Score]
    attribute_hits: dict[str, list[int]]   # attribute -> [correct, compared] over matched rows
    errors: list[str]
    documents: int
    seconds: float


def load_gold(split: str, folder: Path = GOLD) -> list[dict]:
    path = folder / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_split(articles: list[dict]) -> Result:
    from builder.pipeline import analyse_text
    from builder.version import extractor_version

    scores = {kind: Score(0, 0, 0) for kind in SCORED}
    attributes = {name: [0, 0] for name in ("date_start", "actor", "claim_status", "cumulative", "admin1",
                                            *CASUALTY_ATTRIBUTES)}
    errors: list[str] = []
    started = time.perf_counter()
    predictions = [[incident.as_row(a["doc"], extractor_version())
                    for incident in analyse_text(a["text"], date.fromisoformat(a["published"])).incidents]
                   for a in articles]
    seconds = time.perf_counter() - started
    for article, predicted_rows in zip(articles, predictions):
        for kind in SCORED:
            gold = [g for g in article["incidents"] if g["incident_type"] == kind]
            predicted = [_plain(p) for p in predicted_rows if p["incident_type"] == kind]
            unmatched = list(predicted)
            hits = 0
            for row in gold:
                match = next((p for p in unmatched if rows_match(p, row)), None)
                if match is None:
                    errors.append(f"{article['doc']}: MISSED {_describe(row)}")
                    continue
                hits += 1
                unmatched.remove(match)
                for name, counts in attributes.items():
                    if name in CASUALTY_ATTRIBUTES and kind != "casualties":
                        continue
                    counts[1] += 1
                    same = normalise_place if name == "admin1" else str
                    counts[0] += same(match.get(name)) == same(row.get(name))
            errors.extend(f"{article['doc']}: EXTRA  {_describe(p)}" for p in unmatched)
            scores[kind] = scores[kind] + Score(hits, len(predicted), len(gold))
    return Result(scores, attributes, errors, len(articles), seconds)


def _plain(row: dict) -> dict:
    return {key: (value.isoformat() if isinstance(value, date) else value) for key, value in row.items()}


def _describe(row: dict) -> str:
    if row["incident_type"] == "casualties":
        what = f"killed {row.get('killed')} injured {row.get('injured')}"
        what += " (cumulative)" if row.get("cumulative") else ""
    else:
        what = f"{row.get('actor')} {row.get('control_change')}"
        if row.get("settlements") is not None or row.get("area_km2") is not None:
            what += f" settlements {row.get('settlements')} area {row.get('area_km2')}"
    return f"{row['incident_type']:<18} {what} @ {row.get('location')} [{row.get('admin1')}]"


@click.command("incidents")
@click.option("--gold", "gold_folder", type=click.Path(path_type=Path, file_okay=False), default=GOLD,
              show_default=True, help="Folder with dev.jsonl and heldout.jsonl.")
@click.option("--split", "splits", type=click.Choice(SPLITS), multiple=True, help="Default: both.")
@click.option("--show-errors", is_flag=True, help="List missed and extra rows (development part only).")
def command(gold_folder: Path, splits: tuple[str, ...], show_errors: bool) -> None:
    """Precision, recall and F1 of casualty and territory rows against annotated articles."""
    for split in splits or SPLITS:
        result = evaluate_split(load_gold(split, gold_folder))
        label = "development (rules written against it)" if split == "dev" else "held out (never tuned on)"
        click.echo(f"== {split}: {result.documents} articles, {label}; "
                   f"{result.documents / result.seconds:.0f} articles/s")
        for kind, score in result.scores.items():
            click.echo(f"  {kind:<20} {score.row()}")
        for name, (correct, compared) in result.attribute_hits.items():
            if compared:
                click.echo(f"  matched rows with the same {name:<13} {correct / compared:6.1%} ({correct}/{compared})")
        if show_errors and split == "dev":
            for line in result.errors:
                click.echo("    " + line)

