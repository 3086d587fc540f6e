"""Every phrase family of the issue and the contract's near misses, read as a whole text."""
import pytest

from ikextract.model import ControlRow
from ikextract.status import classify_row, classify_text


def code(text):
    return classify_text(text).code


def one_of(expected) -> tuple:
    """A code, or a tuple of the codes a careful reader might give."""
    return (expected,) if isinstance(expected, str) else expected


@pytest.mark.parametrize("text", [
    "Av 60 kontrollerade verifikationer saknade 5 attest.",
    "5 av 60 verifikationer saknade attest.",
    "I 4 av 15 granskade avtal stämde inte beloppen med fakturorna.",
    "I tre av femtio ärenden saknades datum för beslut.",
    "Stickprovet omfattade 40 fakturor, varav 7 var felaktigt konterade.",
    "7 av 40 granskade fakturor var inte korrekt attesterade.",
    "Av de 25 avtal som granskades följde 6 inte upphandlingsreglerna.",
])
def test_counts_carry_a_deviation(text):
    assert code(text) == "avvikelser"


@pytest.mark.parametrize("text", [
    "Samtliga 30 ärenden var korrekta.",
    "30 av 30 fakturor var attesterade.",
    "Av 20 kontrollerade utlägg var samtliga korrekt hanterade.",
    "0 av 48 utbetalningar saknade beslut.",
    "Inga fel hittades bland de 25 granskade besluten.",
])
def test_counts_with_nothing_wrong(text):
    assert code(text) == "inga_avvikelser"


@pytest.mark.parametrize("text", [
    "300 av 480 chefer (63 %) har gått utbildningen.",
    "63 % av medarbetarna har gått utbildningen.",
    "Utfallet blev 85 % mot målet 95 %.",
    "Hälften av cheferna har inte genomfört utbildningen.",
    "Inte alla enheter har lämnat in sin riskbedömning.",
])
def test_shares_short_of_the_goal_are_deviations(text):
    assert code(text) == "avvikelser"


@pytest.mark.parametrize("text, expected", [
    # the share of the control's own plan carried out is progress; the rest of the text
    # says what became of the remainder
    ("91 % av de planerade inspektionerna har genomförts. Resterande har flyttats till 2025.",
     "ej_utford"),
    ("91 % av de planerade inspektionerna har genomförts. Målet om samtliga nåddes inte.",
     "avvikelser"),
    ("Av 48 planerade kontroller har 31 genomförts.", "ej_utford"),
    ("Kontrollen har genomförts på 15 av 60 avdelningar.", "ej_utford"),
    ("Kontrollen är genomförd till hälften.", "pagar"),
    ("Stickprov har hittills tagits i 5 av 20 ärenden.", "pagar"),
])
def test_partial_completion_of_the_control(text, expected):
    d = classify_text(text)
    assert d.code == expected


def test_counting_what_was_checked_is_not_a_finding():
    assert code("Arbetet pågår. Hittills har 3 av 60 fakturor granskats.") == "pagar"
    # ... while a control that counts what people did reports a finding
    assert code("Granskningen visade att 12 av 16 enheter har genomfört riskanalysen.") == \
        "avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Marginella avvikelser noterades och har rättats.", "mindre_avvikelser"),
    ("Tre avvikelser har åtgärdats under året.", "avvikelser"),
    ("En avvikelse noterades och har åtgärdats.", "avvikelser"),
    ("Alla uppmärksammade avvikelser har hanterats.", "inga_avvikelser"),
])
def test_handled_deviations(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "100 % av cheferna har gått utbildningen.",
    "Utfallet blev 97 % (målet är 95 %).",
    "Målet är uppnått.",
])
def test_shares_meeting_the_goal(text):
    assert code(text) == "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Mindre avvikelser kvarstår gällande sen attest.", "mindre_avvikelser"),
    ("Smärre brister i dokumentationen.", "mindre_avvikelser"),
    ("I enstaka fall, 2 av 40, saknades attest.", "mindre_avvikelser"),
    ("Enstaka fel i konteringen har rättats.", "mindre_avvikelser"),
    ("Avvikelserna var av ringa omfattning.", "mindre_avvikelser"),
    ("Rutinen följs i huvudsak.", "mindre_avvikelser"),
    # without the report's own word for minor, a count is a deviation
    ("Stickprov av 30 utbetalningar visade 1 fel.", "avvikelser"),
    ("Väsentliga brister i attesthanteringen.", "avvikelser"),
])
def test_the_reports_words_for_minor_decide(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Det har inte framkommit några brister.", "inga_avvikelser"),
    ("Inga fel.", "inga_avvikelser"),
    ("Det saknas inte underlag i något av ärendena.", "inga_avvikelser"),
    ("Attestordningen har inte följts.", "avvikelser"),
    ("Inköpsprocessen fungerar dock inte som avsett.", "avvikelser"),
    ("Hanteringen bedöms inte vara tillfredsställande.", "avvikelser"),
    ("Kraven uppfylls inte.", "avvikelser"),
    ("Målet uppnåddes inte.", "avvikelser"),
])
def test_negation(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "Kontrollen flyttas till 2025.",
    "Kontrollmomentet har skjutits upp till hösten på grund av vakanser.",
    "Kontrollen har senarelagts till nästa år.",
    "Kontrollmomentet utgår i år.",
    "Ingen kontroll har gjorts per april.",
    "Vi har inte genomfört kontrollen under året.",
    "Det har inte varit möjligt att genomföra stickprovet.",
])
def test_postponement_and_not_carried_out(text):
    assert code(text) == "ej_utford"


