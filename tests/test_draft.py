"""The drafting pipeline's extractors, each on sentences written for the purpose: invented
people (Anna Berg, Marek Nowak, Lena Holm, the Office of the Premier) and invented statements,
none from the five articles, so the rules are checked on text they were not written from."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from boots.curate.drafting import cues, draft, match, pipeline, quotes, reported
from boots.curate.drafting import speakers as speaker_mod
from boots.data import tables

SPEAKERS = pd.DataFrame(
    [
        ("berg", "Anna Berg", "Anna Berg", "Northland's chancellor", "chancellor", "person"),
        ("nowak", "Marek Nowak", "Marek Nowak", "Northland's defence minister",
         "defence minister;minister", "person"),
        ("holm", "Lena Holm", "Lena Holm;Holm", "", "prime minister", "person"),
        ("premier-office", "Office of the Premier", "Premier's Office",
         "the premier's office", "", "office"),
        ("kent", "Tom Kent", "Tom Kent", "the Southland leader", "spokesman;leader", "person"),
    ],
    columns=["speaker_id", "name", "printed_names", "aliases", "role_nouns", "kind"],
)  # fmt: skip
STATEMENTS = pd.DataFrame(
    [
        ("berg-no-sailors", "berg", "No sailors will be sent to the northern strait."),
        ("berg-talks", "berg", "Talks with the islands must continue this winter."),
        ("nowak-no-sailors", "nowak", "No sailors will be deployed to the strait."),
        ("holm-sailors-possible", "holm", "Sending sailors to the strait cannot be excluded."),
        ("kent-warning", "kent", "Any fleet in the strait would mean open confrontation."),
        ("premier-office-same", "premier-office", "The premier's office shares the view."),
    ],
    columns=["statement_id", "speaker_id", "summary"],
)


@pytest.fixture(scope="module")
def evidence():
    """The project's tables with the speakers and statements replaced by invented ones."""
    loaded = tables.load()
    return dataclasses.replace(
        loaded,
        speakers=SPEAKERS,
        statements=STATEMENTS,
        mentions=loaded.mentions.iloc[0:0],
        quote_exclusions=loaded.quote_exclusions.iloc[0:0],
    )


def drafted(evidence, *paragraphs: str) -> pd.DataFrame:
    """Draft an article made of a headline and ``paragraphs``."""
    content = "\n\n".join(["Sailors and the strait: a test report", *paragraphs]) + "\n"
    row = tables.load().articles.iloc[[0]].copy()
    row["article_id"], row["body_lines"], row["standfirst"] = (
        "t",
        f"1-{content.count(chr(10))}",
        None,
    )
    row["headline"] = "Sailors and the strait: a test report"
    held = dataclasses.replace(evidence, articles=row, texts={"t": content})
    return draft(held, "t")


def quoted(paragraph: str) -> list[str]:
    return [
        paragraph[q.start : q.end] for q in quotes.paragraph_quotes(paragraph, 0, len(paragraph))
    ]


def only(frame: pd.DataFrame, **where) -> pd.Series:
    for column, value in where.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1, frame.to_string()
    return frame.iloc[0]


# (a) quotation spans


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ('She said "the harbour stays shut," then left.', ["the harbour stays shut"]),
        ("She said \u201cthe harbour stays shut\u201d and left.", ["the harbour stays shut"]),
        ("She said \u2018the harbour stays shut\u2019 and left.", ["the harbour stays shut"]),
        ("She said 'the harbour stays shut' and left.", ["the harbour stays shut"]),
        ("Sie sagte \u201edie Sache ist klar\u201c und ging.", ["die Sache ist klar"]),
        ("Sie sagte \u201adie Sache\u2018 und ging.", ["die Sache"]),
        (
            "Elle a dit \u00ab la porte reste ferm\u00e9e \u00bb hier.",
            ["la porte reste ferm\u00e9e"],
        ),
        ("Elle a dit \u2039 la porte \u203a hier.", ["la porte"]),
        ("Hun sagde \u00bbdet er klart\u00ab i g\u00e5r.", ["det er klart"]),
        (
            "Hon sa \u201dhamnen \u00e4r st\u00e4ngd\u201d i g\u00e5r.",
            ["hamnen \u00e4r st\u00e4ngd"],
        ),
    ],
)
def test_every_convention_of_quotation_marks(paragraph, expected):
    assert quoted(paragraph) == expected


