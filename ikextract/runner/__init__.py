"""Running a batch: finding the files (sources), isolated worker processes (workers), a Dask
cluster instead (dask), and what the user sees meanwhile (progress). ikextract.pipeline
ties them together."""
