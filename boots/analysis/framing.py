"""How the outlets framed the story, for notebook 03.

Headline and lede focus, actor prominence (first appearance, share of quoted words,
mentions), a lexicon of telling wording counted in context, attribution verbs, and quote
drift (how the same statement's wording differs between articles). Everything is computed
from the curated tables and the article texts; nothing is typed in.
"""

from __future__ import annotations

import difflib
import textwrap
import unicodedata
from functools import cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from boots.analysis import outlets, reuse
from boots.data import labels, patterns, text
from boots.data.tables import Evidence
from boots.render import figures, style
from boots.render.report import names_list
from boots.util.words import verb_words

UNATTRIBUTED = "(not a statement in the tables)"


# --- headline and lede ----------------------------------------------------------------------


def focus_table(evidence: Evidence) -> pd.DataFrame:
    """Headline and lede of each outlet side by side, with what each foregrounds."""
    articles = evidence.articles
    return pd.DataFrame(
        {
            "outlet": articles.outlet,
            "headline": articles.headline,
            "headline foregrounds": articles.headline_focus.str.replace(";", ", "),
            "lede": articles.lede,
            "lede foregrounds": articles.lede_focus.str.replace(";", ", "),
        }
    )


def focus_matrix(evidence: Evidence) -> pd.DataFrame:
    """Focus code x outlet: 'headline and lede', 'headline', 'lede' or ''."""
    codes: list[str] = []
    for column in ("headline_focus", "lede_focus"):
        for value in evidence.articles[column]:
            codes.extend(c for c in value.split(";") if c not in codes)
    rows = {}
    labels = evidence.article_labels
    for article in evidence.articles.itertuples():
        head, lede = set(article.headline_focus.split(";")), set(article.lede_focus.split(";"))
        rows[labels[article.article_id]] = [
            "headline and lede"
            if c in head and c in lede
            else "headline"
            if c in head
            else "lede"
            if c in lede
            else ""
            for c in codes
        ]
    matrix = pd.DataFrame(rows, index=codes)
    matrix.index.name = "focus"
    return matrix


# --- prominence ---------------------------------------------------------------------------


def _located(evidence: Evidence) -> pd.DataFrame:
    mentions = evidence.mentions_in_full()
    spans = [
        text.locate(q, evidence.texts[a])
        for q, a in zip(mentions.quote, mentions.article_id, strict=True)
    ]
    return mentions.assign(
        start=[s.start if s else np.nan for s in spans], end=[s.end if s else np.nan for s in spans]
    )


def quoted_passages(evidence: Evidence) -> pd.DataFrame:
    """Every passage inside quotation marks in every article body, attributed to the
    speaker and stance of the mention covering it (or that it repeats), with its words."""
    located = _located(evidence)
    exclusions = evidence.quote_exclusions
    by_mention = located.set_index("mention_id")
    rows = []
    for article in evidence.articles.itertuples():
        content = evidence.texts[article.article_id]
        passages, _ = text.quoted_passages(content, text.body_spans(content, article.body_lines))
        mine = located[located.article_id == article.article_id]
        excluded = exclusions[exclusions.article_id == article.article_id]
        repeats = {
            text.passage_key(p): m
            for p, m in zip(excluded.passage, excluded.mention_id, strict=True)
        }
        for passage in passages:
            covering = mine[(mine.start <= passage.span.start) & (mine.end >= passage.span.end)]
            if covering.empty and isinstance(repeats.get(text.passage_key(passage.text)), str):
                covering = by_mention.loc[[repeats[text.passage_key(passage.text)]]].reset_index()
            words = len(reuse.tokens(passage.text))
            if covering.empty:
                rows.append(
                    (
                        article.article_id,
                        article.outlet,
                        UNATTRIBUTED,
                        "none",
                        passage.span.start,
                        words,
                        passage.text,
                    )
                )
                continue
            share = words / len(covering)  # a passage reported for several speakers is split evenly
            for mention in covering.itertuples():
                rows.append(
                    (
                        article.article_id,
                        article.outlet,
                        mention.name,
                        mention.stance,
                        passage.span.start,
                        share,
                        passage.text,
                    )
                )
    return pd.DataFrame(
        rows, columns=["article_id", "outlet", "speaker", "stance", "start", "words", "passage"]
    )