def test_apostrophes_are_not_quotation_marks():
    paragraph = "The navy\u2019s chief didn\u2019t say \u2018we won\u2019t sail\u2019 at the sailors\u2019 mess."
    assert quoted(paragraph) == ["we won\u2019t sail"]


def test_a_nested_quotation_belongs_to_the_outer_one():
    paragraph = "\u201eWhen they say \u201aopen sea\u2018, we hear a threat\u201c, she said."
    assert quoted(paragraph) == ["When they say \u201aopen sea\u2018, we hear a threat"]
    paragraph = "\u00abQuand ils disent \u2039 mer ouverte \u203a, on entend autre chose\u00bb."
    assert quoted(paragraph) == [
        "Quand ils disent \u2039 mer ouverte \u203a, on entend autre chose"
    ]


def test_a_quotation_continued_across_paragraphs_and_a_block_quote():
    content = (
        '"The first part runs on\n\n"and the second part ends here."\n\n> A block of quoted words.'
    )
    starts = [0, content.index('"and'), content.index(">")]
    spans = [(start, content.find("\n", start) % (len(content) + 1)) for start in starts]
    found = quotes.quotations(content, spans)
    assert (
        found[0][0].open_end
        and content[found[0][0].start : found[0][0].end] == "The first part runs on"
    )
    assert found[1][0].continues
    assert (
        found[2][0].block
        and content[found[2][0].start : found[2][0].end] == "A block of quoted words"
    )


# (b) cues and (c) speakers


def subjects(paragraph: str, speakers=SPEAKERS) -> list[tuple[str, tuple[str, ...], str]]:
    """(cue, speakers, basis) of each cue of a one-paragraph text."""
    idx = speaker_mod.index(speakers)
    paras = pipeline.read(paragraph, [(0, len(paragraph), False)], idx)
    return [(c.text, c.speakers, c.basis) for c in paras[0].cues]


def test_the_speaker_before_or_after_the_verb():
    assert subjects('"We stay," Anna Berg said.') == [("said", ("berg",), "name")]
    assert subjects('"We stay," said Marek Nowak.') == [("said", ("nowak",), "name")]
    assert subjects("Anna Berg told the radio that ships stay home.")[0][1] == ("berg",)
    assert subjects("According to Holm, the ships stay home.") == [
        ("According to", ("holm",), "according to")
    ]


def test_a_surname_alone_names_the_speaker_it_belongs_to():
    assert subjects('"We stay," Berg said.')[0][1] == ("berg",)


def test_aliases_and_role_nouns_point_to_their_speaker():
    assert subjects("Northland's defence minister said the ships stay.")[0][1:] == (
        ("nowak",),
        "alias",
    )
    text = "Anna Berg spoke first. Then Lena Holm arrived. The chancellor said the ships stay."
    assert subjects(text)[-1][1:] == (("berg",), "role")
    text = "Tom Kent was asked twice. The Southland leader's spokesman said it was late."
    assert subjects(text)[-1][1] == ("kent",)


def test_a_role_noun_without_an_earlier_speaker_with_that_role_is_nobody():
    assert subjects("The chancellor said the ships stay.")[0][1] == ()


def test_pronouns_take_the_nearest_compatible_earlier_speaker():
    text = 'Anna Berg met the Premier\'s Office. "We stay," she said.'
    assert subjects(text)[-1][1:] == (("berg",), "pronoun")
    text = 'Anna Berg met Jonas Ek, a professor. "We stay," he said.'
    assert subjects(text)[-1][1] == ()  # he is the professor, whom the tables do not know


