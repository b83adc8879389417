"""Each analysis's facts (``*_facts``) agree with the tables, counted here independently from
the CSV files, and each notebook's stored "What we found" is what its facts say."""

from __future__ import annotations

import csv
import itertools
import json
from collections import Counter, defaultdict

import pytest

from boots.analysis import framing, reliability, reuse, sources, spread, stance
from boots.data import labels, tables, text, validate
from boots.render.report import escape
from boots.util import config

DATA = config.DEFAULT_DATA_DIR


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def csvs():
    names = ["articles", "speakers", "statements", "mentions", "context", "distortions"]
    return {name: rows(name) for name in names}


def speaker_names(csvs) -> dict[str, str]:
    """Statement id -> its speaker's name."""
    names = {s["speaker_id"]: s["name"] for s in csvs["speakers"]}
    return {s["statement_id"]: names[s["speaker_id"]] for s in csvs["statements"]}


def outlets_of(csvs) -> dict[str, set[str]]:
    """Statement id -> the outlets reporting it."""
    outlet = {a["article_id"]: a["outlet"] for a in csvs["articles"]}
    found = defaultdict(set)
    for mention in csvs["mentions"]:
        found[mention["statement_id"]].add(outlet[mention["article_id"]])
    return found


def test_evidence_facts_count_the_tables(ev, csvs):
    facts = sources.evidence_facts(ev)
    articles, statements, mentions = csvs["articles"], csvs["statements"], csvs["mentions"]
    assert facts.counts["articles"] == len(articles)
    assert facts.counts["statements"] == len(statements)
    assert facts.counts["speakers"] == len(csvs["speakers"])
    assert facts.counts["mentions"] == len(mentions)
    quoted = [m for m in mentions if m["quote_type"] in {"direct", "partial"}]
    assert facts.counts["direct or partial quotations"] == len(quoted)
    assert facts.outlets == tuple(a["outlet"] for a in articles)
    speakers = {s["speaker_id"]: s for s in csvs["speakers"]}
    stated = [speakers[s["speaker_id"]] for s in statements]
    bodies = {s["organisation"] for s in stated if not s["country"]}
    assert set(facts.bodies) == bodies and len(facts.bodies) == len(bodies)
    reported_by = defaultdict(set)
    for mention in mentions:
        reported_by[mention["statement_id"]].add(mention["article_id"])
    assert facts.single_article == sum(len(a) == 1 for a in reported_by.values())
    speaker = speaker_names(csvs)
    everywhere = [s for s, a in reported_by.items() if len(a) == len(articles)]
    assert sorted(facts.everywhere) == sorted(speaker[s] for s in everywhere)
    assert facts.open_ended == sum(not a["published_latest"] for a in articles)
    kinds = labels.categories("kind", resource="context")
    assert facts.outside == dict(Counter(kinds[c["kind"]] for c in csvs["context"]))
    assert facts.prose()["outside"] == len(csvs["context"])


def test_reliability_facts_count_the_codings(ev):
    facts = reliability.reliability_facts(ev)
    first = {r["statement_id"]: r for r in rows("reliability/first_coding")}
    second = {r["statement_id"]: r for r in rows("reliability/second_coding")}
    variables = [v for v in next(iter(first.values())) if v != "statement_id"]
    both = [s for s in first if s in second]
    assert facts.codes == len(both) * len(variables)
    assert facts.disagreements == sum(first[s][v] != second[s][v] for s in both for v in variables)
    adjudicated = rows("reliability/adjudication")
    assert facts.sided_with.get("first coder", 0) == sum(
        r["adjudicated"] == r["first"] for r in adjudicated
    )
    assert facts.sided_with.get("second coder", 0) == sum(
        r["adjudicated"] == r["second"] != r["first"] for r in adjudicated
    )
    assert facts.weakest in facts.verdicts  # the variable's name, in words


def test_stance_facts_count_the_tables(ev, csvs):
    facts = stance.stance_facts(ev)
    country = {s["speaker_id"]: s["country"] for s in csvs["speakers"]}
    statements = csvs["statements"]
    countries = {country[s["speaker_id"]] for s in statements if country[s["speaker_id"]]}
    assert facts.governments == len(countries)
    assert sum(len(names) for names in facts.by_stance.values()) == len(countries)
    denials = [s for s in statements if s["stance"] == "rules_out"]
    assert facts.firmness == {
        code: sum(s["firmness"] == code for s in denials)
        for code in facts.firmness  # every firmness a denial can have, zeros included
    }
    assert facts.denials == len(denials)
    speaker = speaker_names(csvs)
    narrow = [s for s in denials if s["scope"] in {"combat_troops", "large_scale"}]
    assert sorted(n for n, _ in facts.narrow) == sorted(speaker[s["statement_id"]] for s in narrow)
    positions = defaultdict(set)
    for s in statements:
        if country[s["speaker_id"]] and s["stance"] != "other":
            positions[country[s["speaker_id"]]].add(s["stance"])
    assert len(facts.mixed) == sum(len(p) > 1 for p in positions.values())
    assert facts.map_title.startswith(f"{len(facts.by_stance['rules_out'])} of {len(countries)}")