@pytest.mark.parametrize("text, expected", [
    ("Kontrollen är delvis genomförd.", "pagar"),
    ("Arbetet pågår och beräknas vara klart under hösten.", "pagar"),
    ("Översyn av rutinen är påbörjad.", "pagar"),
    ("Analysen är under framtagande.", "pagar"),
    ("Kontrollen är inte slutförd ännu.", "pagar"),
    ("Arbetet har ännu inte påbörjats.", "ej_paborjad"),
    ("Kontrollen kommer att påbörjas under hösten.", "ej_paborjad"),
    ("Ej påbörjad per april.", "ej_paborjad"),
])
def test_progress_and_partial_completion(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "Se bilaga 3.", "Resultatet redovisas i bilaga 2.", "Se separat rapport.",
    "Redovisas i delårsrapporten.",
])
def test_references_to_appendices_do_not_say(text):
    d = classify_text(text)
    assert d.code == "okand"


def test_a_reference_does_not_hide_a_finding():
    assert code("Se bilaga 2. Inga avvikelser.") == "inga_avvikelser"
    assert code("Avvikelser noterades, se bilaga 2.") == "avvikelser"


@pytest.mark.parametrize("text, expected", [
    # the whole result, not its first matching sentence
    ("Kontrollen är genomförd. I 3 av 30 granskade fakturor saknades attest.", "avvikelser"),
    ("Samtliga fakturor var attesterade. I två fall saknades dock kvitto.", "avvikelser"),
    ("Inga avvikelser i del A. Avvikelser identifierade i del B.", "avvikelser"),
    ("Kontrollen är genomförd. Mindre avvikelser kvarstår.", "mindre_avvikelser"),
    ("Kontrollen har inte genomförts per april. Inga avvikelser har rapporterats.", "ej_utford"),
    ("Stickprov har tagits på 20 avtal. Samtliga var korrekta.", "inga_avvikelser"),
])
def test_whole_text(text, expected):
    assert code(text) == expected


def test_conflicting_evidence_lowers_confidence_and_keeps_the_deviation():
    d = classify_text("Samtliga fakturor var attesterade. I två fall saknades dock kvitto.")
    assert d.code == "avvikelser" and d.confidence < 0.9


@pytest.mark.parametrize("text, expected", [
    ("Rekryteringen av socialsekreterare gav inga sökanden.", "avvikelser"),
    ("Inga anbud inkom trots annonsering.", "avvikelser"),
    ("Alla uppmärksammade avvikelser har hanterats.", "inga_avvikelser"),
    ("Samtliga rapporterade avvikelser har åtgärdats.", "inga_avvikelser"),
    ("Avvikelserna har inte åtgärdats.", "avvikelser"),
    ("Rutinen syftar till att minska risken för fel.", "okand"),
    ("Eventuella avvikelser ska rapporteras till närmaste chef.", "okand"),
    ("Denna information analyseras, varför har vi en avvikelse?", "okand"),
])
def test_near_misses(text, expected):
    assert code(text) == expected


def test_near_miss_ej_paborjad_about_a_later_step_in_the_same_result():
    d = classify_text("Kontrollen är genomförd utan anmärkning. Nästa steg, digitalisering, "
                      "är ej påbörjat.")
    assert d.code == "inga_avvikelser"


def test_near_miss_ej_paborjad_in_the_comment_of_a_done_control():
    row = ControlRow(result="Kontrollen är genomförd.", comment="Nästa steg: Ej påbörjad.")
    assert classify_row(row).code != "ej_paborjad"


def test_unsure_is_okand_not_all_clear():
    for text in ("Kontrollen har genomförts.", "Stickprov har tagits under hösten.",
                 "En ny rutin har tagits fram."):
        assert classify_text(text).code != "inga_avvikelser", text


def test_evidence_names_column_or_sentence():
    d = classify_row(ControlRow(result="Rutinen är ny. Av 60 kontrollerade verifikationer "
                                       "saknade 5 attest. Åtgärder pågår."))
    assert d.evidence == "result: 'Av 60 kontrollerade verifikationer saknade 5 attest.'"
    d = classify_row(ControlRow(status_cells=[("Avvikelse (Ja/Nej)", "Ja")]))
    assert d.evidence == "column 'Avvikelse (Ja/Nej)': Ja"


@pytest.mark.parametrize("text, expected", [
    ("Inga awikelser.", "inga_avvikelser"),
    ("Kontrollen ar ej utford per april.", "ej_utford"),
    ("Arbetet pagar.", "pagar"),
])
def test_ocr_damage(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "Kontroll av att attestordningen följs.",
    "Kontrollen ska säkerställa att rutinen följs.",
    "Avvikelser ska dokumenteras i systemet.",
    "Syftet med kontrollen är att upptäcka eventuella fel i löneutbetalningarna.",
    "Om brister upptäcks ska åtgärdsplan upprättas.",
    "Förra året noterades brister i attesthanteringen.",
])
def test_what_a_control_looks_for_is_not_what_it_found(text):
    assert code(text) == "okand"


def test_an_earlier_finding_that_still_stands_is_a_finding():
    assert code("Inga nya avvikelser, tidigare brister kvarstår.") == "avvikelser"
    assert code("Bristerna från förra årets kontroll kvarstår.") == "avvikelser"


def test_a_qualified_all_clear_is_minor_or_less_sure():
    assert code("Inga allvarliga brister noterades, men vissa förbättringar behövs.") == \
        "mindre_avvikelser"
    d = classify_text("Inga nya avvikelser har noterats.")
    assert d.code == "inga_avvikelser" and d.confidence < 0.9