def test_unnamed_sources_and_unknown_people_get_no_speaker():
    assert subjects('"We stay," a senior official said.')[0][1] == ()
    assert subjects('"We stay," officials in the capital told reporters.')[0][1] == ()
    assert subjects('"We stay," said Jonas Ek.')[0][1] == ()
    assert subjects("The Harbour Authority said the ships stay.")[0][1] == ()


def test_possessives_objects_passives_and_appositives():
    assert subjects("Anna Berg's aides said the ships stay.")[0][1] == ()
    assert subjects("In a reply to Anna Berg, officials said the ships stay.")[0][1] == ()
    assert subjects("Anna Berg was not told about the ships.") == []
    text = '"We stay," Marek Nowak, her defence minister, told reporters.'
    assert subjects(text)[0][1] == ("nowak",)
    assert subjects('"We stay," said the prime minister, Lena Holm.')[0][1] == ("holm",)


def test_coordinated_subjects_and_verbs():
    assert subjects("Anna Berg and Lena Holm said the ships stay.")[0][1] == ("berg", "holm")
    text = 'Marek Nowak called it "a mistake", and warned of "a long winter".'
    assert [s for _, s, _ in subjects(text)] == [("nowak",), ("nowak",)]


# (d) reported speech


def clause_of(paragraph: str) -> str | None:
    idx = speaker_mod.index(SPEAKERS)
    para = pipeline.read(paragraph, [(0, len(paragraph), False)], idx)[0]
    found = [reported.clause(c, para.masked, 0) for c in para.cues]
    spans = [f for f in found if f]
    return paragraph[spans[0][0] : spans[0][1]] if spans else None


def test_reported_clauses_in_each_form():
    assert (
        clause_of("Anna Berg said that the ships would stay home.") == "the ships would stay home"
    )
    assert (
        clause_of("Anna Berg told the radio on Monday that the ships would stay.")
        == "the ships would stay"
    )
    assert clause_of("Marek Nowak ruled out sending the fleet north.") == "sending the fleet north"
    assert (
        clause_of("According to Holm, the fleet may sail in spring.")
        == "the fleet may sail in spring"
    )
    assert (
        clause_of("The fleet will stay in port, Anna Berg said.") == "The fleet will stay in port"
    )
    assert clause_of("Anna Berg told the radio.") is None


# (e) statement matching


def test_similarity_sees_paraphrases_and_negation():
    summary = "No sailors will be sent to the northern strait."
    assert match.similarity("they would not send any sailors to the strait", summary) > 60
    assert match.similarity(
        "sailors will be sent to the northern strait", summary
    ) < match.similarity("no sailors are being sent to the northern strait", summary)
    assert match.similarity("the harvest was good this year", summary) < 30


def test_the_best_statement_of_the_speaker_is_chosen():
    wordings = {s: [w] for s, w in zip(STATEMENTS.statement_id, STATEMENTS.summary, strict=True)}
    ranked = match.best("talks with the islands go on", wordings, ["berg-no-sailors", "berg-talks"])
    assert ranked[0][1] == "berg-talks"


# the pipeline end to end


def test_a_split_quotation_is_one_mention_of_its_statement(evidence):
    frame = drafted(
        evidence,
        '"No sailors," Anna Berg said on Monday, "will be sent to the northern strait."',
    )
    row = only(frame, proposal="mention")
    assert row.speaker_id == "berg" and row.statement_id == "berg-no-sailors"
    assert row.quote.startswith("No sailors") and row.quote.endswith("northern strait")
    assert row.verb == "said" and row.accept == "yes"


def test_a_second_report_of_a_statement_is_a_repeat(evidence):
    frame = drafted(
        evidence,
        'Anna Berg was firm. "No sailors will be sent to the northern strait," she said.',
        "Later the chancellor said again that no sailors would be sent to the strait.",
    )
    assert set(frame.proposal) == {"mention", "repeat"}
    assert set(frame.speaker_id) == {"berg"} and set(frame.statement_id) == {"berg-no-sailors"}