def prominence(evidence: Evidence) -> pd.DataFrame:
    """Per outlet and speaker: order of first appearance, mentions, quoted words and share."""
    located = _located(evidence)
    passages = quoted_passages(evidence)
    attributed = passages[passages.speaker != UNATTRIBUTED]
    first = (
        pd.concat(
            [
                located[["outlet", "name", "start"]].rename(columns={"name": "speaker"}),
                attributed[["outlet", "speaker", "start"]],
            ]
        )
        .groupby(["outlet", "speaker"])
        .start.min()
    )
    mentions = located.groupby(["outlet", "name"]).size().rename_axis(["outlet", "speaker"])
    words = attributed.groupby(["outlet", "speaker"]).words.sum()
    total = passages.groupby("outlet").words.sum()
    table = (
        pd.DataFrame({"first_position": first, "mentions": mentions})
        .join(words)
        .fillna({"words": 0.0})
    )
    table = table.reset_index()
    table["first_rank"] = table.groupby("outlet").first_position.rank(method="min").astype(int)
    table["quoted_share"] = table.words / table.outlet.map(total)
    order = evidence.outlets
    table["outlet_order"] = table.outlet.map(order.index)
    table = table.sort_values(["outlet_order", "first_rank", "speaker"], kind="stable").drop(
        columns="outlet_order"
    )
    return table.rename(columns={"words": "quoted_words"}).reset_index(drop=True)


def mentions_by_stance(evidence: Evidence) -> pd.DataFrame:
    """Per outlet: how many of the statements it reports take each stance."""
    mentions = evidence.mentions_in_full()
    counts = pd.crosstab(mentions.outlet, mentions.stance)
    columns = [s for s in style.STANCE_COLOURS if s in counts.columns]
    return counts.reindex(index=evidence.outlets, columns=columns, fill_value=0)


def stance_shares(evidence: Evidence) -> pd.DataFrame:
    """Per outlet: share of its quoted words by the stance of the statement quoted."""
    passages = quoted_passages(evidence)
    shares = passages.pivot_table(
        index="outlet", columns="stance", values="words", aggfunc="sum", fill_value=0
    )
    shares = shares.div(shares.sum(axis=1), axis=0)
    columns = [s for s in [*style.STANCE_COLOURS, "none"] if s in shares.columns]
    return shares.reindex(index=evidence.outlets, columns=columns)


def prominence_figure(table: pd.DataFrame, shares: pd.DataFrame, title: str, top: int = 12):
    """Left: quoted words by stance per outlet. Right: who is quoted most, and who comes first."""
    shown_note = ""
    if len(shares) > outlets.MAX_SHOWN:  # the outlets quoting most words, by name
        words = table.groupby("outlet").quoted_words.sum().reindex(shares.index, fill_value=0)
        kept = outlets.heaviest(words, outlets.MAX_SHOWN)
        shares = shares.loc[kept]
        shown_note = f" (the {len(kept)} outlets quoting most words, of {len(words):,})"
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(13, 6.2), gridspec_kw={"width_ratios": [1, 1.5]}
    )
    bottom = np.zeros(len(shares))
    for stance in shares.columns:
        colour = style.STANCE_COLOURS.get(stance, "#DDDDDD")
        label = (
            labels.label("stance", stance) if stance in style.STANCE_COLOURS else "not a statement"
        )
        left.barh(
            range(len(shares)),
            shares[stance],
            left=bottom,
            color=colour,
            label=label,
            edgecolor="white",
        )
        bottom += shares[stance].to_numpy()
    left.set_yticks(range(len(shares)), shares.index)
    left.set_ylim(len(shares) - 0.5, -0.5)
    left.set_xlim(0, 1)
    left.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    left.set_xlabel(
        "Share of the outlet's quoted words, by the stance of the statement quoted"
        + (f"\n{shown_note.strip()}" if shown_note else "")
    )
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    speakers = table.groupby("speaker").quoted_share.sum().sort_values(ascending=False).index[:top]
    shown = list(shares.index)
    grid = table.pivot_table(
        index="speaker", columns="outlet", values="quoted_share", aggfunc="sum"
    ).reindex(index=speakers, columns=shown)
    ranks = table.pivot_table(
        index="speaker", columns="outlet", values="first_rank", aggfunc="min"
    ).reindex(index=speakers, columns=shown)
    image = right.imshow(
        grid.fillna(0).to_numpy(),
        cmap="Blues",
        vmin=0,
        vmax=max(0.5, float(np.nanmax(grid.to_numpy()))),
        aspect="auto",
    )
    for i in range(len(speakers)):
        for j in range(len(shown)):
            rank = ranks.iat[i, j]
            if not np.isnan(rank):
                share = grid.iat[i, j]
                right.text(
                    j,
                    i,
                    f"#{int(rank)}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if share > 0.3 else "#222222",
                )
    right.set_xticks(range(len(shown)), shown, rotation=20, ha="right")
    right.set_yticks(range(len(speakers)), [textwrap.fill(s, 30) for s in speakers], fontsize=8)
    right.set_xlabel("Colour: share of quoted words; #n: order of first appearance")
    fig.colorbar(image, ax=right, shrink=0.7, format=lambda v, _: f"{v:.0%}")
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    fig.subplots_adjust(wspace=0.45)
    figures.source_note(fig, "mentions.csv, quote_exclusions.csv, article texts")
    return fig


