"""The surface of a scanned or clipped text (surface.py, normalize.py): glued words, words cut
by a scan's mark or a lost line break, letters a scan confuses, short forms of a table cell.
Sentences written for these tests, from several areas of municipal work."""
import pytest

from ikextract.status import classify_text
from ikextract.status.normalize import OcrRepair
from ikextract.status.rules import get_rules


pytestmark = pytest.mark.usefixtures("rules_only")


def code(text):
    return classify_text(text).code


def norms(text):
    return [t.norm_ for t in get_rules().make_doc(text) if not t.is_space]


# -- words glued together -------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Inteutförd", "ej_utford"),
    ("Ejstartad", "ej_paborjad"),
    ("Ingabrister", "inga_avvikelser"),
    ("Felkvarstår i två av fem avtal", "avvikelser"),
    ("Smärrebrister", "mindre_avvikelser"),
])
def test_two_words_run_together_are_read_as_two(text, expected):
    assert code(text) == expected


def test_a_compound_the_dictionary_knows_stays_one_word():
    # "avvikelserapport" is a report form, not "avvikelser" + "rapport"
    assert "avvikelserapport" in norms("Avvikelserapport skickad till nämnden")
    assert code("Avvikelserapport skickad till nämnden") != "avvikelser"


def test_a_sentence_whose_space_after_the_full_stop_was_lost():
    assert norms("Ej godkänt.Fel i rapporteringen.")[:4] == ["ej", "godkant", ".", "fel"]
    # the all-clear of the first sentence does not reach into the second
    assert code("Ej godkänt.Fel i rapporteringen.") == "avvikelser"
    assert code("Inga brister.Rutinen tillämpas i alla enheter.") == "inga_avvikelser"


def test_short_forms_without_their_spaces():
    assert norms("Genomf.u.anm") == ["genomford", "utan", "anmarkning"]
    assert code("Genomf.u.anm") == "inga_avvikelser"


# -- words cut ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Inventeringen på- går", "pagar"),
    ("Uppföljningen är in- te påbörjad", "ej_paborjad"),
    ("Brist- er kvarstår i rutinen", "avvikelser"),
    ("Kontrollen ut- går i år", "ej_utford"),
])
def test_a_hyphen_whose_line_break_was_lost_joins_the_halves(text, expected):
    assert code(text) == expected


def test_a_hyphen_of_a_word_pair_is_left_alone():
    # "bygg- och miljö": the halves make no vocabulary word
    assert "bygg-" in norms("Bygg- och miljönämnden har ingen synpunkt")


def test_a_scan_mark_inside_a_word_is_part_of_the_word():
    assert norms("Avvil<elser i tre fall")[0] == "avvikelser"
    assert code("Inga avvil<elser vid granskningen") == "inga_avvikelser"


# -- letters a scan confuses ----------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Arbetet påqår", "pagar"),            # q for g
    ("Inqa brister noterades", "inga_avvikelser"),
    ("Ej genomförcl", "ej_utford"),        # cl for d
    ("Srnärre brister i dokumentationen", "mindre_avvikelser"),   # rn for m
    ("Ei påbörjad", "ej_paborjad"),        # i for j
])
def test_letters_a_scan_confuses(text, expected):
    assert code(text) == expected


def test_a_word_of_its_own_is_not_repaired_into_another():
    repair = OcrRepair(["pågår"], known=lambda w: False)
    assert repair("paqar") == "pagar"      # no Swedish word: the confusion undone
    repair = OcrRepair(["pågår"], known=lambda w: w == "paqar")
    assert repair("paqar") == "paqar"      # (were it one) it would stay itself
    assert get_rules().repair("barn") == "barn"     # not "bam" (rn for m)


def test_a_confusion_that_fits_two_words_repairs_to_neither():
    repair = OcrRepair(["hand", "band"], confusions=[("h", "b", True), ("b", "h", True)],
                       known=lambda w: False)
    assert repair("hbnd") == "hbnd"


# -- short forms ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Kontr. utförd u. anm.", "inga_avvikelser"),
    ("Utförd u anm", "inga_avvikelser"),
    ("Sm. brister i 2 fall", "mindre_avvikelser"),
    ("Enst. fel, rättade", "mindre_avvikelser"),
    ("Ej påbörj.", "ej_paborjad"),
])
def test_a_table_cells_short_forms(text, expected):
    assert code(text) == expected


def test_a_short_form_that_is_a_word_without_its_dot():
    repair = get_rules().repair
    assert repair("konst.") == "konstaterat"
    assert repair("konst") == "konst"      # art, in a culture board's text
    assert "konstaterat" in norms("Fel konst. i två fakturor")


@pytest.mark.parametrize("text, expected", [
    ("Min- dre brister i arkiveringen", "mindre_avvikelser"),     # inside a phrase
    ("In-\nga fel i lönefilen", "inga_avvikelser"),               # the line break kept
    ("Delegationsordningen följs in te", "avvikelser"),            # a negator cut in two
    ("In gen uppföljning har skett", "ej_utford"),
    ("Fly-\nttas till våren 2027", "ej_utford"),
])
def test_a_word_in_two_tokens_is_one_token_inside_its_phrase(text, expected):
    assert code(text) == expected