@pytest.mark.parametrize("text, expected", [
    ("Samtliga utom en enhet har genomfört övningen.", "avvikelser"),
    ("Utöver två fall var samtliga ärenden korrekt dokumenterade.", "avvikelser"),
    ("Antalet avvikelser var noll.", "inga_avvikelser"),
    ("Av totalt 12 stickprov hade 12 korrekt attest.", "inga_avvikelser"),
    ("Resultat: 3/20 fakturor saknade attest.", "avvikelser"),
    ("Ingen av de 15 granskade utbetalningarna hade fel belopp.", "inga_avvikelser"),
    ("94 procent av inköpen gjordes mot avtal. Målet för året var 90 procent.",
     "inga_avvikelser"),
])
def test_counts_exceptions_and_goals(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Avvikelse: Nej.", "inga_avvikelser"),
    ("Avvikelse: Ja.", "avvikelser"),
    ("Status: Pågår.", "pagar"),
    ("Bedömning: Ej godkänd.", "avvikelser"),
])
def test_a_text_that_is_one_status_label(text, expected):
    assert code(text) == expected


def test_a_later_step_not_started_in_a_done_controls_result():
    assert code("Kontrollen är genomförd. Ej påbörjad: uppföljning av åtgärdsplanen.") != \
        "ej_paborjad"


@pytest.mark.parametrize("text, expected", [
    ("lnga avvikelser.", "inga_avvikelser"),
    ("Inga avvike1ser.", "inga_avvikelser"),
    ("Inga  avvikelser  noterades .", "inga_avvikelser"),
    ("Kontrollmomentet är ej utfört per apri1.", "ej_utford"),
])
def test_more_ocr_damage_and_spacing(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the size of a sample is not a finding
    ("Stickprov på 10 % av fakturorna visade inga fel.", "inga_avvikelser"),
    ("Kontroll av 20 % av ärendena visade att rutinen följs.", "inga_avvikelser"),
    # goals in other units
    ("Handläggningstiden var i genomsnitt 12 dagar, målet är högst 14 dagar.", "inga_avvikelser"),
    ("Handläggningstiden var i genomsnitt 21 dagar, målet är högst 14 dagar.", "avvikelser"),
])
def test_numbers_that_are_not_findings_and_goals_in_days(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", ["Varför?", "och i av", "-", "?", "..."])
def test_texts_without_words_to_classify_are_okand(text):
    assert code(text) == "okand"


@pytest.mark.parametrize("text", [
    # a quantifier over the cases checked negates a deviation anywhere later in its clause
    "Inte i något av de granskade ärendena hade handläggningstiden överskridits.",
    "I inget av de tjugo ärendena saknades underskrift från sökanden.",
    "Varken kvitto eller attest saknades för något av utläggen.",
    # a negation reaches both words of "X eller Y"
    "Det har inte noterats några fel eller brister i hanteringen.",
    # a negated finding verb after its object
    "Några felaktigheter i lönekörningen har inte kunnat konstateras.",
])
def test_negation_over_the_whole_clause(text):
    assert code(text) == "inga_avvikelser"


def test_a_clause_wide_negation_does_not_reach_into_a_complement_clause():
    # "Ingen av ... kände till att": what they did not know is not a negated finding
    assert code("Ingen av enheterna visste att brister hade rapporterats, vilket är en "
                "brist.") != "inga_avvikelser"


@pytest.mark.parametrize("text", [
    "Kontrollen ska visa om rutinen för hantering av bisysslor i förvaltningen följs.",
    "Syftet är att se om rutinerna för inköp via e-handel tillämpas.",
])
def test_the_purpose_of_a_control_is_not_an_all_clear(text):
    assert code(text) != "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    # a verb of finding between the deviation and its handling: this control found it
    ("Fel har upptäckts i tre fakturor men är nu rättade.", "avvikelser"),
    # an earlier year's findings handled: no deviation now
    ("Bristerna som noterades i fjol har åtgärdats.", "inga_avvikelser"),
    ("De avvikelser som rapporterats under året har hanterats.", "inga_avvikelser"),
])
def test_handled_deviations_found_now_or_before(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rutinen är känd men tillämpas sällan.", "avvikelser"),
    ("De flesta fakturor var korrekt attesterade.", "avvikelser"),
    ("Avstämningen visade överensstämmelse mellan kassa och bokföring.", "inga_avvikelser"),
    ("Besluten fattas i enlighet med delegationsordningen.", "inga_avvikelser"),
    ("Besluten fattas inte i enlighet med delegationsordningen.", "avvikelser"),
    ("Inga skyddsronder var dokumenterade.", "avvikelser"),
    ("Ingen skriftlig delegation fanns för attestanterna.", "avvikelser"),
    ("Utbetalningen gjordes utan läkarintyg.", "avvikelser"),
    ("Avvikelser: inga.", "inga_avvikelser"),
    ("Tre av fem delmoment är klara.", "pagar"),
    ("Endast 12 av planerade 40 ärenden hann granskas.", "ej_utford"),
])
def test_findings_said_in_other_words(text, expected):
    assert code(text) == expected


def test_a_count_with_the_rest_reported_late_is_not_progress():
    d = classify_text("80 procent av ansökningarna handlades inom en månad, resten "
                      "handlades för sent.")
    assert d.code in ("avvikelser", "mindre_avvikelser")


