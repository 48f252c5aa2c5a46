"""builder: turn raw conflict news reports into a validated timeline and casualty dataset.

The library API mirrors the command line, so a notebook can do all the CLI does::

    import builder
    summary = builder.build("raw/", "output/")
    report = builder.validate_batch("new-batch/")
    articles = builder.load_table("output/", "articles")
"""

__version__ = "0.1.0"

__all__ = ["__version__", "build", "load_table", "validate_batch"]


def __getattr__(name: str):
    # Imported on first use so `import builder.timex` does not pay for pandas and pandera.
    if name in __all__:
        from builder import api

        return getattr(api, name)
    raise AttributeError(f"module 'builder' has no attribute {name!r}")
