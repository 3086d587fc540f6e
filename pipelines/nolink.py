"""As default, without linking risks across reports: each row gets its own risk_key."""
from ikextract.pipeline import PipelineSpec

PIPELINE = PipelineSpec(name="nolink", link=False)