@pytest.mark.parametrize("text, expected", [
    ("Ingen av de åtta granskade kassorna visade någon differens.", "inga_avvikelser"),
    ("Ingen rutin för nyckelkvittens finns på enheten.", "avvikelser"),
    ("Säkerhetskopior sparas i en månad i stället för de tre månader som krävs.", "avvikelser"),
    ("Det går inte att se att chefen attesterat i något av fallen.", "avvikelser"),
    ("Kontrollen är genomförd till 40 procent.", "pagar"),
    ("Inventeringen är gjord för skolorna men inte för förskolorna.", "pagar"),
    ("Av de 30 granskade beställningarna var 26 gjorda via e-handel.", "avvikelser"),
    ("Ett stickprov om 10 fakturor ska göras per kvartal.", "okand"),
    ("Inga bidragsansökningar kom in, så det fanns inget att granska.", "okand"),
])
def test_more_ways_to_say_it(text, expected):
    assert code(text) == expected


def test_the_rest_to_come_is_progress_but_the_rest_moved_is_not():
    assert code("Kontrollen har gjorts på en av tre skolor; de andra skolorna kontrolleras "
                "i mars.") == "pagar"
    assert code("40 % av de planerade besöken har gjorts. Resterande besök har flyttats "
                "till oktober.") == "ej_utford"


@pytest.mark.parametrize("text, expected", [
    # a negated subject, its auxiliary and participle, then the finding
    ("Inga utlägg hade attesterats för sent.", "inga_avvikelser"),
    ("Inga avtal hade tecknats utan behörighet.", "inga_avvikelser"),
    ("Det saknades inga kvittenser.", "inga_avvikelser"),
    # not across "av": the errors are what was not followed up
    ("Ingen uppföljning har gjorts av felen.", "ej_utford"),
])
def test_a_negated_subject(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "Rutinen följs. Viss eftersläpning i registreringen förekommer under sommaren.",
    "Inga avvikelser rapporterades, vilket kan bero på att systemet var ur funktion.",
])
def test_hidden_shortfalls_are_no_all_clear(text):
    assert code(text) != "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Antal kontrollerade: 40. Antal med fel: 0.", "inga_avvikelser"),
    ("Antal kontrollerade: 40. Antal med fel: 3.", "avvikelser"),
    ("Åtgärd krävs: Nej.", "inga_avvikelser"),
    ("Uppgift saknas.", "okand"),
    ("Ungefär hälften av kontrollerna är gjorda.", "pagar"),
    ("Genomförd för tre av fem förvaltningar.", "ej_utford"),
    # a need to review: a mild finding, or no finding stated; writers read it both ways
    ("Rutinen behöver ses över.", ("mindre_avvikelser", "okand")),
])
def test_labels_counts_and_plans(text, expected):
    assert code(text) in one_of(expected)


@pytest.mark.parametrize("text, expected", [
    ("Fel saknas.", "inga_avvikelser"),
    ("Granskningen har inte gett upphov till några anmärkningar.", "inga_avvikelser"),
    ("Det finns inga tecken på att attestordningen inte följs.", "inga_avvikelser"),
    ("Två fakturor betalades efter förfallodagen.", "avvikelser"),
    ("Representation hade vid ett tillfälle betalats i strid med riktlinjen.", "avvikelser"),
    ("Efterlevnaden är hög men inte fullständig.", "mindre_avvikelser"),
    ("Vissa justeringar behövs.", "mindre_avvikelser"),
    ("Arbetet pågår men är försenat.", "pagar"),
    ("Kontrollen utförs under tertial 2.", "ej_paborjad"),
    ("Kontrollen görs i stället nästa år.", "ej_utford"),
    ("Inga pågående ärenden.", "okand"),
])
def test_further_wordings(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Tre av dem följer rutinen, en enhet har inte infört den.", "avvikelser"),
    ("Formella brister i form av saknade datum.", "mindre_avvikelser"),
    ("Två av fyra planerade besök är gjorda, de återstående görs i november.", "pagar"),
    ("Kontrollen hann endast genomföras för januari.", "ej_utford"),
    ("Endast var femte faktura hade referens.", "avvikelser"),
])
def test_parts_pronouns_and_examples(text, expected):
    assert code(text) == expected


def test_a_negated_clause_beside_an_all_clear_is_no_all_clear():
    assert code("Rutinen följs, men en chef kände inte till den.") != "inga_avvikelser"
    assert code("Rutinen följs, två enheter har inte infört den.") != "inga_avvikelser"
    assert code("Rutinen följs och behöver inte ändras.") == "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    # a later step under way is a hint only where another sentence states the finding
    ("Kontrollen visar att rutinen följs. En revidering av rutinen har påbörjats.",
     "inga_avvikelser"),
    ("Översynen av rutinen har påbörjats.", "pagar"),
    ("Granskning pågår, ej klar per tertial 2.", "pagar"),
    ("Uppföljning sker löpande, en sammanställning görs i januari.", "pagar"),
    ("Startad: Nej.", "ej_paborjad"),
])
def test_later_steps_and_ongoing_work(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Inga uppgifter om avvikelser har lämnats av förvaltningen.", "okand"),
    ("Inga rapporter om brister har inkommit.", "okand"),
    ("Ingen rutin för hantering av nycklar har tagits fram.", "avvikelser"),
    ("Behörigheter har inte tagits bort för konsulter som slutat.", "avvikelser"),
    ("Andelen e-handel är lägre än förväntat.", "avvikelser"),
    ("Riskanalysen görs inte årligen.", "avvikelser"),
    ("Genomförd för skolorna. Förskolorna granskas i början av nästa år.", "pagar"),
    ("Genomförs istället under 2027.", "ej_utford"),
])
def test_information_requirements_and_remainders(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Inga avvikelser, ett fåtal ärenden var dock inte avslutade.", "mindre_avvikelser"),
    ("Beställare och attestant var dock samma person i tre fall.", "avvikelser"),
    ("Registret innehöll tio konton som borde ha stängts.", "avvikelser"),
    ("Utgångna läkemedel hittades i ett förråd.", "avvikelser"),
])
def test_quantified_negation_procedures_and_should_have(text, expected):
    assert code(text) == expected


