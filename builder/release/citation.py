"""How to cite and credit a release: CITATION.cff, the attribution line and the release's README.md."""

from __future__ import annotations

import yaml

from builder import __version__

ATTRIBUTION = ("Place names and coordinates: GeoNames (https://www.geonames.org), licensed under CC BY 4.0. "
               f"Built with builder {__version__}.")
DEFAULT_TITLE = "Conflict incidents and events dataset"
DEFAULT_AUTHOR = "The compilers of this dataset"


def citation_cff(version: str, title: str, authors: list[str], released: str | None) -> str:
    """Citation File Format 1.2.0; authors are given as names (entities), which CFF accepts for people too."""
    citation = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below, and credit GeoNames for places.",
        "type": "dataset",
        "title": title,
        "version": version,
        "authors": [{"name": name} for name in authors or [DEFAULT_AUTHOR]],
    }
    if released:
        citation["date-released"] = released
    citation["references"] = [
        {"type": "software", "title": "builder", "version": __version__, "authors": [{"name": "builder authors"}],
         "license": "MIT"},
        {"type": "database", "title": "GeoNames", "url": "https://www.geonames.org",
         "authors": [{"name": "GeoNames"}], "license": "CC-BY-4.0"},
    ]
    return yaml.safe_dump(citation, sort_keys=False, allow_unicode=True)


def release_note(version: str, title: str, built: str | None) -> str:
    built_line = f"built on {built[:10]} " if built else ""
    return (
        f"# {title}, release {version}\n\n"
        f"An immutable release: {built_line}with builder, cut by `builder release`. Do not edit these files; "
        "cut a new version instead.\n\n"
        "| file | what it is |\n|---|---|\n"
        "| `TABLE.parquet`, `TABLE.csv` | each table, typed (Parquet) and as UTF-8 CSV |\n"
        "| `datapackage.json` | Frictionless Data Package: every table's schema, keys and file hashes |\n"
        "| `CODEBOOK.md` | every table and column: type, meaning, allowed values; how events are merged |\n"
        "| `CHANGELOG.md` | rows added, removed and changed against the previous release |\n"
        "| `CITATION.cff` | how to cite this release |\n"
        "| `manifest.json` | row counts, build parameters and the sha256 of every file |\n\n"
        f"## Attribution\n\n{ATTRIBUTION}\n"
    )
