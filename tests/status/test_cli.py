import json

from click.testing import CliRunner

from ikextract.status.cli import classify_command


def test_classify_prints_code_confidence_evidence():
    out = CliRunner().invoke(classify_command, ["Kontrollmoment är ej utfört per april."])
    assert out.exit_code == 0
    code, confidence, evidence = out.output.rstrip("\n").split("\t")
    assert code == "ej_utford" and 0 < float(confidence) <= 1 and "ej utfört" in evidence


def test_classify_json():
    out = CliRunner().invoke(classify_command, ["--json", "Mindre avvikelser."])
    assert json.loads(out.output) == {"code": "mindre_avvikelser", "confidence": 0.95,
                                      "evidence": "Mindre avvikelser."}