def test_how_deviations_are_dealt_with_is_not_a_deviation():
    assert code("Uppföljningen görs varje månad och avvikelser kommenteras.") != "avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Inga chefer hade genomfört utbildningen.", "avvikelser"),
    ("Ingen kontroll har genomförts.", "ej_utford"),
    ("Inget har gjorts ännu.", ("ej_utford", "ej_paborjad")),   # "ännu": not yet begun
    ("Fyra av sju delmoment har genomförts.", "ej_utford"),
    ("Inga av de granskade ärendena behövde kompletteras.", "inga_avvikelser"),
    ("Det har inte gått att genomföra kontrollen eftersom inga ärenden har inkommit.",
     "ej_utford"),
    ("Felprocent: 0.", "inga_avvikelser"),
    ("Granskning av januari–juni klar, juli–december granskas i februari.", "pagar"),
    ("Efter genomgången konstateras att uppföljning inte har gjorts inom föreskriven tid i "
     "fyra ärenden.", "avvikelser"),
])
def test_who_did_not_do_it_and_what_is_left(text, expected):
    assert code(text) in one_of(expected)


@pytest.mark.parametrize("text, expected", [
    ("Av kommunens 12 skolor hade 12 genomfört brandövning.", "inga_avvikelser"),
    ("I 8 fall av 10 fanns beslutet diariefört.", "avvikelser"),
    ("Det framkom inga uppgifter som tyder på fel.", "inga_avvikelser"),
    ("Underlag har inte kunnat uppvisas.", "avvikelser"),
    ("Hanteringen följer lagstiftningen.", "inga_avvikelser"),
    ("Avvikelserna är små.", "mindre_avvikelser"),
    ("En liten brist har noterats.", "mindre_avvikelser"),
    ("Genomförs för närvarande.", "pagar"),
    ("Flyttas till första kvartalet 2027.", "ej_utford"),
    ("Kontrollen gjordes bara delvis.", "pagar"),
])
def test_genitive_totals_cases_and_small_words(text, expected):
    assert code(text) == expected


def test_what_the_control_did_not_cover_makes_an_all_clear_unsure():
    d = classify_text("Inga avvikelser har upptäckts, men kontrollen har inte omfattat alla "
                      "enheter.")
    assert d.code not in ("inga_avvikelser", "avvikelser")


@pytest.mark.parametrize("text, expected", [
    ("Prisavvikelser upptäcktes hos tre leverantörer.", "avvikelser"),
    ("Inga prisavvikelser.", "inga_avvikelser"),
    ("Samtliga rapporter hade lämnats i tid, med analys av avvikelser mot budget.",
     "inga_avvikelser"),
    ("Stickprov genomfört för halva året.", "pagar"),
    ("Kontrollen påbörjades men avbröts.", "ej_utford"),
    ("Det har inte gjorts någon riskanalys.", "avvikelser"),
    ("Det har inte gjorts någon kontroll.", "ej_utford"),
    ("Granskningen har inte kunnat påvisa några brister.", "inga_avvikelser"),
    ("Inga avvikelser – men kontrollen bör utökas nästa år.", "inga_avvikelser"),
])
def test_compounds_contents_and_advice(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Tidsplanen har förskjutits och kontrollen görs nästa år.", "ej_utford"),
    ("Inga obehöriga har åtkomst till registret.", "inga_avvikelser"),
    ("Rutinen har aldrig fastställts.", "avvikelser"),
    ("Stickprov har inte tagits.", "ej_utford"),
    ("Vid kontrollen fattades 800 kronor i kassan.", "avvikelser"),
    ("Åtgärder har vidtagits men effekten kan ännu inte bedömas.", "pagar"),
    ("Handläggningstiderna är långa.", "avvikelser"),
    ("Syfte och deltagare angavs i samtliga fall.", "inga_avvikelser"),
    ("Kontrollen genomförs under hösten, data håller på att samlas in.", "pagar"),
    ("Kontrollen genomförs under tertial 3.", "ej_paborjad"),
    ("Arbetet slutförs under hösten.", "pagar"),
])
def test_times_missing_money_and_long_waits(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Inte heller i år har rutinen följts.", "avvikelser"),
    ("Av de granskade 20 ärendena var 20 korrekta.", "inga_avvikelser"),
    ("Kontrollen utföll väl.", "inga_avvikelser"),
    ("Skjuten till 2027.", "ej_utford"),
    ("Halva kontrollen är gjord.", "pagar"),
    ("Andra halvåret har inte granskats.", "ej_utford"),
])
def test_far_negation_totals_and_short_forms(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Inget fall av jäv har uppmärksammats.", "inga_avvikelser"),
    ("Inga påpekanden från revisorerna.", "inga_avvikelser"),
    ("På två skolor har städning inte utförts enligt schema.", "avvikelser"),
    ("Följs delvis.", "mindre_avvikelser"),
    ("Åtgärdsbehov: nej.", "inga_avvikelser"),
    ("Kvar att göra: analys av resultatet.", "pagar"),
    ("Flyttas fram.", "ej_utford"),
    ("Fakturor attesteras utan att mottagningskontroll skett.", "avvikelser"),
])
def test_more_short_forms(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "Kontrollmomentet har stämts av med ekonomichefen.",
    "Resten av året följs upp i bokslutet.",
    "Uppföljning sker i nästa tertialrapport.",
])
def test_methods_and_follow_ups_are_not_all_clears(text):
    assert code(text) not in ("inga_avvikelser", "ej_paborjad")


