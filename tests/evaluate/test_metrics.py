from ocrfix.evaluate.metrics import Score, score_texts, syllable_accuracy, word_error_rate


def test_identical_text_scores_perfect():
    s = score_texts("Tam Hợp, ngày 24 tháng 12", "Tam Hợp, ngày 24 tháng 12")
    assert (s.syllable_accuracy, s.char_accuracy, s.word_error_rate) == (1.0, 1.0, 0.0)


def test_tone_placement_is_ignored():
    assert syllable_accuracy("hòa bình, thủy lợi", "hoà bình, thuỷ lợi") == 1.0


def test_spacing_around_punctuation_is_ignored_for_syllables():
    assert syllable_accuracy("Số: 1909/BC-UBND", "Số: 1909 /BC-UBND") == 1.0
    assert word_error_rate("Số: 1909/BC-UBND", "Số: 1909 /BC-UBND") > 0


def test_counts_substitution_deletion_insertion():
    truth = "một hai ba bốn"
    assert syllable_accuracy(truth, "một hai ba bốn năm") == 0.75
    assert syllable_accuracy(truth, "một hai bốn") == 0.75
    assert syllable_accuracy(truth, "một hai ba bon") == 0.75


def test_case_counts_unless_ignored():
    assert syllable_accuracy("Việt Nam", "việt nam") == 0.0
    assert syllable_accuracy("Việt Nam", "việt nam", ignore_case=True) == 1.0


def test_accuracy_floors_at_zero_and_scores_add_up():
    assert syllable_accuracy("a", "x y z w") == 0.0
    total = score_texts("một hai", "một ba") + score_texts("bốn", "bốn")
    assert total.syllables == 3 and total.syllable_errors == 1
    assert Score() + Score() == Score()
