"""Wording: the lexicon of telling words counted in context (KWIC), split between an
outlet's own words and the words it quotes, and the attribution verbs it chose."""

from __future__ import annotations

from functools import cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from boots.analysis import memo, pooling
from boots.data import patterns, text
from boots.data.tables import Evidence
from boots.render import figures
from boots.util.words import agreeing, counted, verb_words

VOICES = {"own": "own words", "quoted": "quoted words"}


def _body_with_quotes(evidence: Evidence, article) -> tuple[str, list[int], list[text.Span]]:
    """The article body normalised (as the lexicon is matched), the map from each normalised
    character to the raw body, and the quoted passages of the raw body."""
    raw = text.body_text(evidence.texts[article.article_id], article.body_lines)
    body, index = text.normalise_with_map(raw)
    passages, _ = text.quoted_passages(raw, [text.Span(0, len(raw))])
    return body, index, [p.span for p in passages]


def _words_before(body: str, at: int, width: int) -> str:
    """Up to ``width`` characters before ``at``, cut at a word boundary ("…" where cut)."""
    start = max(0, at - width)
    context = body[start:at]
    if start > 0 and not body[start - 1].isspace() and " " in context:
        context = "…" + context.split(" ", 1)[1]
    return context


def _words_after(body: str, at: int, width: int) -> str:
    """Up to ``width`` characters after ``at``, cut at a word boundary ("…" where cut)."""
    end = at + width
    context = body[at:end]
    if end < len(body) and not body[end].isspace() and " " in context:
        context = context.rsplit(" ", 1)[0] + "…"
    return context


@memo.per_evidence
def kwic(evidence: Evidence, lexicon: pd.DataFrame, width: int = 45) -> pd.DataFrame:
    """Every lexicon hit in every article body, with its context (keyword in context) and
    its voice: 'quoted' inside a quoted passage (the codebook's pairing rule), else 'own'."""
    rows = []
    for article in evidence.articles.itertuples():
        body, index, quoted = _body_with_quotes(evidence, article)
        for term in lexicon.itertuples():
            for match in patterns.compile_term(term.pattern).finditer(body):
                start = index[match.start()]
                inside = any(span.start <= start < span.end for span in quoted)
                rows.append(
                    {
                        "outlet": article.outlet,
                        "term_id": term.term_id,
                        "group": term.group,
                        "voice": "quoted" if inside else "own",
                        "left": _words_before(body, match.start(), width).rjust(width),
                        "match": match.group(),
                        "right": _words_after(body, match.end(), width),
                        "position": match.start(),
                    }
                )
    return pd.DataFrame(
        rows,
        columns=["outlet", "term_id", "group", "voice", "left", "match", "right", "position"],
    )


