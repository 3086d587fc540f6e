"""Everything: read (text layer first), rebuild tables, reconstruct rows, metadata, clean
text, classify status, link risks across years."""
from ikextract.pipeline import PipelineSpec

PIPELINE = PipelineSpec(name="default")