def test_halves_that_are_words_of_their_own_stay_two():
    # "god känd" could be two words: only a negator's short halves are joined
    assert "godkand" not in norms("En god känd rutin")


def test_a_short_word_with_an_l_read_as_i():
    assert norms("Flyttas tiil 2026")[1] == "till"


# -- a letter dropped, doubled, swapped (a writer's slip or a scan's) ------------------------
@pytest.mark.parametrize("text, expected", [
    ("Avvikelsr i tre av tio beslut", "avvikelser"),
    ("Kontrollen är genomförrd utan anmärkning", "inga_avvikelser"),
    ("Inventeringen påbröjad i oktober", "pagar"),
    ("Riktlinjen tillämpas itne", "avvikelser"),     # a negator misspelt is still one
    ("Rutinen följs ine", "avvikelser"),
    ("Brsiter i rutinen för kassahantering", "avvikelser"),
])
def test_a_word_one_letter_off_is_read_as_the_word(text, expected):
    assert code(text) == expected


def test_two_words_one_edit_away_are_not_guessed_between():
    # "genomförd" (done) and "genomförs" (will be done) are both one edit from "genomförx"
    assert get_rules().repair("genomförx") == "genomforx"


def test_a_swedish_word_one_letter_off_a_status_word_stays_itself():
    # "sökandes" (applicants') is no "saknades" (lacked); "inre" is no "inte"
    assert get_rules().repair("sökandes") == "sokandes"
    assert get_rules().repair("inre") == "inre"


def test_digits_a_scan_reads_for_letters():
    assert norms("Avvikel5er noterade")[0] == "avvikelser"
    assert norms("Rutinen f6ljs")[1] == "foljs"


@pytest.mark.parametrize("text, expected", [
    ("Del vis godkänd", "mindre_avvikelser"),
    ("Delis godkänt", "mindre_avvikelser"),        # five letters, one dropped
    ("Minre brister i arkiveringen", "mindre_avvikelser"),
])
def test_a_qualifier_that_keeps_a_result_from_an_all_clear_survives_damage(text, expected):
    assert code(text) == expected


def test_a_split_that_would_make_an_all_clear_of_two_words_is_not_joined():
    # "god känd": two words of their own, and joining them would read an approval in
    assert code("God känd") != "inga_avvikelser"


def test_utf8_read_as_windows_1252():
    assert norms("Ej pÃ¥bÃ¶rjad") == ["ej", "paborjad"]
    assert code("Rutinen fÃ¶ljs inte") == "avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Bed. tillfredsst.", "inga_avvikelser"),
    ("Uppskj. till hösten", "ej_utford"),
    ("Rutinen tillämp. ej", "avvikelser"),
])
def test_more_short_forms_of_a_status_cell(text, expected):
    assert code(text) == expected


def test_a_lower_case_sentence_whose_space_after_the_full_stop_was_lost():
    assert norms("inga fel.kontrollen gjord av controller")[:5] == [
        "inga", "fel", ".", "kontrollen", "gjord"]
    assert code("inga fel.kontrollen gjord av controller") == "inga_avvikelser"
    # a web address or short forms are no sentences
    assert "." not in norms("se kommun.se")


def test_an_orange_cell_says_nothing_without_the_reports_legend():
    assert code("Orange") == "okand"


def test_a_scan_mark_undone_towards_a_word_the_rules_do_not_list():
    # "hanteringen" is no status word, but "q" is no letter of it: the compound stays whole
    assert norms("Avvikelsehanterinqen saknas")[0] == "avvikelsehanteringen"
    assert norms("Ornprioriterad till 2027")[0] == "omprioriterad"


def test_a_status_word_run_into_a_word_of_the_language():
    assert norms("Enheterna har dockegna blanketter")[2:4] == ["dock", "egna"]
    assert code("Brister i rutinen förutomtvå enheter") == "avvikelser"


def test_short_words_with_n_read_as_u():
    assert norms("Iuga fel")[0] == "inga"


@pytest.mark.parametrize("text, expected", [
    ("Funkar inte, chefer attesterar egna resor", "avvikelser"),
    ("Larmrutinen funkar bra på alla fritidsgårdar", "inga_avvikelser"),
    ("Följs rutinen: japp", "inga_avvikelser"),
])
def test_spoken_forms_are_read_as_the_written_word(text, expected):
    assert code(text) == expected


def test_numbers_written_as_one_word_of_tens_and_units():
    rules = get_rules()
    assert rules.number_words["tjugotre"] == 23 and rules.number_words["fyrtiotal"] == 40
    assert code("I tjugotre av fyrtio ärenden saknades beslut om bistånd.") == "avvikelser"
    assert code("Samtliga trettiofem fordonen var besiktigade i tid.") == "inga_avvikelser"


