"""builder: turn raw conflict news reports into a validated timeline and casualty dataset.

The library API mirrors the command line, so a notebook can do all the CLI does::

    import builder
    summary = builder.build("raw/", "output/")
    report = builder.validate_batch("new-batch/")
    articles = builder.load_table("output/", "articles")
"""

import importlib.abc
import importlib.util
import sys
from pathlib import Path

__version__ = "0.1.0"

__all__ = ["__version__", "build", "load_table", "validate_batch"]

_CHECKOUT_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


class _CheckoutSchemasFinder(importlib.abc.MetaPathFinder):
    """pyproject.toml installs the top-level schemas/ folder as builder.schemas. Running from a source
    checkout (python -m builder..., the tests) imports this folder's builder/ instead of the installed
    copy, so the same mapping is made here; an installed or editable package never reaches it."""

    def find_spec(self, name, path=None, target=None):
        if name != "builder.schemas":
            return None
        return importlib.util.spec_from_file_location(
            name, _CHECKOUT_SCHEMAS / "__init__.py", submodule_search_locations=[str(_CHECKOUT_SCHEMAS)])


if (_CHECKOUT_SCHEMAS / "__init__.py").is_file() and not (Path(__file__).parent / "schemas").exists():
    sys.meta_path.append(_CheckoutSchemasFinder())


def __getattr__(name: str):
    # Imported on first use so `import builder.timex` does not pay for pandas and pandera.
    if name in __all__:
        from builder import api

        return getattr(api, name)
    raise AttributeError(f"module 'builder' has no attribute {name!r}")