def test_spread_facts_count_the_tables(ev, csvs):
    facts = spread.spread_facts(ev)
    statements, mentions, articles = csvs["statements"], csvs["mentions"], csvs["articles"]
    assert facts.statements == len(statements)
    shapes = Counter(
        "unknown"
        if not s["date_earliest"] and not s["date_latest"]
        else "from"
        if not s["date_latest"]
        else "until"
        if not s["date_earliest"]
        else "day"
        if s["date_earliest"] == s["date_latest"]
        else "between"
        for s in statements
    )
    assert facts.date_shapes == {k: shapes.get(k, 0) for k in facts.date_shapes}
    reach = outlets_of(csvs)
    outlets = {a["outlet"] for a in articles}
    speaker = speaker_names(csvs)
    everywhere = [s for s, o in reach.items() if o == outlets]
    assert sorted(facts.reached_all) == sorted(speaker[s] for s in everywhere)
    assert facts.reached_one == sum(len(o) == 1 for o in reach.values())
    assert facts.reported == len(reach) and facts.outlets == len(outlets)
    wire = {a["article_id"]: a["byline_wire"] for a in articles}
    uncredited = [m for m in mentions if not m["via"] and not wire[m["article_id"]]]
    assert (facts.uncredited, facts.mentions) == (len(uncredited), len(mentions))
    earliest = Counter(a["published_earliest"] for a in articles)
    assert facts.earliest_shared == max(earliest.values())
    assert facts.latest_known == sum(bool(a["published_latest"]) for a in articles)
    assert f"{facts.earliest_day:%Y-%m-%d}" == earliest.most_common(1)[0][0]

    texts = {a["article_id"]: (DATA / "articles" / a["file"]).read_text() for a in articles}
    sets = {
        a["article_id"]: reuse.shingles(
            reuse.tokens(text.body_text(texts[a["article_id"]], a["body_lines"]))
        )
        for a in articles
    }
    best = max(
        itertools.combinations(sets, 2),
        key=lambda p: len(sets[p[0]] & sets[p[1]]) / len(sets[p[0]] | sets[p[1]]),
    )
    a, b = best
    assert facts.closest == (ev.article_labels[a], ev.article_labels[b])
    assert facts.closest_jaccard == pytest.approx(len(sets[a] & sets[b]) / len(sets[a] | sets[b]))


def test_framing_facts_count_the_tables(ev, csvs):
    facts = framing.framing_facts(ev)
    articles, distortions = csvs["articles"], csvs["distortions"]
    assert facts.articles == len(articles)
    headlines = Counter(c for a in articles for c in a["headline_focus"].split(";"))
    assert facts.headlines == {code: headlines.get(code, 0) for code in facts.headlines}
    assert set(labels.categories("headline_focus")) <= set(facts.headlines)
    outlets = list(dict.fromkeys(a["outlet"] for a in articles))
    assert [outlet for outlet, _ in facts.first_speakers] == outlets
    names = {s["name"] for s in csvs["speakers"]}
    assert {speaker for _, speaker in facts.first_speakers} <= names
    outlet = {a["article_id"]: a["outlet"] for a in articles}
    changes = Counter(outlet[d["article_id"]] for d in distortions)
    assert facts.changes_per_outlet == {o: changes.get(o, 0) for o in outlets}
    kinds = Counter(d["kind"] for d in distortions)
    assert (
        f"accounts for {max(kinds.values())} of {len(distortions)} changes"
        in facts.commonest_change["commonest"]
    )
    quoted_by = defaultdict(set)
    for m in csvs["mentions"]:
        if m["quote_type"] != "paraphrase":
            quoted_by[m["statement_id"]].add(outlet[m["article_id"]])
    order = [s["statement_id"] for s in csvs["statements"]]
    widest = max(order, key=lambda s: (len(quoted_by[s]), -order.index(s)))
    assert facts.showcase["most quoted"] == widest
    assert 0 <= facts.most_changed_similarity < 1
    assert facts.most_changed_speaker in names
    assert set(facts.name_error_outlets) <= set(outlets)


def _what_we_found_output(name: str) -> str:
    notebook = json.loads((config.NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if "what_we_found" in "".join(c["source"])]
    assert len(cells) == 1, f"{name}: one 'What we found' cell"
    (output,) = cells[0]["outputs"]
    return "".join(output["data"]["text/markdown"])


@pytest.mark.parametrize(
    ("name", "facts"),
    [
        ("01-stance-by-country.ipynb", stance.stance_facts),
        ("02-how-the-remark-spread.ipynb", spread.spread_facts),
        ("03-outlet-framing.ipynb", framing.framing_facts),
    ],
)
def test_what_we_found_in_the_notebook_is_what_the_facts_say(ev, name, facts):
    expected = " ".join(escape(s) for s in facts(ev).what_we_found())
    assert _what_we_found_output(name) == expected


def test_what_we_found_in_notebook_00_is_what_the_facts_say(ev):
    result = validate.validate(DATA)
    sentences = sources.evidence_facts(ev).what_we_found(
        problems=len(result.problems), found=result.checked_quotes
    )
    assert _what_we_found_output("00-the-evidence.ipynb") == " ".join(escape(s) for s in sentences)


def test_per_evidence_computes_once_per_evidence_and_hands_out_copies():
    from boots.analysis import memo

    calls = []

    @memo.per_evidence
    def table(evidence, column: str):
        calls.append(column)
        return evidence.articles[[column]]

    first, second = tables.load(), tables.load()
    got = table(first, "outlet")
    got.loc[:, "outlet"] = "changed by a caller"
    assert list(table(first, "outlet").outlet) == list(first.articles.outlet)
    table(first, column="outlet")  # the same arguments by keyword: a different key, computed
    table(second, "outlet")
    assert calls == ["outlet", "outlet", "outlet"]
    assert framing.framing_facts(first) is framing.framing_facts(first)
