"""ikextract: Swedish municipal internal-control reports into Parquet datasets."""
__version__ = "0.1.0"