# --- lexicon ------------------------------------------------------------------------------


VOICES = {"own": "own words", "quoted": "quoted words"}


def _body_with_quotes(evidence: Evidence, article) -> tuple[str, list[int], list[text.Span]]:
    """The article body normalised (as the lexicon is matched), the map from each normalised
    character to the raw body, and the quoted passages of the raw body."""
    raw = text.body_text(evidence.texts[article.article_id], article.body_lines)
    body, index = text.normalise_with_map(raw)
    passages, _ = text.quoted_passages(raw, [text.Span(0, len(raw))])
    return body, index, [p.span for p in passages]


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
                        "left": body[max(0, match.start() - width) : match.start()].rjust(width),
                        "match": match.group(),
                        "right": body[match.end() : match.end() + width],
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
    return counts[kept].assign(**{outlets.others_label(len(rest)): counts[rest].sum(axis=1)})


def _count_label(value: float, *_: int) -> str:
    return f"{int(value)}" if value else "·"


def lexicon_figure(own: pd.DataFrame, quoted: pd.DataFrame, title: str):
    """Two heat maps sharing the terms: the outlets' own words, and words they quote."""
    panels = [(VOICES["own"], own), (VOICES["quoted"], quoted)]
    values = [counts.drop(columns=["group", "label"]) for _, counts in panels]
    if values[0].shape[1] > outlets.MAX_SHOWN:  # pool the same outlets in both panels
        kept = outlets.heaviest((values[0] + values[1]).sum(axis=0))
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


# --- distortions ----------------------------------------------------------------------------


def distortion_kinds() -> dict[str, str]:
    """Kinds of change an outlet made to a source's words (codebook X1), code -> label."""
    return labels.categories("kind", resource="distortions")


def distortion_table(evidence: Evidence) -> pd.DataFrame:
    """Every recorded distortion in words: the outlet, whose statement, the kind of change,
    the article's words against the source's words as another article prints them."""
    order = evidence.article_order
    d = evidence.distortions.sort_values(
        ["article_id", "distortion_id"], key=lambda c: c.map(order) if c.name == "article_id" else c
    )
    outlet_of = evidence.outlet_names
    speakers = evidence.statements_with_speakers().set_index("statement_id").name
    return pd.DataFrame(
        {
            "outlet": d.article_id.map(outlet_of),
            "speaker": d.statement_id.map(speakers),
            "change": d.kind.map(distortion_kinds()),
            "the outlet printed": d.passage,
            "the source's words": d.source_passage,
            "as printed by": d.source_article_id.map(outlet_of),
            "evidence": d.evidence,
        }
    ).reset_index(drop=True)


