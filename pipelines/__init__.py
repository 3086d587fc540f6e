"""Batch pipelines the CLI runs: each module defines PIPELINE, a PipelineSpec naming the
stages, their order and settings (see ikextract.pipeline)."""
