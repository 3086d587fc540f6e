"""The lazily read dictionary answers as spylls's own fully parsed one does."""
from functools import lru_cache

import pytest
from spylls.hunspell import Dictionary

from ikextract.text import SWEDISH_DICTIONARY
from ikextract.text.dictionary import (LazyDic, _read_dic, exact_index, open_lookup, read_aff,
                                       shipped_index)


@lru_cache(maxsize=1)
def full_dictionary() -> Dictionary:
    return Dictionary.from_files(str(SWEDISH_DICTIONARY))


def entries(words):
    return [(w.stem, sorted(w.flags), dict(w.data), w.captype, w.alt_spellings) for w in words]


def test_every_stem_has_the_entries_spylls_reads():
    full, lazy = full_dictionary().dic, open_lookup(SWEDISH_DICTIONARY).dic
    assert {s for s in lazy.stems if s} == set(full.index)
    for stem, words in full.index.items():
        assert entries(lazy.homonyms(stem)) == entries(words), stem
    assert lazy.homonyms("xqzv") == [] and lazy.homonyms("") == []


def test_the_lowercase_index_is_spylls_index():
    full, lazy = full_dictionary().dic, open_lookup(SWEDISH_DICTIONARY).dic
    for key, words in full.lowercase_index.items():
        assert entries(lazy.homonyms(key, ignorecase=True)) == entries(words), key


def test_the_shipped_index_is_made_from_the_shipped_dictionary():
    # stale (the .dic changed): `python -m ikextract.text.dictionary` rewrites it
    aff, context = read_aff(SWEDISH_DICTIONARY)
    text, fingerprint = _read_dic(SWEDISH_DICTIONARY, context.encoding)
    shipped = shipped_index(SWEDISH_DICTIONARY, fingerprint)
    assert shipped is not None and shipped == exact_index(SWEDISH_DICTIONARY)[0]
    assert shipped_index(SWEDISH_DICTIONARY, "0-0") is None      # another .dic: not used


def test_without_the_index_the_same_stems_are_found():
    aff, context = read_aff(SWEDISH_DICTIONARY)
    text, fingerprint = _read_dic(SWEDISH_DICTIONARY, context.encoding)
    found = LazyDic(text, aff, context)
    shipped = LazyDic(text, aff, context, shipped_index(SWEDISH_DICTIONARY, fingerprint))
    assert [s or None for s in found.stems] == [s or None for s in shipped.stems]
    assert found._lines_of == shipped._lines_of


ODD_DIC = """7
stem/AB
 padded/A 
two/sl/ashes
/leading
esc\\/aped/B
tagged/A po:noun st:tag
tabbed\tdata
with space/A

stem/C
"""


def test_odd_lines_are_read_by_spylls_reader(tmp_path):
    aff, context = read_aff(SWEDISH_DICTIONARY)
    dic_path = tmp_path / "odd.dic"
    dic_path.write_text(ODD_DIC, encoding="utf-8")
    from spylls.hunspell import readers
    from spylls.hunspell.readers.file_reader import FileReader
    full = readers.read_dic(FileReader(str(dic_path), encoding="UTF-8"), aff=aff,
                            context=context)
    lazy = LazyDic(ODD_DIC, aff, context)
    assert {s for s in lazy.stems if s} == set(full.index)
    for stem, words in full.index.items():
        assert entries(lazy.homonyms(stem)) == entries(words), stem
    assert [w.flags for w in lazy.homonyms("stem")] == [{"A", "B"}, {"C"}]   # both, in order
    assert "7" not in set(full.index) | {s for s in lazy.stems if s}     # the count line


# Words a report's line ends ask about, and the kinds of string that reach the dictionary:
# compounds, forms, glued pairs, capitals, acronyms, hyphens, digits, punctuation.
SAMPLE = ["granskas", "Granskningen", "kas", "personalförening", "hälsoinspiratörer", "perso",
          "ratörer", "progressionsmät", "progressionsmätning", "Förvaltningschef",
          "Förvaltnings", "chef", "ekonomiskt", "bistånd", "ekonomisktbistånd", "5-10",
          "e-tjänst", "IT-stöd", "APT-materialom", "SAM", "KOMMUNSTYRELSEN", "Kommunstyrelsen",
          "kompetensförsörjning", "Kompetens-försörjning", "informations-tillfällen",
          "(upphandlingsenheten", "Process/rutin/system", "t.h.", "2023-24", "omsättning",
          "fredsställande", "tillfredsställande", "internkontrollmomentet", "Kontrollmomen",
          "kontrollmoment", "åtgärder/kontrollmoment", "representationsfakturor", "eten", "n",
          "A", "Å", "ÅR", "ök", "uppföljning", "avvikelserapporterupprättas",
          "utvecklingsledare",
          "digitaliseringsinitiativen", "arbetsmarknadskonsulent", "BIP-skattningen", "3:e",
          "§", "x", "—", "Ekonomi-", "-", ""]


@pytest.mark.parametrize("word", SAMPLE)
def test_lookups_answer_as_spylls(word):
    full, lazy = full_dictionary(), open_lookup(SWEDISH_DICTIONARY)
    assert lazy(word) == full.lookup(word)
    assert (next(lazy.good_forms(word, compound_forms=False), None) is None) == \
        (next(full.lookuper.good_forms(word, compound_forms=False), None) is None)


def test_stems_sampled_across_the_dictionary_answer_as_spylls():
    full, lazy = full_dictionary(), open_lookup(SWEDISH_DICTIONARY)
    stems = sorted(full.dic.index)[::1500]
    for stem in stems:                     # the stem, a form of it, and a compound guess
        for word in (stem, stem + "en", stem + "s" + stems[len(stem) % len(stems)]):
            assert lazy(word) == full.lookup(word), word


def test_the_cached_lookup_is_used_with_the_spylls_it_copies():
    from ikextract.text.dictionary import SPYLLS_COPIED, CachedLookup, _spylls_version
    assert _spylls_version() == SPYLLS_COPIED     # pinned in pyproject.toml
    assert isinstance(open_lookup(SWEDISH_DICTIONARY), CachedLookup)