def distortion_counts(evidence: Evidence) -> pd.DataFrame:
    """Outlet x kind of change, every outlet listed (zeros included), with the number of
    statements each outlet reports for scale."""
    d = evidence.distortions
    counts = d.groupby(["article_id", "kind"]).size().unstack(fill_value=0)
    kind_labels = distortion_kinds()
    kinds = [k for k in kind_labels if k in counts.columns]
    counts = counts.reindex(index=list(evidence.articles.article_id), columns=kinds, fill_value=0)
    counts.index = counts.index.map(evidence.outlet_names)
    counts.columns = [kind_labels[k] for k in kinds]
    reported = evidence.mentions.groupby("article_id").statement_id.nunique()
    counts.insert(0, "total", counts.sum(axis=1))
    counts["statements reported"] = [int(reported.get(a, 0)) for a in evidence.articles.article_id]
    counts.index.name = "outlet"
    return counts


def commonest_change(evidence: Evidence) -> dict[str, object]:
    """The commonest kind of change, how many rows of distortions.csv record it, and the speaker whose words
    it changed most often (for the notebook's prose)."""
    d = evidence.distortions
    kind = d.kind.value_counts().idxmax()
    of_kind = d[d.kind == kind]
    speakers = evidence.statements_with_speakers().set_index("statement_id").name
    by_speaker = of_kind.statement_id.map(speakers).value_counts()
    return {
        # the label's head only: a value with parentheses would be escaped as \( \), which
        # notebook renderers may read as mathematics
        "change": distortion_kinds()[kind].split(" (")[0],
        "passages": len(of_kind),
        "all": len(d),
        "speaker": by_speaker.idxmax(),
        "speaker_passages": int(by_speaker.max()),
    }


def distortions_title(counts: pd.DataFrame) -> str:
    total = counts.total
    most = total[total == total.max()].index
    changed = int((total > 0).sum())
    return (
        f"{changed} of {len(total)} outlets changed what a source said; "
        f"{' and '.join(most)} most often ({total.max()} changes each)"
        if len(most) > 1
        else f"{changed} of {len(total)} outlets changed what a source said; "
        f"{most[0]} most often ({total.max()} changes)"
    )


def distortions_figure(counts: pd.DataFrame, title: str):
    """Stacked bars: changes per outlet (one per passage and kind), by kind of change."""
    kinds = [c for c in counts.columns if c not in ("total", "statements reported")]
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(counts) + 1.8))
    left = np.zeros(len(counts))
    colours = dict(zip(distortion_kinds().values(), style.DISTORTION_COLOURS, strict=True))
    for kind in kinds:
        values = counts[kind].to_numpy()
        ax.barh(
            range(len(counts)),
            values,
            left=left,
            color=colours[kind],
            label=kind,
            edgecolor="white",
            linewidth=0.6,
        )
        left += values
    for i, (total, reported) in enumerate(
        zip(counts.total, counts["statements reported"], strict=True)
    ):
        ax.text(
            total + 0.15, i, f"{total} (of {reported} statements reported)", va="center", fontsize=8
        )
    ax.set_yticks(range(len(counts)), counts.index)
    ax.invert_yaxis()
    ax.set_xlim(0, counts.total.max() + 3.5)
    ax.set_xlabel("Changes to what the source said, one per passage and kind (distortions.csv)")
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        title="Kind of change",
        title_fontsize=8,
    )
    ax.set_title(title)
    figures.source_note(fig, "distortions.csv, mentions.csv")
    return fig


# --- attribution verbs ----------------------------------------------------------------------


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


def verbs_figure(by_outlet: pd.DataFrame, title: str):
    """Verbs by outlet; past ``outlets.MAX_SHOWN`` outlets (or ``MAX_VERBS_SHOWN`` verbs) the
    rest are pooled."""
    by_outlet = outlets.pooled(by_outlet, axis="index")
    pooled_verbs = outlets.pooled(by_outlet, shown=MAX_VERBS_SHOWN)
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


# --- quote drift ----------------------------------------------------------------------------