def lexicon_counts(
    evidence: Evidence, lexicon: pd.DataFrame, voice: str | None = None
) -> pd.DataFrame:
    """Term x outlet hit counts, every term and outlet listed (zeros included); only the
    outlet's own words (``voice='own'``) or only quoted words (``'quoted'``) if given."""
    hits = kwic(evidence, lexicon)
    if voice is not None:
        hits = hits[hits.voice == voice]
    counts = hits.groupby(["term_id", "outlet"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=list(lexicon.term_id), columns=evidence.outlets, fill_value=0)
    counts.insert(0, "label", lexicon.set_index("term_id").label)
    counts.insert(0, "group", lexicon.set_index("term_id").group)
    return counts


def lexicon_by_voice(evidence: Evidence, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Own-word and quoted-word counts side by side: one row per term and voice."""
    parts = [
        lexicon_counts(evidence, lexicon, voice).assign(voice=label)
        for voice, label in VOICES.items()
    ]
    table = pd.concat(parts).reset_index()
    columns = ["term_id", "group", "label", "voice", *list(evidence.articles.outlet)]
    return table[columns].sort_values(["term_id", "voice"], kind="stable").reset_index(drop=True)


def _pool_columns(counts: pd.DataFrame, kept: list) -> pd.DataFrame:
    rest = [c for c in counts.columns if c not in kept]
    return counts[kept].assign(**{pooling.others_label(len(rest)): counts[rest].sum(axis=1)})


def _count_label(value: float, *_: int) -> str:
    return f"{int(value)}" if value else "·"


def lexicon_title(own: pd.DataFrame, quoted: pd.DataFrame) -> str:
    """Counted in the outlets' own words; how many terms occur only inside quotations."""
    values = own.drop(columns=["group", "label"])
    in_quotes = quoted.drop(columns=["group", "label"])
    everywhere = own.label[(values > 0).all(axis=1)]
    only_quoted = own.label[(values.sum(axis=1) == 0) & (in_quotes.sum(axis=1) > 0)]
    return (
        f"{len(everywhere)} of {counted(len(own), 'term')} {agreeing(len(everywhere), 'appears')} "
        f"in every outlet's own words; {len(only_quoted)} {agreeing(len(only_quoted), 'appears')} "
        "only inside quotations"
    )


def lexicon_figure(own: pd.DataFrame, quoted: pd.DataFrame, title: str):
    """Two heat maps sharing the terms: the outlets' own words, and words they quote."""
    panels = [(VOICES["own"], own), (VOICES["quoted"], quoted)]
    values = [counts.drop(columns=["group", "label"]) for _, counts in panels]
    if values[0].shape[1] > pooling.MAX_SHOWN:  # pool the same outlets in both panels
        kept = pooling.heaviest((values[0] + values[1]).sum(axis=0))
        values = [_pool_columns(v, kept) for v in values]
    vmax = max(3, *(int(v.to_numpy().max()) for v in values))
    fig, axes = plt.subplots(1, 2, figsize=(12, 0.34 * len(own) + 2.2), sharey=True)
    for ax, (heading, counts), table in zip(axes, panels, values, strict=True):
        figures.annotated_heatmap(
            ax, table.to_numpy(), _count_label, dark_above=max(2, vmax / 2), vmax=vmax
        )
        ax.set_xticks(range(table.shape[1]), table.columns, rotation=30, ha="left")
        ax.xaxis.tick_top()
        ax.set_xlabel(heading, fontsize=10, fontweight="bold")
        for boundary in np.flatnonzero(counts.group.to_numpy()[1:] != counts.group.to_numpy()[:-1]):
            ax.axhline(boundary + 0.5, color="#888888", linewidth=0.8)
    axes[0].set_yticks(
        range(len(own)),
        [f"{g}: {label}" for g, label in zip(own.group, own.label, strict=True)],
        fontsize=8,
    )
    fig.suptitle(title, y=1.04)
    figures.source_note(
        fig, "lexicon.csv, article texts (quotation marks paired by the codebook's rule)"
    )
    return fig


@cache
def lemma(verb: str) -> str:
    """Dictionary form of a printed attribution verb ('has insisted' -> 'insist',
    'ruled out' -> 'rule out'), by lemminflect."""
    from lemminflect import getLemma

    words = verb_words(verb)
    if not words:
        return verb.lower()
    head = getLemma(words[0], upos="VERB")
    return " ".join([head[0] if head else words[0], *words[1:]])


def verb_counts(evidence: Evidence, by: str = "outlet") -> pd.DataFrame:
    """Attribution verbs (as lemmas) counted per outlet or per stance."""
    mentions = evidence.mentions_in_full().assign(lemma=lambda m: m.verb.map(lemma))
    counts = mentions.groupby([by, "lemma"]).size().unstack(fill_value=0)
    order = mentions.lemma.value_counts().index
    counts = counts.reindex(columns=order, fill_value=0)
    if by == "outlet":
        counts = counts.reindex(evidence.outlets, fill_value=0)
    return counts


MAX_VERBS_SHOWN = 20


def verbs_title(by_outlet: pd.DataFrame) -> str:
    top = by_outlet.sum().idxmax()
    variety = (by_outlet > 0).sum(axis=1)
    return (
        f"'{top}' introduces {by_outlet[top].sum()} of {by_outlet.to_numpy().sum()} mentions; "
        f"{variety.idxmax()} uses the most different verbs ({variety.max()})"
    )


def verbs_figure(by_outlet: pd.DataFrame, title: str):
    """Verbs by outlet; past ``pooling.MAX_SHOWN`` outlets (or ``MAX_VERBS_SHOWN`` verbs) the
    rest are pooled."""
    by_outlet = pooling.pooled(by_outlet, axis="index")
    pooled_verbs = pooling.pooled(by_outlet, shown=MAX_VERBS_SHOWN)
    if pooled_verbs.shape[1] < by_outlet.shape[1]:
        by_outlet = pooled_verbs.rename(columns={pooled_verbs.columns[-1]: "other verbs"})
    fig, ax = plt.subplots(figsize=(9.5, 0.3 * len(by_outlet) + 2.1))
    figures.annotated_heatmap(ax, by_outlet.to_numpy(), _count_label, dark_above=5)
    ax.set_xticks(range(by_outlet.shape[1]), by_outlet.columns, rotation=35, ha="right")
    ax.set_yticks(range(by_outlet.shape[0]), by_outlet.index)
    ax.set_xlabel("Attribution verb (dictionary form), most used first")
    ax.set_title(title)
    figures.source_note(fig, "mentions.csv (verb)")
    return fig