def test_a_paraphrase_with_two_speakers_gives_one_row_each(evidence):
    frame = drafted(
        evidence, "Anna Berg and Marek Nowak said that no sailors would be sent to the strait."
    )
    assert sorted(frame.speaker_id) == ["berg", "nowak"]
    assert set(frame.quote_type) == {"paraphrase"}


def test_headlines_scare_quotes_and_unnamed_sources_get_no_speaker(evidence):
    frame = drafted(
        evidence,
        '"No sailors": Berg draws a line',
        'Anna Berg spoke of a so-called "winter pause" before the talks.',
        '"No sailors will be sent to the northern strait," an aide to the chancellor said.',
    )
    assert (frame.speaker_id == "").all(), frame.to_string()
    assert set(frame.proposal) <= {"not_a_statement", "no_speaker"}


def test_a_quotation_continued_into_the_next_paragraph_keeps_its_speaker(evidence):
    frame = drafted(
        evidence,
        '"Any fleet in the strait would mean open confrontation," Tom Kent said. "We have said it before.',
        '"And we will say it again."',
    )
    assert set(frame.speaker_id) == {"kent"}, frame.to_string()


def test_a_speakers_quotation_naming_no_statement(evidence):
    frame = drafted(evidence, '"The troops must rest before the spring," Anna Berg said.')
    assert only(frame, speaker_id="berg").proposal == "new_statement"
    frame = drafted(evidence, '"The weather has been kind to us," Anna Berg said.')
    assert only(frame, speaker_id="berg").proposal == "off_topic"


def test_the_draft_never_writes_into_the_data_folder(evidence):
    from tests.conftest import snapshot

    before = snapshot(evidence.data_dir)
    drafted(evidence, '"No sailors will be sent to the northern strait," Anna Berg said.')
    assert snapshot(evidence.data_dir) == before


def test_cues_come_from_the_lexicon_table():
    from boots.curate.drafting import lexicon

    assert lexicon.verbs()["told"].addressee and lexicon.verbs()["said"].speaker_after
    assert "according to" in lexicon.words("source_after")
    assert cues.find("She murmured it.", 0, [(0, 16)]) == []


# written for the second round of issue #21: kinds of miss seen on the development articles


def test_a_quotation_inside_a_quotation_is_attributed_from_the_outer_words(evidence):
    paragraph = "\u201eWhen they say \u201aopen sea\u2018, we hear a threat\u201c."
    outer = quotes.paragraph_quotes(paragraph, 0, len(paragraph))
    assert [paragraph[q.start : q.end] for q in outer[0].inner] == ["open sea"]
    frame = drafted(
        evidence,
        "A harbour clerk put it bluntly: \u201eWhen Anna Berg says \u201ano sailors\u2018, "
        "the islands hear a promise.\u201c",
    )
    assert only(frame, quote="no sailors").speaker_id == "berg"
    assert frame[frame.quote.str.startswith("When")].speaker_id.eq("").all()
    frame = drafted(
        evidence,
        "Anna Berg was in the port. A clerk: \u00abShe sails \u2039 in the old manner \u203a now.\u00bb",
    )
    assert (frame.speaker_id == "").all(), frame.to_string()  # 'sails' reports nothing


def test_a_transcripts_answers_are_the_words_of_the_person_answering(evidence):
    frame = drafted(
        evidence,
        "Speaking: Anna Berg, head of the Northland cabinet",
        "Q: Will sailors go north this winter?",
        "A: No sailors will be sent to the northern strait.",
        "Speaking: Lena Holm and Marek Nowak",
        "Q: And in spring?",
        "A (Holm): Sending sailors to the strait cannot be excluded.",
        "A: We will see.",
    )
    assert only(frame, speaker_id="berg").statement_id == "berg-no-sailors"
    assert only(frame, speaker_id="holm").statement_id == "holm-sailors-possible"
    assert "nowak" not in set(frame.speaker_id)  # two people introduced, no label: nobody
    frame = drafted(
        evidence,
        "Jonas Ek, a historian of the islands, answers our questions.",
        "Q: Will sailors go north?",
        "A: No sailors will be sent to the northern strait.",
    )
    assert (frame.speaker_id == "").all(), frame.to_string()