@pytest.mark.parametrize("text, expected", [
    ("Beslut har fattats om att flytta kontrollen till våren.", "ej_utford"),
    ("Kontrollen har prioriterats ned.", "ej_utford"),
    ("Hälften av stickproven är analyserade.", "pagar"),
    ("Inga avvikelser. Nästa kontroll är ännu inte planerad.", "inga_avvikelser"),
])
def test_moves_and_next_rounds(text, expected):
    assert code(text) == expected


def test_an_all_clear_of_what_was_checked_so_far_is_no_all_clear():
    assert code("Inga avvikelser noterades i de ärenden som hunnit granskas.") != \
        "inga_avvikelser"


def test_something_that_occurs_beside_an_all_clear_is_at_most_minor():
    assert code("Rutinen följs. Vissa förseningar uppstår under semestern.") == \
        "mindre_avvikelser"
    assert code("Rutinen följs. Det förekommer inte att fakturor betalas utan attest.") == \
        "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Hanteringen är korrekt och inga förbättringar behövs.", "inga_avvikelser"),
    ("Vid kontrollen var samtliga fordon besiktigade.", "inga_avvikelser"),
    ("Några få ärenden saknade datum.", "mindre_avvikelser"),
    ("Det har inte förekommit att fakturor betalats utan attest.", "inga_avvikelser"),
])
def test_negated_improvements_and_few(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Stickprov 30 st.\nFel: 0.", "inga_avvikelser"),
    ("Inga anmärkningar har gjorts av revisorerna.", "inga_avvikelser"),
    ("Det finns inga oklarheter i ansvarsfördelningen.", "inga_avvikelser"),
    ("Av granskade 15 ärenden hade 13 korrekt beslut.", "avvikelser"),
    ("Kontrollen är i slutfasen.", "pagar"),
    ("Kontroll av avtal genomförd, kontroll av fakturor ej påbörjad.", "pagar"),
])
def test_lines_parts_and_phases(text, expected):
    assert code(text) == expected


def test_a_later_step_not_started_after_a_done_control_is_not_progress():
    assert code("Kontrollen är genomförd. Uppföljning av åtgärdsplanen ej påbörjad.") in (
        "inga_avvikelser", "okand")


@pytest.mark.parametrize("text, expected", [
    ("Beslut hade fattats utan att yttrande inhämtats.", "avvikelser"),
    ("Förteckningen är nu fullständig.", "inga_avvikelser"),
    ("Förteckningen är inte fullständig.", "avvikelser"),
    ("Skyddsronderna genomförs inte med den regelbundenhet som krävs.", "avvikelser"),
    # part done: the rest not carried out, or still under way; writers read it both ways
    ("Testerna är utförda för två av fem system.", ("ej_utford", "pagar")),
    ("Kontrollen startar när det nya avtalet är tecknat.", "ej_paborjad"),
    ("Backuper tas varje natt, men återläsning har inte testats.", "avvikelser"),
])
def test_without_having_done_complete_and_tested(text, expected):
    assert code(text) in one_of(expected)


@pytest.mark.parametrize("text, expected", [
    ("Inga sena betalningar har noterats.", "inga_avvikelser"),
    ("Kontroll gjord för tre av sex månader.", ("ej_utford", "pagar")),
])
def test_late_payments_negated_and_months_done(text, expected):
    assert code(text) in one_of(expected)


def test_an_implausible_all_clear_is_no_all_clear():
    assert code("Inga avvikelser har rapporterats under året, vilket är osannolikt.") != \
        "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Ej påbörjad. Kontrollen från förra året visade inga avvikelser.", "ej_paborjad"),
    ("Ingen personal har tillgång till kassan utan behörighet.", "inga_avvikelser"),
    ("Inga åtgärder har vidtagits trots tidigare påpekanden.", "avvikelser"),
    ("Ett av två stickprov har genomförts.", "ej_utford"),
    ("Det råder inga tveksamheter kring attesträtten.", "inga_avvikelser"),
    ("Inga kontroller görs av leverantörernas skattestatus.", "avvikelser"),
    ("Kontrollen utgår från riskanalysen.", "okand"),
    ("Avvikelse: Ja, mindre.", "mindre_avvikelser"),
    ("Kontrollen visar förbättringar jämfört med förra året, inga avvikelser.",
     "inga_avvikelser"),
])
def test_last_year_despite_and_based_on(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ej OK", "avvikelser"),
    ("Utförd, u.a.", "inga_avvikelser"),
    ("Genomf. Inga avv.", "inga_avvikelser"),
    ("Klar, 2 avv.", "avvikelser"),
    ("Ej utf. p.g.a. resursbrist", "ej_utford"),
])
def test_table_cells_short_forms(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Förra året: 8 avvikelser. I år: inga avvikelser.", "inga_avvikelser"),
    ("I år: 3 avvikelser.", "avvikelser"),
    ("Avtalstroheten har ökat men når inte målet.", "avvikelser"),
    ("Föreningsbidrag: 14 utbetalningar granskade, samtliga med beslut och redovisning.",
     "inga_avvikelser"),
    ("Kontrollen visar på förbättringsområden avseende dokumentation.", "mindre_avvikelser"),
])
def test_earlier_years_goals_and_improvements(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Av 46 orosanmälningar förhandsbedömdes 39 inom lagstadgad tid.", "avvikelser"),
    ("Samtliga 46 orosanmälningar förhandsbedömdes inom lagstadgad tid.", "inga_avvikelser"),
    ("Återläsningstest genomfördes i maj med lyckat resultat.", "inga_avvikelser"),
    ("Vid förra årets kontroll konstaterades att attest saknades på ett flertal fakturor. "
     "Årets kontroll av 50 fakturor visade att samtliga var attesterade av behörig attestant.",
     "inga_avvikelser"),
    ("Förra årets brister kvarstår.", "avvikelser"),
])
def test_counts_in_time_results_and_last_years_findings(text, expected):
    assert code(text) == expected


