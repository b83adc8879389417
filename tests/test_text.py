"""Quote matching: normalisation, locating, quoted passages, line ranges."""

import pytest

from boots.data import text


def test_normalise_folds_only_quotes_dashes_and_spaces():
    assert text.normalise("  “It’s – here”\n\n now ") == '"It\'s - here" now'
    assert text.normalise("Café … [sic]") == "Café … [sic]"


def test_locate_reports_offsets_in_the_original_text():
    content = "He said: “We won’t  go.”\nEnd."
    span = text.locate("We won't go.", content)
    assert span == text.Span(10, 23)
    assert content[span.start : span.end] == "We won’t  go."


def test_locate_returns_none_and_closest_passage_finds_the_near_miss():
    content = "There are “no plans for NATO combat troops on the ground in Ukraine”, he said."
    assert text.locate("no plans for NATO fighting troops", content) is None
    closest = text.closest_passage("no plans for NATO fighting troops", content)
    assert "no plans for NATO combat troops" in closest.passage
    assert 60 < closest.score < 100


def test_find_all_finds_every_occurrence():
    assert [s.start for s in text.find_all("ab", "ab ab  ab")] == [0, 3, 7]


def test_quoted_passages_pairs_mixed_marks_and_skips_apostrophes():
    content = "Peskov’s view: “NATO allies,\" he said, 'ruled out' and Europe's 'inevitability'.\n"
    passages, unpaired = text.quoted_passages(content, [text.Span(0, len(content))])
    assert [p.text for p in passages] == ["NATO allies", "ruled out", "inevitability"]
    assert unpaired == []


def test_quoted_passages_flags_a_paragraph_with_an_odd_number_of_marks():
    content = "One “two\nthree “four” five\n"
    passages, unpaired = text.quoted_passages(content, [text.Span(0, len(content))])
    assert [p.text for p in passages] == ["four"]
    assert unpaired == [0]


def test_parse_line_ranges():
    assert text.parse_line_ranges("1,10-39") == [(1, 1), (10, 39)]
    for bad in ["", "3-1", "1,1", "a-b", "0-2"]:
        with pytest.raises(ValueError):
            text.parse_line_ranges(bad)


def test_body_spans_cover_exactly_the_named_lines():
    content = "title\nchrome\nbody one\nbody two\nfooter"
    spans = text.body_spans(content, "1,3-4")
    assert [content[s.start : s.end] for s in spans] == ["title", "body one\nbody two"]
    with pytest.raises(ValueError):
        text.body_spans(content, "1-9")