def test_pronouns_of_another_gender_point_to_someone_else():
    text = (
        "Marek Nowak spoke first. Maja Lind, a historian, thinks the defence minister knew "
        'what he was doing. "It was a signal," she said.'
    )
    assert subjects(text)[-1][1] == ()


def test_a_role_noun_with_a_name_in_apposition_and_lists_of_subjects():
    text = "Anna Berg spoke first. Later the chancellor, Lena Holm, told reporters that ships stay."
    assert subjects(text)[-1][1] == ("holm",)
    assert subjects("The Premier's Office, Anna Berg said, will wait.")[0][1] == ("berg",)
    text = 'Anna Berg, meeting Marek Nowak in the port, said: "We stay."'
    assert subjects(text)[0][1] == ("berg",)
    assert subjects('One day after Anna Berg said "we stay", the ships left.')[0][1] == ("berg",)
    assert subjects('"We stay," retorted Anna Berg.')[0][1] == ("berg",)


def speakers_and(*rows: tuple[str, ...]) -> pd.DataFrame:
    """The test's speakers with ``rows`` added (columns as ``SPEAKERS``)."""
    return pd.concat([SPEAKERS, pd.DataFrame(rows, columns=SPEAKERS.columns)], ignore_index=True)


def test_names_match_with_or_without_accents():
    both = speakers_and(("ruiz", "Jose Ruiz", "Jose Ruiz", "", "", "person"))
    assert subjects("Jos\u00e9 Ruiz said the ships stay.", both)[0][1] == ("ruiz",)


def test_a_quotation_in_a_new_clause_is_not_the_first_verbs(evidence):
    frame = drafted(
        evidence,
        'Anna Berg said "no sailors will be sent to the northern strait", and the '
        'islanders\u2019 word of the week was "patience".',
    )
    assert only(frame, quote="patience").speaker_id == ""


def test_reports_that_point_to_another_statement(evidence):
    frame = drafted(
        evidence,
        "Anna Berg said no sailors would go to the northern strait, and the Premier's Office took a similar "
        "position. Marek Nowak said much the same.",
    )
    office = only(frame, speaker_id="premier-office")
    assert office.statement_id == "premier-office-same"
    assert office.quote.endswith("took a similar position")
    assert only(frame, speaker_id="nowak").statement_id == "nowak-no-sailors"
    assert only(frame, speaker_id="berg").quote == "no sailors would go to the northern strait"


def test_a_role_noun_points_first_to_the_last_subject_with_it():
    both = speakers_and(("dahl", "Ola Dahl", "Ola Dahl", "", "prime minister", "person"))
    text = "Lena Holm spoke with Ola Dahl in the port. The prime minister said the ships stay."
    assert subjects(text, both)[-1][1] == ("holm",)


def test_a_role_owned_by_a_country_is_its_one_holder():
    rows = [
        ("northland", "Government of Northland", "Northland", "", "government", "government"),
        ("berg", "Anna Berg", "Anna Berg", "", "chancellor", "person"),
        ("berg-aide", "Spokesperson of the Chancellor", "Per Berg", "", "spokesman", "office"),
        ("south-aide", "Spokesperson of Southland", "Ivo Kent", "", "spokesman", "office"),
    ]
    frame = pd.DataFrame(rows, columns=SPEAKERS.columns)
    frame["country"] = ["NL", "NL", "NL", "SL"]
    text = "Northland's chancellor's spokesman said the ships stay."
    assert subjects(text, frame)[0][1] == ("berg-aide",)
    assert subjects("Northland's chancellor said the ships stay.", frame)[0][1] == ("berg",)
    frame["country"] = ["NL", "NL", "SL", "SL"]  # no spokesman of Northland: nobody
    assert subjects(text, frame)[0][1] == ()