def word_diff(reference: list[str], wording: list[str]) -> str:
    """Word-level diff: [-removed-] {+added+}, shared words as they are."""
    out = []
    matcher = difflib.SequenceMatcher(None, reference, wording, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.append(" ".join(reference[a0:a1]))
        if op in {"delete", "replace"}:
            out.append("[-" + " ".join(reference[a0:a1]) + "-]")
        if op in {"insert", "replace"}:
            out.append("{+" + " ".join(wording[b0:b1]) + "+}")
    return " ".join(out)


def _display_words(passage: str) -> list[tuple[str, str]]:
    """(comparison key, word as printed) for each word of ``passage``."""
    out = []
    for word in text.normalise(passage).split():
        key = " ".join(reuse.tokens(word))
        out.append((key or word, word))
    return out


def diff_html(reference: str, wording: str) -> str:
    """How ``wording`` differs from ``reference``, word by word, as HTML: removed words in
    ``<del>``, added ones in ``<ins>``, shared words as this wording prints them (case and
    punctuation kept; words match regardless of case and punctuation)."""
    import html

    ref, new = _display_words(reference), _display_words(wording)
    matcher = difflib.SequenceMatcher(
        None, [k for k, _ in ref], [k for k, _ in new], autojunk=False
    )
    out = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.append(html.escape(" ".join(w for _, w in new[b0:b1])))
        if op in {"delete", "replace"}:
            removed = html.escape(" ".join(w for _, w in ref[a0:a1]))
            out.append(f'<del class="drift" title="not in this wording">{removed}</del>')
        if op in {"insert", "replace"}:
            added = html.escape(" ".join(w for _, w in new[b0:b1]))
            out.append(f'<ins class="drift" title="added in this wording">{added}</ins>')
    return " ".join(out)


def showcase_statements(evidence: Evidence, drift: pd.DataFrame) -> dict[str, str]:
    """The two statements notebook 03 follows sentence by sentence, chosen by rule: the one
    quoted (directly or in part) by the most outlets, and the firmest warning among those
    quoted by the most outlets (ties: the statement listed first in statements.csv)."""
    quoted = drift[drift.quote_type != "paraphrase"]
    reach = quoted.groupby("statement").outlet.nunique()
    listed = {sid: i for i, sid in enumerate(evidence.statements.statement_id)}
    table = evidence.statements.set_index("statement_id")
    ranked = pd.DataFrame(
        {
            "outlets": reach,
            "listed": reach.index.map(listed),
            "firmness": reach.index.map(lambda s: style.FIRMNESS_ORDER.index(table.firmness[s])),
            "warns": reach.index.map(lambda s: table.stance[s] == "warns"),
        }
    )
    widest = ranked.sort_values(["outlets", "listed"], ascending=[False, True]).index[0]
    warnings = ranked[ranked.warns].sort_values(
        ["firmness", "outlets", "listed"], ascending=[True, False, True]
    )
    return {"most quoted": widest, "firmest warning": warnings.index[0]}


def drift_view(drift: pd.DataFrame) -> pd.DataFrame:
    """The drift table for readers: speaker, outlet, how the wording is reported, the
    scores, and the changes from the reference wording marked up (``diff_html``)."""
    return pd.DataFrame(
        {
            "speaker": drift.speaker,
            "outlet": drift.outlet,
            "reported as": drift.quote_type.map(lambda c: labels.label("quote_type", c)),
            "similarity": drift.similarity,
            "coverage": drift.coverage,
            "changes from the earliest wording": [
                diff_html(r, w) for r, w in zip(drift.reference_wording, drift.wording, strict=True)
            ],
        }
    ).reset_index(drop=True)


def similarity(reference: list[str], wording: list[str]) -> float:
    """2 x matched words / all words (difflib's ratio over words): 1 for identical wordings."""
    return difflib.SequenceMatcher(None, reference, wording, autojunk=False).ratio()


def coverage(reference: list[str], wording: list[str]) -> float:
    """Share of this wording's words matched, in order, in the reference (1 for an exact excerpt)."""
    if not wording:
        return 0.0
    matcher = difflib.SequenceMatcher(None, reference, wording, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(wording)


@cache
def _compare(reference: tuple[str, ...], wording: tuple[str, ...]) -> tuple[float, float, str]:
    ref, words = list(reference), list(wording)
    return round(similarity(ref, words), 3), round(coverage(ref, words), 3), word_diff(ref, words)


def drift_table(evidence: Evidence) -> pd.DataFrame:
    """Every wording of every statement reported by two or more outlets, compared with the
    earliest wording: the article that can have been published earliest's, preferring a direct quotation and
    then the fullest one when articles share a date. Most changed statements first."""
    mentions = evidence.mentions_in_full()
    order = evidence.article_order
    words = mentions.quote.map(lambda q: tuple(reuse.tokens(q)))
    mentions = mentions.assign(
        words=words,
        length=words.map(len),
        quoted=mentions.quote_type != "paraphrase",
        article_order=mentions.article_id.map(order),
    )
    outlets = mentions.groupby("statement_id").outlet.transform("nunique")
    mentions = mentions[outlets >= 2].sort_values(
        ["statement_id", "published_earliest", "quoted", "length", "article_order"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )
    columns = [
        "statement",
        "speaker",
        "summary",
        "article",
        "outlet",
        "wording",
        "quote_type",
        "similarity",
        "coverage",
        "reference_article",
        "reference_wording",
        "diff",
    ]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    reference = mentions.groupby("statement_id", sort=False).head(1).set_index("statement_id")
    ref_words = mentions.statement_id.map(reference.words)
    compared = [_compare(r, w) for r, w in zip(ref_words, mentions.words, strict=True)]
    table = pd.DataFrame(
        {
            "statement": mentions.statement_id,
            "speaker": mentions.name,
            "summary": mentions.summary,
            "article": mentions.article_id,
            "outlet": mentions.outlet,
            "wording": mentions.quote,
            "quote_type": mentions.quote_type,
            "similarity": [c[0] for c in compared],
            "coverage": [c[1] for c in compared],
            "reference_article": mentions.statement_id.map(reference.article_id),
            "reference_wording": mentions.statement_id.map(reference.quote),
            "diff": [c[2] for c in compared],
        }
    )
    least = table.groupby("statement").similarity.transform("min")
    table = table.assign(_least=least).sort_values(
        ["_least", "statement", "similarity", "article"], kind="stable"
    )
    return table.drop(columns="_least").reset_index(drop=True)


DRIFT_ROWS = 40
DRIFT_HTML = ("changes from the earliest wording",)


def prominence_title(shares: pd.DataFrame) -> str:
    denials, opening = shares.get("rules_out"), shares.get("open")
    parts = []
    if denials is not None:
        parts.append(
            f"{denials.idxmax()} gives denials the largest share of its quoted words ({denials.max():.0%})"
        )
    if opening is not None:
        parts.append(f"{opening.idxmax()} gives the most to the open door ({opening.max():.0%})")
    return "; ".join(parts)


def lexicon_title(own: pd.DataFrame, quoted: pd.DataFrame) -> str:
    """Counted in the outlets' own words; how many terms occur only inside quotations."""
    values = own.drop(columns=["group", "label"])
    in_quotes = quoted.drop(columns=["group", "label"])
    everywhere = own.label[(values > 0).all(axis=1)]
    only_quoted = own.label[(values.sum(axis=1) == 0) & (in_quotes.sum(axis=1) > 0)]
    return (
        f"{len(everywhere)} of {len(own)} terms appear in every outlet's own words; "
        f"{len(only_quoted)} appear only inside quotations"
    )


def verbs_title(by_outlet: pd.DataFrame) -> str:
    top = by_outlet.sum().idxmax()
    variety = (by_outlet > 0).sum(axis=1)
    return (
        f"'{top}' introduces {by_outlet[top].sum()} of {by_outlet.to_numpy().sum()} mentions; "
        f"{variety.idxmax()} uses the most different verbs ({variety.max()})"
    )


def drift_title(drift: pd.DataFrame) -> str:
    per_statement = drift.groupby("statement").similarity.min()
    changed = int((per_statement < 0.5).sum())
    return f"{changed} of {len(per_statement)} statements reach some outlet with under half their words in common"


def drift_figure(drift: pd.DataFrame, title: str):
    """Similarity of each outlet's wording to the earliest one, statement by statement
    (the ``DRIFT_ROWS`` most changed statements when there are more)."""
    statements = list(dict.fromkeys(drift.statement))[:DRIFT_ROWS]
    drift = drift[drift.statement.isin(statements)]
    outlets = list(dict.fromkeys(drift.sort_values("article").outlet))
    markers, palette = style.outlet_styles(outlets)
    fig, ax = plt.subplots(figsize=(9.5, 0.42 * len(statements) + 1.8))
    y = {s: i for i, s in enumerate(statements)}
    for row in drift.itertuples():
        filled = row.quote_type != "paraphrase"
        ax.scatter(
            row.similarity,
            y[row.statement],
            marker=markers[row.outlet],
            s=60,
            zorder=3,
            facecolor=palette[row.outlet] if filled else "white",
            edgecolor=palette[row.outlet],
            linewidth=1.2,
        )
    first = drift.drop_duplicates("statement").set_index("statement")
    row_labels = [
        f"{first.speaker[s]}: {figures.shorten_words(first.summary[s], 44)}" for s in statements
    ]
    ax.set_yticks(range(len(statements)), row_labels, fontsize=8)
    ax.set_ylim(len(statements) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.05)
    ax.set_xlabel("Similarity to the earliest wording (1 = word for word)")
    ax.grid(axis="x", color="#DDDDDD", zorder=0)
    handles = [
        plt.Line2D([], [], marker=markers[o], linestyle="", color=palette[o], label=o)
        for o in outlets
    ]
    handles.append(Patch(facecolor="white", edgecolor="#555555", label="hollow: paraphrase"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_title(title)
    figures.source_note(fig, "mentions.csv (quote)")
    return fig


# --- printed errors ---------------------------------------------------------------------------


def _plain(value: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c)
    ).lower()


def printed_errors(evidence: Evidence) -> pd.DataFrame:
    """Name forms an article printed that are not the speaker's name: dropped accents,
    misspellings and misattributions, with the correction from the speaker registry.

    Governments reported collectively are printed by country name, which is no error."""
    mentions = evidence.mentions_in_full()
    rows = []
    for mention in mentions[mentions.kind != "government"].itertuples():
        reference = f"{mention.name} {mention.role}"
        for form in mention.printed_names.split(";"):
            if not form or text.normalise(form) not in text.normalise(mention.printed_speaker):
                continue
            if form in reference:
                continue
            kind = (
                "accents dropped"
                if _plain(form) in _plain(reference)
                else "misspelt or misattributed"
            )
            rows.append(
                {
                    "outlet": mention.outlet,
                    "printed": mention.printed_speaker,
                    "name form": form,
                    "kind": kind,
                    "speaker": mention.name,
                    "correction": mention.speaker_notes
                    if isinstance(mention.speaker_notes, str)
                    else "",
                }
            )
    errors = pd.DataFrame(
        rows, columns=["outlet", "printed", "name form", "kind", "speaker", "correction"]
    )
    longest_first = errors.assign(n=errors["name form"].str.len()).sort_values(
        "n", ascending=False, kind="stable"
    )
    kept = longest_first.drop_duplicates(["outlet", "printed"]).drop(columns="n")
    return kept.sort_index().reset_index(drop=True)


def what_we_found(evidence: Evidence) -> list[str]:
    """Notebook 03's closing sentences, computed from the tables and the article texts."""
    articles = evidence.articles
    headline = articles.headline_focus.str.split(";").explode().value_counts()
    focus = labels.categories("headline_focus")
    leads = ", ".join(f"{count} with {focus.get(code, code)}" for code, count in headline.items())
    firsts = prominence(evidence)
    firsts = firsts[firsts.first_rank == 1]
    top = firsts.speaker.value_counts()
    drift = drift_table(evidence)
    least = drift.groupby("statement").similarity.min().sort_values()
    changed = drift[drift.statement == least.index[0]]
    errors = printed_errors(evidence)
    return [
        f"Of {len(articles)} headlines, {leads.replace(' with ', ' lead with ', 1)}.",
        f"{top.iloc[0]} of {len(articles)} outlets quote {top.index[0]} first.",
        f"The wording that changed most between outlets is {changed.speaker.iloc[0]}'s "
        f"(similarity down to {least.iloc[0]:.2f}, in "
        f"{names_list(list(changed[changed.similarity == least.iloc[0]].outlet))}).",
        f"The articles print {len(errors)} name errors"
        + (f", in {names_list(list(dict.fromkeys(errors.outlet)))}." if len(errors) else "."),
    ]
