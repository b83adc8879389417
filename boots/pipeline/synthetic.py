"""Synthetic data folders of any size, for benchmarks and scaling tests.

Two generators: ``make_synthetic`` scales the statements table, ``make_synthetic_articles``
the articles (with their mentions).

``make_synthetic(n, folder)`` writes a valid data folder with ``n`` statements: the real
statements replicated in rounds under new ids (``s000031-stoltenberg-no-plans``), each with
copies of its real mentions, so every quote is still found verbatim in its article and the
folder passes ``boots.data.validate``. Articles, speakers, lexicon and borders are copied as they
are; responses link copies within a round, and distortions point at the first copies.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from boots.data import text
from boots.util import config


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def make_synthetic(n_statements: int, folder: Path, source: Path | None = None) -> Path:
    """Write a data folder with ``n_statements`` statements into ``folder``; return it."""
    source = Path(source or config.DEFAULT_DATA_DIR)
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(
        source,
        folder,
        ignore=shutil.ignore_patterns(
            "statements.csv",
            "mentions.csv",
            "quote_exclusions.csv",
            "responses.csv",
            "distortions.csv",
        ),
    )
    statements = _read(source / "statements.csv")
    mentions = _read(source / "mentions.csv")
    exclusions = _read(source / "quote_exclusions.csv")
    base = len(statements)
    rounds = -(-n_statements // base)
    index = pd.RangeIndex(rounds * base)[:n_statements]
    picked = statements.iloc[index % base].reset_index(drop=True)
    round_of = pd.Series(index // base)
    new_id = "s" + pd.Series(index).map("{:06d}".format) + "-" + picked.statement_id
    position = {sid: i for i, sid in enumerate(statements.statement_id)}
    picked["statement_id"] = new_id
    _write(picked, folder / "statements.csv")

    # Each copy answers the copy of its target in the same round, when that copy exists.
    responses = _read(source / "responses.csv")
    copies_of = pd.DataFrame(
        {"statement": statements.statement_id.iloc[index % base].to_numpy(), "round": round_of}
    )
    linked = copies_of.merge(responses, left_on="statement", right_on="statement_id")
    offset = linked["round"].to_numpy() * base
    target_index = offset + linked.responds_to.map(position).to_numpy()
    source_index = offset + linked.statement.map(position).to_numpy()
    keep = (target_index < n_statements) & (source_index < n_statements)
    id_at = dict(enumerate(new_id))
    _write(
        pd.DataFrame(
            {
                "statement_id": [id_at[int(i)] for i in source_index[keep]],
                "responds_to": [id_at[int(i)] for i in target_index[keep]],
                "basis": linked.basis[keep].to_numpy(),
            }
        ),
        folder / "responses.csv",
    )

    old_to_new = pd.Series(new_id.to_numpy(), index=range(n_statements))
    copies = mentions.merge(
        pd.DataFrame(
            {
                "statement_id": picked.statement_id.str.split("-", n=1).str[1],
                "new_id": old_to_new,
                "order_in": range(n_statements),
            }
        ),
        on="statement_id",
    ).sort_values(["order_in", "mention_id"], kind="stable")
    first_round = copies[copies.order_in < base]
    copies = copies.assign(
        statement_id=copies.new_id,
        mention_id="m" + pd.Series(range(len(copies)), index=copies.index).map("{:07d}".format),
    )
    renamed = dict(
        zip(
            mentions.set_index(["statement_id", "article_id"]).mention_id.reindex(
                list(zip(first_round.statement_id, first_round.article_id, strict=True))
            ),
            copies.loc[first_round.index, "mention_id"],
            strict=True,
        )
    )
    _write(copies[mentions.columns], folder / "mentions.csv")
    exclusions = exclusions.assign(
        mention_id=exclusions.mention_id.map(lambda m: renamed.get(m, "") if m else "")
    )
    _write(exclusions, folder / "quote_exclusions.csv")
    first_copy = dict(
        zip(picked.statement_id.str.split("-", n=1).str[1][:base], new_id[:base], strict=True)
    )
    distortions = _read(source / "distortions.csv")
    distortions = distortions[distortions.statement_id.isin(first_copy)]
    _write(
        distortions.assign(statement_id=distortions.statement_id.map(first_copy)),
        folder / "distortions.csv",
    )
    return folder


# --- many articles ------------------------------------------------------------------------

QUOTE_CHARS = set("\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b")
COPY_EVERY = 20  # every 20th synthetic article reposts an earlier one (reuse to be found)


@dataclass
class _Paragraph:
    """One body line of a real article, with what it holds."""

    source: str  # the real article's id
    text: str
    mentions: list[dict]  # mention rows whose quote lies inside, with "_start"/"_end" in the line
    exclusions: list[dict]  # off-topic or not-a-statement exclusions for its quoted passages
    fixed: list[tuple[int, int]]  # spans (in the line) that must keep their words


def _paragraphs(source: Path) -> tuple[list[_Paragraph], pd.DataFrame]:
    """Every body line of the real articles that can stand alone in a synthetic article:
    each quoted passage in it is inside one of its mentions or excluded as not a repeat."""
    articles = _read(source / "articles.csv")
    mentions = _read(source / "mentions.csv")
    exclusions = _read(source / "quote_exclusions.csv")
    found = []
    for article in articles.itertuples(index=False):
        content = (source / config.ARTICLES_SUBDIR / article.file).read_text(encoding="utf-8")
        body = text.body_spans(content, article.body_lines)
        passages, _ = text.quoted_passages(content, body)
        own = mentions[mentions.article_id == article.article_id]
        located = [(row, text.locate(row["quote"], content)) for row in own.to_dict("records")]
        excluded = {
            text.passage_key(row["passage"]): row
            for row in exclusions[exclusions.article_id == article.article_id].to_dict("records")
        }
        skip = {text.normalise(v) for v in (article.headline, article.standfirst) if v}
        for outer in body:
            for match in re.finditer(r"[^\n]+", content[outer.start : outer.end]):
                start, end = outer.start + match.start(), outer.start + match.end()
                line = match.group()
                if not line.strip() or any(s and s in text.normalise(line) for s in skip):
                    continue
                inside = [
                    dict(row, _start=span.start - start, _end=span.end - start)
                    for row, span in located
                    if span and start <= span.start and span.end <= end
                ]
                # Each quote keeps the sentence its attribution verb is checked in (codebook
                # V1), so shuffling free words never moves a sentence boundary into it.
                fixed = []
                for m in inside:
                    kept = text.attribution_sentence(text.Span(m["_start"], m["_end"]), line)
                    fixed.append((kept.start, kept.end))
                kept_exclusions, usable = [], True
                for passage in passages:
                    if not (start <= passage.span.start and passage.span.end <= end):
                        continue
                    if any(
                        m["_start"] <= passage.span.start - start
                        and passage.span.end - start <= m["_end"]
                        for m in inside
                    ):
                        continue
                    row = excluded.get(text.passage_key(passage.text))
                    if row is None or row["reason"] == "repeat":
                        usable = False
                        break
                    kept_exclusions.append(row)
                    fixed.append((passage.span.start - start - 1, passage.span.end - start + 1))
                for m in inside:
                    for field in ("printed_speaker", "verb", "channel"):
                        spans = text.find_all(m[field], line) if m[field] else []
                        if m[field] and not spans:
                            usable = False  # the attribution is in another paragraph
                        if spans:
                            nearest = min(spans, key=lambda s: abs(s.start - m["_start"]))
                            fixed.append((nearest.start, nearest.end))
                statements = [m["statement_id"] for m in inside]
                if usable and len(statements) == len(set(statements)):
                    found.append(
                        _Paragraph(article.article_id, line, inside, kept_exclusions, fixed)
                    )
    return found, articles


def _scramble(paragraph: _Paragraph, rng: random.Random) -> str:
    """The paragraph with its free words shuffled: the words of quotes, mentions and their
    attributions (printed speaker, verb, channel) and every word with a quotation mark or
    apostrophe keep their places, so every quote, passage and attribution check still holds."""
    tokens = list(re.finditer(r"\S+", paragraph.text))

    def free(token) -> bool:
        if any(a <= token.start() < b or a < token.end() <= b for a, b in paragraph.fixed):
            return False
        word = token.group()
        # punctuation alone ("JAKARTA -") stays put, so no line starts like a formula
        return not (QUOTE_CHARS & set(word)) and any(c.isalnum() for c in word)

    movable = [i for i, t in enumerate(tokens) if free(t) and i > 0]  # the first word stays
    shuffled = [tokens[i].group() for i in movable]
    rng.shuffle(shuffled)
    words = [t.group() for t in tokens]
    for i, word in zip(movable, shuffled, strict=True):
        words[i] = word
    pieces, at = [], 0
    for token, word in zip(tokens, words, strict=True):
        pieces.append(paragraph.text[at : token.start()])
        pieces.append(word)
        at = token.end()
    pieces.append(paragraph.text[at:])
    return "".join(pieces)


def make_synthetic_articles(
    n_articles: int,
    folder: Path,
    source: Path | None = None,
    paragraphs_per_article: int = 10,
    seed: int = 0,
) -> Path:
    """Write a valid data folder of ``n_articles`` articles (the real ones first) into
    ``folder``; return it.

    Each synthetic article is a headline and ``paragraphs_per_article`` paragraphs drawn from
    the real articles' bodies, with the words outside quotes and attributions shuffled (so
    texts differ as different outlets' texts do) and the quotes verbatim, with a mention row
    for each statement it quotes (offsets and order recomputed) and exclusion rows for its
    off-topic quotes. Every ``COPY_EVERY``-th synthetic article reposts an earlier one under
    another outlet, as wire copy does, so text reuse has something to find. Outlets are
    shared by about three articles each. Statements and speakers are the real ones.
    """
    source = Path(source or config.DEFAULT_DATA_DIR)
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    pool, articles = _paragraphs(source)
    mentions = _read(source / "mentions.csv")
    exclusions = _read(source / "quote_exclusions.csv")
    template = articles.set_index("article_id")
    date_columns = [
        c for c in articles.columns if c.startswith("published") and _is_dates(articles[c])
    ]
    rng = random.Random(seed)
    n_new = max(0, n_articles - len(articles))
    n_outlets = max(1, -(-n_new // 3))
    new_articles, new_mentions, new_exclusions = [], [], []
    bodies: list[list[tuple[_Paragraph, str]]] = []
    for k in range(n_new):
        if k % COPY_EVERY == COPY_EVERY - 1:
            chosen = bodies[k - 7]
        else:
            chosen, statements = [], set()
            for paragraph in rng.sample(pool, len(pool)):
                ids = {m["statement_id"] for m in paragraph.mentions}
                if ids & statements:
                    continue
                statements |= ids
                chosen.append((paragraph, _scramble(paragraph, rng)))
                if len(chosen) == paragraphs_per_article:
                    break
        bodies.append(chosen)
        article_id = f"syn{k:06d}"
        outlet = f"Synthetic Outlet {k % n_outlets:05d}"
        headline = f"Synthetic article {k:06d} from {outlet} on the reactions to Macron's remark"
        content = headline + "\n" + "\n".join(line for _, line in chosen) + "\n"
        raw = content.encode("utf-8")
        digest = hashlib.sha256(raw).hexdigest()
        file = f"{len(articles) + k:06d}_{digest[:16]}.txt"
        (folder / config.ARTICLES_SUBDIR / file).write_bytes(raw)
        first = chosen[0][0].source
        row = dict(template.loc[first], article_id=article_id)
        vias = sorted({m["via"] for p, _ in chosen for m in p.mentions if m["via"]})
        row.update(
            file=file,
            sha256=digest,
            outlet=outlet,
            credits=";".join(vias),
            byline_wire="",
            headline=headline,
            standfirst="",
            lede=chosen[0][1],
            body_lines=f"1-{len(chosen) + 1}",
            non_body_note="",
        )
        for column in date_columns:
            row[column] = max(template.at[p.source, column] for p, _ in chosen) or ""
        new_articles.append(row)
        for paragraph, _ in chosen:
            for m in paragraph.mentions:
                new_mentions.append(dict(m, article_id=article_id, _content=content))
            for x in paragraph.exclusions:
                new_exclusions.append(dict(x, article_id=article_id))
    all_articles = pd.concat([articles, pd.DataFrame(new_articles, columns=articles.columns)])
    _write(all_articles, folder / "articles.csv")
    added = _placed(pd.DataFrame(new_mentions), len(mentions))
    _write(pd.concat([mentions, added[mentions.columns]]), folder / "mentions.csv")
    extra = pd.DataFrame(new_exclusions, columns=exclusions.columns).drop_duplicates(
        ["article_id", "passage"]
    )
    extra["exclusion_id"] = [f"x{len(exclusions) + i + 1:07d}" for i in range(len(extra))]
    _write(pd.concat([exclusions, extra]), folder / "quote_exclusions.csv")
    return folder


def _is_dates(column: pd.Series) -> bool:
    return bool(column.str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all())


def _placed(frame: pd.DataFrame, numbered_from: int) -> pd.DataFrame:
    """New mention rows with ids, offsets (first match in the text) and order recomputed."""
    if frame.empty:
        return frame
    frame = frame.copy()
    frame["offset"] = [
        str(text.locate(q, c).start) for q, c in zip(frame["quote"], frame["_content"], strict=True)
    ]
    frame["order"] = (
        frame.assign(_at=frame["offset"].astype(int))
        .groupby("article_id")["_at"]
        .rank(method="dense")
        .astype(int)
        .astype(str)
    )
    frame["mention_id"] = [f"m{numbered_from + i + 1:07d}" for i in range(len(frame))]
    return frame


def add_outlets(folder: Path, outlets: list[str], template: str | None = None) -> Path:
    """Add one article per name in ``outlets`` to the data folder ``folder`` (in place): each a
    copy of the ``template`` article's text (default: the first article) made unique by
    trailing blank lines, with copies of its row, mentions and quotation exclusions, so the
    folder stays valid. A name may repeat or be an existing outlet (several articles of one
    outlet). For tests of many outlets; returns the folder."""
    import hashlib

    from boots.util import config as _config

    folder = Path(folder)
    articles = _read(folder / "articles.csv")
    mentions = _read(folder / "mentions.csv")
    exclusions = _read(folder / "quote_exclusions.csv")
    template = template or articles.article_id.iloc[0]
    row = articles[articles.article_id == template].iloc[0]
    raw = (folder / _config.ARTICLES_SUBDIR / row.file).read_bytes()
    new_rows, new_mentions, new_exclusions = [], [], []
    for number, outlet in enumerate(outlets, start=1):
        article_id = f"{template}-copy-{number}"
        data = raw + b"\n" * number
        digest = hashlib.sha256(data).hexdigest()
        file = f"{len(articles) + number - 1:03d}_{digest[:16]}.txt"
        (folder / _config.ARTICLES_SUBDIR / file).write_bytes(data)
        new_rows.append(
            {
                **row.to_dict(),
                "article_id": article_id,
                "outlet": outlet,
                "file": file,
                "sha256": digest,
            }
        )
        own = mentions[mentions.article_id == template]
        renamed = {m: f"{m}-c{number}" for m in own.mention_id}
        new_mentions.append(
            own.assign(article_id=article_id, mention_id=own.mention_id.map(renamed))
        )
        excluded = exclusions[exclusions.article_id == template]
        new_exclusions.append(
            excluded.assign(
                article_id=article_id,
                exclusion_id=excluded.exclusion_id + f"-c{number}",
                mention_id=excluded.mention_id.map(lambda m, names=renamed: names.get(m, "")),
            )
        )
    _write(
        pd.concat([articles, pd.DataFrame(new_rows)], ignore_index=True), folder / "articles.csv"
    )
    _write(pd.concat([mentions, *new_mentions], ignore_index=True), folder / "mentions.csv")
    _write(
        pd.concat([exclusions, *new_exclusions], ignore_index=True), folder / "quote_exclusions.csv"
    )
    return folder
