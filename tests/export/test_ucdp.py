"""builder/export/ucdp.py: UCDP GED columns and codes, fatal events only."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from click.testing import CliRunner

from builder.cli import cli
from builder.export import export
from builder.export.ucdp import priogrid_gid
from tests.outputs import article, build_output, incident

GED_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob"]


@pytest.fixture
def output(tmp_path, monkeypatch):
    return build_output(tmp_path / "out", [article("a", "2024-05-18", "Wire"), article("b", "2024-05-19", "Post"),
                                           article("c", "2024-05-19", "Times")], [
        incident(1, "a", killed=2, killed_low=2, killed_high=2),
        incident(2, "b", killed=4, killed_low=None, killed_high=None),
        incident(3, "c", location="Izium", latitude=None, longitude=None, geo_precision=None, killed=None,
                 killed_low=None, killed_high=None, injured=5, injured_low=5, injured_high=5),
        incident(4, "c", location="Bakhmut", latitude=48.5947, longitude=38.0003, admin2=None, victims="military",
                 attack_type="clashes", date_start=date(2024, 5, 10), date_end=date(2024, 5, 13),
                 date_precision="range", killed=7, killed_low=7, killed_high=12),
    ], monkeypatch)


def test_columns_codes_and_only_fatal_events(output):
    frame = export("ucdp", output)
    assert list(frame.columns) == GED_COLUMNS
    assert len(frame) == 2  # the Izium event reports injuries only
    bakhmut, kupiansk = frame.iloc[0], frame.iloc[1]
    assert (kupiansk["best"], kupiansk["low"], kupiansk["high"]) == (2, 2, 4)  # median_low(2, 4), lowest, highest
    assert kupiansk["type_of_violence"] == 3 and kupiansk["side_b"] == "Civilians"
    assert kupiansk["deaths_civilians"] == 2 and kupiansk["deaths_unknown"] == 0
    assert kupiansk["number_of_sources"] == 2 and kupiansk["source_office"] == "Wire; Post"
    assert kupiansk["date_prec"] == 1 and kupiansk["date_start"] == "2024-05-17"
    assert kupiansk["where_prec"] == 1 and kupiansk["geom_wkt"] == "POINT (37.6158 49.7106)"
    assert kupiansk["country"] == "Ukraine" and kupiansk["conflict_name"] is None
    assert bakhmut["type_of_violence"] == 1 and bakhmut["date_prec"] == 2
    assert (bakhmut["date_start"], bakhmut["date_end"]) == ("2024-05-10", "2024-05-13")
    assert (bakhmut["best"], bakhmut["low"], bakhmut["high"]) == (7, 7, 12) and bakhmut["deaths_unknown"] == 7


def test_priogrid_cells():
    assert priogrid_gid(-89.9, -179.9) == 1
    assert priogrid_gid(-89.9, 179.9) == 720
    assert priogrid_gid(-89.4, -179.9) == 721
    assert priogrid_gid(49.7106, 37.6158) == 279 * 720 + 435 + 1


def test_the_export_command_writes_a_file_or_stdout(output, tmp_path):
    runner = CliRunner()
    path = tmp_path / "ged.csv"
    result = runner.invoke(cli, ["export", "--format", "ucdp", "--from", str(output), "--out", str(path)])
    assert result.exit_code == 0, result.output
    assert list(pd.read_csv(path).columns) == GED_COLUMNS
    stdout = runner.invoke(cli, ["export", "--format", "acled", "--from", str(output)])
    assert stdout.exit_code == 0 and stdout.stdout.startswith("event_id_cnty,event_date,year,time_precision,")


def test_exporting_a_folder_without_events_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--format", "acled", "--from", str(tmp_path)])
    assert result.exit_code == 1 and "no such table file" in result.output and "Traceback" not in result.output