def test_the_reason_a_control_does_not_apply_is_no_finding():
    assert code("Inte aktuellt då ingen upphandling genomförts.") not in (
        "avvikelser", "mindre_avvikelser", "inga_avvikelser")


@pytest.mark.parametrize("text, expected", [
    ("Finns rutin för hantering av bisysslor? Nej.", "avvikelser"),
    ("Har samtliga chefer attesträtt enligt delegation? Ja.", "inga_avvikelser"),
    ("Förekommer fel i utbetalningarna? Nej.", "inga_avvikelser"),
    ("Har kontrollen genomförts? Nej.", "ej_utford"),
    ("Finns dokumenterad rutin? Ja. Följs rutinen? Delvis, se nedan.", "mindre_avvikelser"),
])
def test_questions_answered_yes_or_no(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Antal fel: 0 av 25", "inga_avvikelser"),
    ("Kontrollerade: 40. Med anmärkning: 6.", "avvikelser"),
    ("0 avvikelser", "inga_avvikelser"),
    ("Kontroll av 60 attester, 0 avvikelser.", "inga_avvikelser"),
    ("Avvikelser har förekommit i mindre omfattning.", "mindre_avvikelser"),
    ("Utfallet ligger på 87 %, vilket är under målnivån.", "avvikelser"),
    ("Inga avvi-\nkelser noterades.", "inga_avvikelser"),
])
def test_counted_cells_zero_extent_goal_and_hyphenation(text, expected):
    assert code(text) == expected


def test_a_later_step_of_the_control_still_to_come_is_no_all_clear():
    assert code("Kontrollen har genomförts i två steg. Steg 1 (januari–juni) visade inga "
                "avvikelser. Steg 2 genomförs under hösten.") != "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Inga avvikeiser.", "inga_avvikelser"),
    ("Rutinen tilIämpas inte.", "avvikelser"),
    ("Semesterskulden är avstämd och korrekt.", "inga_avvikelser"),
    ("Valet av konto är inte korrekt.", "avvikelser"),
    ("Entréavgifter har redovisats korrekt, kassadifferenser förekom inte.", "inga_avvikelser"),
    ("Kassadifferenser förekom vid två tillfällen.", "avvikelser"),
    ("Radonmätning genomförd i samtliga förskolor; alla värden under riktvärdet.",
     "inga_avvikelser"),
    ("Legionellaprovtagning visade förhöjda halter i en byggnad.", "avvikelser"),
    ("Gatubelysningens besiktning är försenad och görs i januari.", "ej_utford"),
    ("Övertidsuttaget översteg 200 timmar för fyra medarbetare utan dispens.", "avvikelser"),
    ("Ytterligare åtgärder krävs.", "avvikelser"),
    ("Ingen ytterligare åtgärd krävs.", "inga_avvikelser"),
    ("Bedömning kan inte göras då uppgifter saknas.", "okand"),
    ("2025: 4 avvikelser. 2026: 0 avvikelser.", "inga_avvikelser"),
    ("2026: 4 avvikelser. 2025: 0 avvikelser.", "avvikelser"),
])
def test_ocr_letters_limit_values_delays_and_year_labels(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ej heller förekom några felaktigheter i utbetalningarna.", "inga_avvikelser"),
    ("Inte heller i år har rutinen följts.", "avvikelser"),
    ("Röd", "avvikelser"),
    ("Gul.", "mindre_avvikelser"),
    ("Grön", "okand"),                 # no legend: a green alone is no all-clear
    ("Gul – pågår.", "pagar"),
    ("Felprocenten var 0.", "inga_avvikelser"),
    ("Antal fel blev 3.", "avvikelser"),
    ("Kontrollen har genomförts. Resultatet var sämre än väntat.", "avvikelser"),
    ("Ej pa-borjad.", "ej_paborjad"),
])
def test_neither_colours_alone_stated_counts_and_hyphens(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Stickprov 15, fel 0", "inga_avvikelser"),
    ("Slutsats: Kontrollmomentet fungerar väl.", "inga_avvikelser"),
    ("Iakttagelser: Inga.", "inga_avvikelser"),
    ("På 52 rader stämde priset. På åtta rader hade leverantören debiterat ett högre pris "
     "än avtalat, totalt 14 300 kronor. Beloppet har krediterats.", "avvikelser"),
    ("Förra årets påpekande om saknade delegationsbeslut är åtgärdat; nya "
     "delegationsordningen antogs i mars.", "inga_avvikelser"),
    ("Förra årets brister har inte åtgärdats.", "avvikelser"),
    ("Kontrollen väntar på underlag från HR.", "ej_paborjad"),
    ("Till 70 % klar.", "pagar"),
])
def test_labels_prices_against_agreement_and_last_years_remarks_handled(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rutinen följs i princip.", "mindre_avvikelser"),
    ("Rutinen följs i regel.", "mindre_avvikelser"),
    ("Attest sker oftast inom en vecka.", "mindre_avvikelser"),
    ("Rutinen följs normalt inte.", "avvikelser"),
    ("Loggkontroller görs sällan.", "avvikelser"),
    ("Inga konstigheter.", "inga_avvikelser"),
    ("Det har inte förekommit några inköp utanför avtal.", "inga_avvikelser"),
    ("Det har förekommit att inköp gjorts utanför avtal.", "avvikelser"),
    ("Inköp utanför avtal har förekommit i liten omfattning.", "mindre_avvikelser"),
    ("Avtalstroheten är låg.", "avvikelser"),
    ("Kontrollen har genomförts och visade inga avvikelser. Rapporten till nämnden pågår.",
     "inga_avvikelser"),
])
def test_hedges_frequency_and_reporting_after_the_control(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Målet är att inga fel ska förekomma.", "okand"),
    ("Inga fel ska förekomma enligt rutinen.", "okand"),
    ("Inga fel kan konstateras.", "inga_avvikelser"),
    ("Syftet är att säkerställa att inga fel förekommer.", "okand"),
    ("Kontrollen visade att inga obehöriga hade tillgång till systemet.", "inga_avvikelser"),
    ("Kontrollen visade att obehöriga hade tillgång till systemet.", "avvikelser"),
    ("Handläggningstiden var i genomsnitt 12 dagar mot målet 10 dagar.", "avvikelser"),
    ("Genomsnittlig handläggningstid 8 dagar, målet högst 10 dagar.", "inga_avvikelser"),
    ("Kassainventering 2026-03-31: differens 0 kr.", "inga_avvikelser"),
    ("Kassainventering 2026-09-30: differens 1 250 kr.", "avvikelser"),
    ("Loggar har granskats månadsvis utan att otillåten åtkomst upptäckts.",
     "inga_avvikelser"),
    ("Avstämningen gick jämnt ut.", "inga_avvikelser"),
    ("Avstämningen visade en oförklarad skillnad på 48 tkr.", "avvikelser"),
    ("Avvikelsehanteringen fungerar.", "inga_avvikelser"),
    ("Kontrollen är klar. Resultat: bra.", "inga_avvikelser"),
    ("Status: Stoppad.", "ej_utford"),
])
def test_norms_purposes_time_limits_amounts_and_access(text, expected):
    assert code(text) != "inga_avvikelser" if expected == "okand" else code(text) == expected


