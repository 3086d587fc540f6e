"""As default, but PDFs are always OCR'd (for scans whose text layer is poor)."""
from ikextract.pipeline import PipelineSpec

PIPELINE = PipelineSpec(name="ocr", settings={"force_ocr": True})
