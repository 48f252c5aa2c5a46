"""The package works from an installed wheel: every sub-package and data file ships, and the schemas
install as builder.schemas without claiming a top-level `schemas` name."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "builder").rglob("__init__.py")}
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert config["tool"]["setuptools"]["package-dir"] == {"builder.schemas": "schemas"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("setuptools")
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(folder), str(REPO)], check=True, capture_output=True)
    return next(folder.glob("*.whl"))


def test_wheel_ships_schemas_under_builder_and_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "builder/schemas/__init__.py" in names
    assert not any(name.startswith("schemas/") for name in names)
    data_files = {p.relative_to(REPO).as_posix() for p in (REPO / "builder").rglob("*")
                  if p.suffix in {".yaml", ".tsv"}}
    assert data_files and data_files <= names


def test_installed_wheel_imports_and_loads_its_rules(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = ("import builder.schemas, builder.ingest.boilerplate as b; "
            "print(builder.schemas.__file__); print(len(b.boilerplate_rules()))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                            check=True)
    schema_file, rule_count = result.stdout.split()
    assert Path(schema_file).is_relative_to(target) and int(rule_count) > 0


def test_a_source_checkout_imports_its_own_schemas():
    """python -m builder... from the repository root imports the checkout's builder/, which has no
    schemas/ sub-folder: the package maps builder.schemas to the top-level schemas/ itself."""
    result = subprocess.run([sys.executable, "-c", "import builder.schemas; print(builder.schemas.__file__)"],
                            cwd=REPO, capture_output=True, text=True, check=True)
    assert Path(result.stdout.strip()).resolve() == REPO / "schemas" / "__init__.py"