@pytest.mark.parametrize("text", [
    "Inga avvikelser förväntas.",
    "Förhoppningen är att rutinen följs.",
    "Samtliga avtal ska finnas registrerade i avtalsdatabasen.",
    "Att rutinen följs.",
    "Inga avvikelser i det första urvalet; andra urvalet granskas i december.",
])
def test_norms_hopes_control_points_and_a_second_sample_are_no_all_clear(text):
    assert code(text) != "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Kontrollen visade att samtliga avtal fanns registrerade.", "inga_avvikelser"),
    ("Kontrollen visade en hög felfrekvens.", "avvikelser"),
    ("Felfrekvensen var noll.", "inga_avvikelser"),
    ("Utan brister: 30 av 30.", "inga_avvikelser"),
    ("Utan brister: 26 av 30.", "avvikelser"),
    ("Med brister: 4 av 30.", "avvikelser"),
    ("Rutinen saknar inga väsentliga delar.", "inga_avvikelser"),
])
def test_error_rates_negated_count_headings_and_lacking_nothing(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Det har inte kunnat konstateras några brister.", "inga_avvikelser"),
    ("Brister kunde konstateras i tre ärenden.", "avvikelser"),
    ("Felfritt.", "inga_avvikelser"),
    ("Man har inte i något fall avvikit från rutinen.", "inga_avvikelser"),
    ("Handläggarna avvek från rutinen i två fall.", "avvikelser"),
    ("Endast i undantagsfall följs inte rutinen.", "mindre_avvikelser"),
    ("Rutinen följs utan undantag.", "inga_avvikelser"),
    ("Tidigare brister har delvis åtgärdats, arbetet fortsätter.", "avvikelser"),
    ("Tidigare brister har åtgärdats.", "inga_avvikelser"),
    ("Andelen korrekta utbetalningar ökade från 88 % till 100 %.", "inga_avvikelser"),
])
def test_could_not_find_deviated_exceptions_partly_handled_and_changes(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "Det kan inte uteslutas att fel förekommer.",
    "Brister kan inte uteslutas.",
    "Andelen korrekta utbetalningar ökade från 88 % till 94 %.",
])
def test_a_possibility_or_a_change_short_of_all_is_no_all_clear(text):
    assert code(text) != "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("a) rutin finns – ja; b) rutin följs – nej", "avvikelser"),
    ("- Rutin finns: Ja\n- Rutin känd: Ja\n- Rutin följs: Delvis", "mindre_avvikelser"),
    ("Granskade: 50 | Fel: 0", "inga_avvikelser"),
    ("Genomförd: Ja | Avvikelse: Nej", "inga_avvikelser"),
    ("Genomförd: Nej | Orsak: sjukdom", "ej_utford"),
    ("Inga avvikelser 2026 (2025: 5 avvikelser).", "inga_avvikelser"),
    ("5 avvikelser 2026 (2025: inga).", "avvikelser"),
    ("IVO har riktat kritik mot verksamheten.", "avvikelser"),
    ("Ingen kritik från IVO.", "inga_avvikelser"),
    ("Inspektionen resulterade i föreläggande.", "avvikelser"),
    ("Arbetsmiljöverket har ställt krav på åtgärder.", "avvikelser"),
    ("Två av tre delkontroller genomförda utan anmärkning, den tredje påbörjas i januari.",
     "pagar"),
])
def test_answered_items_table_rows_bracketed_years_and_authorities(text, expected):
    assert code(text) == expected
