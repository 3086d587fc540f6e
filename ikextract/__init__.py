"""ikextract: Swedish municipal internal-control reports into Parquet datasets."""
__version__ = "0.1.0"


def __getattr__(name):
    # Imported on first use, so `ikextract --version` and the CLI stay fast.
    if name == "load":
        from ikextract.load import load
        globals()["load"] = load        # the submodule import bound the module; the function wins
        return load
    raise AttributeError(f"module 'ikextract' has no attribute {name!r}")


__all__ = ["load", "__version__"]