def test_two_short_words_that_stand_side_by_side_are_not_a_cut_negator():
    # "ut än" (not yet out) is no "utan"; "in te" and "ut an" (a lost diacritic) are cut words
    assert "utan" not in norms("Rapporten har inte skickats ut än")
    assert code("Rapporten har inte skickats ut än") != "inga_avvikelser"
    assert "utan" in norms("Genomförd ut an anmärkning")


def test_a_half_repaired_into_a_word_is_a_word():
    # "Srnå" is "små": "Srnå avvikelser" is two words, not one compound
    assert norms("Srnå avvikelser i attesten")[:2] == ["sma", "avvikelser"]


@pytest.mark.parametrize("text, pieces", [
    ("Kontrollenav fakturor visade brister", ["kontrollen", "av"]),    # a function word after
    ("Ingaanmärkningar.Rutinenfungerar.", ["inga", "anmarkningar"]),     # each side split too
])
def test_glued_function_words_and_sentences(text, pieces):
    assert norms(text)[:2] == pieces


@pytest.mark.parametrize("word", ["Omkontroll", "tillsyner", "Efterkontroll", "Treserva"])
def test_a_compound_begun_by_a_particle_or_a_number_is_not_cut(word):
    # "om" of "omkontroll", "till" of "tillsyner", "tre" of a system named "Treserva"
    assert len(norms(word + " gjord")) == 2


@pytest.mark.parametrize("text, expected", [
    ("Ingen av blan-\nketterna saknade underskrift.", "inga_avvikelser"),   # a word of the language
    ("Inga lärar- e hade genomgått utbildningen.", "avvikelser"),
    ("GENOMFÖRD UT-\nAN ANMÄRKNING", "inga_avvikelser"),                 # capitals
    ("Avvi- kelse (Ja/Nej): Nej", "inga_avvikelser"),                     # a scanned heading
    ("Geno- mförd: Nej", "ej_utford"),
])
def test_hyphenated_words_of_the_language_and_headings(text, expected):
    assert code(text) == expected


def test_a_hyphen_that_shortens_a_pair_stays():
    assert "bygg-" in norms("Bygg- och miljönämnden: inga synpunkter")


@pytest.mark.parametrize("text, expected", [
    ("Klart, igna avvikelser", "inga_avvikelser"),          # two letters swapped
    ("Genomförd uatn anmärkning", "inga_avvikelser"),
    ("Flyttas tlil hösten", "ej_utford"),
    ("Avvikelserna är av mindre bety delse.", "mindre_avvikelser"),   # a space inside a word
    ("Godkänd med anmär kning", "mindre_avvikelser"),
])
def test_slips_in_short_words_and_spaces_inside_words_of_the_language(text, expected):
    assert code(text) == expected


def test_a_fragment_of_a_cut_word_is_not_split_as_glued():
    assert norms("Avvikelserna är av mindre bety delse")[-1] == "betydelse"


@pytest.mark.parametrize("text, expected", [
    ("Klart, ina avvikelser.", "inga_avvikelser"),        # a letter dropped from "inga"
    ("Kontrollen gjord, inen anmärkning.", "inga_avvikelser"),
    ("Kontrollerat utn anmärkningar", "inga_avvikelser"),
    ("Kontrollerat ufan anmärkning", "inga_avvikelser"),  # f for t, in a short word
    ("Planeras fill hösten", "ej_paborjad"),
])
def test_the_commonest_words_of_a_result_misspelt(text, expected):
    assert code(text) == expected


def test_a_short_swedish_word_near_a_negator_stays_itself():
    assert get_rules().repair("ena") == "ena"          # "den ena enheten", not "inga"
    assert get_rules().repair("inre") == "inre"


@pytest.mark.parametrize("text, expected", [
    ("Inventering på går på samtliga förskolor.", "pagar"),    # not "samtliga ..." cleared
    ("Ut går, ersätts av ny kontroll.", "ej_utford"),
])
def test_progress_words_cut_into_words_of_their_own(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("I n g a  b r i s t e r", "inga_avvikelser"),            # letters spaced out
    ("Ej på bör jad", "ej_paborjad"),                          # a word in three pieces
    ("Upp följ ning en är ge nom förd utan an märk ning", "inga_avvikelser"),
])
def test_a_word_cut_into_three_pieces_or_more(text, expected):
    assert code(text) == expected


def test_short_words_of_a_sentence_are_not_one_word():
    assert norms("en del av de nya") == ["en", "del", "av", "de", "nya"]


@pytest.mark.parametrize("text, expected", [
    ("Rutinen föjs inte", "avvikelser"),          # a letter dropped from a five-letter word
    ("Arbetet påår", "pagar"),
])
def test_a_letter_dropped_from_a_five_letter_word(text, expected):
    assert code(text) == expected


def test_a_name_is_not_read_as_a_negator_that_clears():
    # "Ina" is a name as often as a slip of "Inga": read as one, it would clear the finding
    assert code("Ina hittade brister i tre av tio ärenden") != "inga_avvikelser"
    assert get_rules().repair("Anna") == "anna"   # no "annat"