def test_a_headline_quotation_names_its_statement_and_no_speaker(evidence):
    frame = drafted(evidence, '"No sailors to the northern strait": Berg draws a line')
    row = only(frame, quote="No sailors to the northern strait")
    assert row.speaker_id == "" and row.statement_id == "berg-no-sailors"


def test_a_reported_clause_leading_into_the_quotation_is_its_own_report(evidence):
    frame = drafted(
        evidence,
        'Anna Berg said no sailors would be sent to the northern strait: "Not this winter."',
    )
    assert "no sailors would be sent to the northern strait" in set(frame.quote)
    frame = drafted(evidence, 'Anna Berg said the sailors would "stay in the harbour".')
    assert set(frame.quote_type) == {"direct"}


def test_a_name_right_before_the_verb_and_a_title_after_the_comma():
    text = (
        "Tom Kent warned of ice in the strait and the north, after Anna Berg said the ships stay."
    )
    assert subjects(text)[-1][1] == ("berg",)
    assert (
        clause_of("The fleet will stay in port, harbour chief Anna Berg said.")
        == "The fleet will stay in port"
    )


def test_a_clause_before_but_and_a_quotation(evidence):
    frame = drafted(
        evidence,
        'Anna Berg said that no sailors would be sent to the northern strait, but "talks go on".',
    )
    assert "no sailors would be sent to the northern strait" in set(frame.quote), frame.to_string()


def test_drafting_restores_the_garbage_collector(evidence):
    import gc

    assert gc.isenabled()
    drafted(evidence, '"No sailors will be sent to the northern strait," Anna Berg said.')
    assert gc.isenabled()


def test_a_list_of_subjects_ending_with_and_the():
    both = speakers_and(("isles", "Government of the Isles", "Isles", "", "", "government"))
    text = "Anna Berg, Marek Nowak and the Isles said the ships stay."
    assert subjects(text, both)[0][1] == ("berg", "nowak", "isles")


def test_transcript_lines_labelled_with_a_known_persons_name(evidence):
    frame = drafted(
        evidence,
        "Q: Will sailors go north this winter?",
        "BERG: No sailors will be sent to the northern strait.",
        "Jonas Ek: We shall see about that in the spring.",
        "Lena Holm: Sending sailors to the strait cannot be excluded.",
    )
    assert only(frame, speaker_id="berg").statement_id == "berg-no-sailors"
    assert only(frame, speaker_id="holm").statement_id == "holm-sailors-possible"
    assert set(frame.speaker_id) == {"berg", "holm"}  # Jonas Ek is nobody the tables know
    frame = drafted(evidence, "Anna Berg: no sailors will be sent to the northern strait.")
    assert (frame.speaker_id == "").all()  # one labelled line is no transcript


def test_an_alias_after_an_indefinite_article_is_an_unnamed_source():
    assert subjects("A Southland leader said the ships stay.")[0][1] == ()
    text = "Tom Kent, a Southland leader, said the ships stay."
    assert subjects(text)[0][1] == ("kent",)
    assert subjects("The Southland leader said the ships stay.")[0][1] == ("kent",)


def test_a_role_held_by_someone_the_tables_do_not_know_points_to_nobody():
    text = (
        "Lena Holm spoke first. Then prime minister Maja Lind arrived. "
        "The prime minister said the ships stay."
    )
    assert subjects(text)[-1][1] == ()
    text = "Lena Holm spoke first. Then Maja Lind arrived. The prime minister said the ships stay."
    assert subjects(text)[-1][1] == ("holm",)


def test_a_possessive_in_the_introduction_is_not_the_person_answering(evidence):
    frame = drafted(
        evidence,
        "Anna Berg's winter plan: an interview with Jonas Ek, a historian.",
        "Q: Will sailors go north?",
        "A: No sailors will be sent to the northern strait.",
    )
    assert (frame.speaker_id == "").all(), frame.to_string()
