from gazetteer_builder.names import is_latin, one_word, slug, title_case, words_of


def test_title_case_of_upper_case_source_names():
    assert title_case("ABU_BAKR_AL_BAGHDADI_") == "Abu Bakr al Baghdadi"
    assert title_case("ABU_BAKR_AL-BAGHDADI") == "Abu Bakr Al-Baghdadi"   # small words only as words of their own
    assert title_case("MARTHA_VON_QUILL") == "Martha von Quill"
    assert title_case("SEAN_O'HARROW") == "Sean O'Harrow"
    assert title_case("ANGUS_MCTAVISH") == "Angus McTavish"
    assert title_case("U.N._OBSERVERS") == "U.N. Observers"


def test_slug_is_ascii_lower_case_with_hyphens():
    assert slug("Zélandra & Çelbrook Ltd.") == "zelandra-celbrook-ltd"


def test_words_and_one_word():
    assert words_of("Saint-Quill's 2nd harbour") == ["Saint", "Quill's", "nd", "harbour"]
    assert one_word("Quillmoor")
    assert not one_word("Quill Moor")
    assert not one_word("Kel-Aban")


def test_is_latin():
    assert is_latin("Zélandra 12")
    assert not is_latin("Квилл")
