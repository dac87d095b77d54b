"""Build target ``errormodel``: learn the OCR channels from (truth, OCR) line pairs.

Input: ``build/ocr_pairs/dev-eng.jsonl`` and ``dev-vie.jsonl`` (written by the synthetic
scan generator: dev documents rendered, degraded and OCR'd), records with ``doc``,
``truth`` and ``ocr``; ``--pairs`` lists other folders or files to pool (renders made to
elicit particular confusions, e.g. ``build/ocr_pairs_p/`` for ``Đ`` → ``P``).
Documents of the fixed held-out split are refused, and a further slice of the dev
documents (``is_eval_doc``) is kept out so that candidate recall can be measured on pairs
the model never saw.

For each channel (``eng``, ``vie``) it aligns every pair (``ocrfix.repair.align``),
counts Brill & Moore substring edits and whole-token confusions, and writes to
``dictionaries/errormodel/``:

- ``<kind>.json``: header (provenance), edit rules ``{truth substring: {OCR: log10 P}}``,
  merge/split rates, the rate of wrong diacritics on right letters, and the inverse index
  ``{OCR rendering: "vocab id:log10 P ..."}`` made by enumerating the likeliest
  renderings of every vocabulary item; ``rules_cap``/``index_cap`` the same for words
  written with capitals (``Đ`` → ``P``, ``Ợ`` → ``Q``), smoothed toward the whole model;
- ``confusions-<kind>.tsv``: the whole-token confusions seen (``của``→``ciia``), counts;
- ``detect.json``: weights of ``ocrfix.repair.detect`` fitted on the same dev lines;
- ``vocab.json``: candidate vocabulary (attested syllables of ``dictionaries/syllables.tsv``
  plus abbreviations and codes of the dev documents) with log10 unigram priors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import regex
from rapidfuzz.distance import Levenshtein

from ocrfix.build.corpus import DEFAULT_SHARED, iter_admin_docs
from ocrfix.build.splits import is_heldout
from ocrfix.dictionaries import dictionaries_dir
from ocrfix.exceptions import InputError
from ocrfix.io.atomic import atomic_write_text
from ocrfix.repair import detect
from ocrfix.repair.align import MAX_SPAN, align_tokens, edits, syllable_pairs
from ocrfix.text import normalize_tones, parse_syllable, split_tone, strip_diacritics, strip_tones

KINDS = ("eng", "vie")
DEFAULT_PAIRS = Path("build/ocr_pairs")
MIN_EDIT_COUNT = 2  # rarer edits are noise (and are covered by the fallback's floors)
BEAM = 40  # partial renderings kept per position while enumerating
MAX_RENDERINGS = 60  # renderings kept per vocabulary item (40 lost péc for độc)
MAX_DROP = 5.0  # ... within this many log10 units of its best rendering
MAX_PER_KEY = 40  # candidates kept per index key (25 lost đảng for pang)
BACKOFF = 3.0  # pseudo-count of the tone-class distribution in an edit's probability
MIN_RULE_P = 0.002  # rarer edits are left to the fallback's floors
MIN_KEEP = 0.05  # a letter is read as itself at least this often
TOKEN_WEIGHT = 5.0  # pseudo-count: how fast whole-token counts outweigh the char model

_EDGE_PUNCT = ".,;:!?()[]\"'“”"
_ABBREV = regex.compile(r"(?<![\p{L}\d])[\p{Lu}][\p{Lu}\d]{1,7}(?![\p{L}\d])")


def is_eval_doc(doc_id: str) -> bool:
    """About a fifth of the dev documents, kept out of fitting to measure recall."""
    digest = hashlib.sha256(f"ocrfix-errormodel-eval:{doc_id}".encode()).digest()
    return digest[0] % 5 == 0


def pair_files(sources: Iterable[Path], kind: str) -> list[Path]:
    """The ``kind`` channel's pair files among ``sources``: a folder gives its
    ``dev-<kind>.jsonl`` if it has one, a file is taken if its name ends in ``-<kind>.jsonl``."""
    paths = (s / f"dev-{kind}.jsonl" if s.is_dir() else s for s in sources)
    return [p for p in paths if p.name.endswith(f"-{kind}.jsonl") and p.is_file()]


def read_all_pairs(sources: Iterable[Path], kind: str, split: str) -> Iterator[tuple[str, str]]:
    """``read_pairs`` over the ``kind`` pair files of several folders or files."""
    for path in pair_files(sources, kind):
        yield from read_pairs(path, split=split)


def read_pairs(path: Path, *, split: str = "fit") -> Iterator[tuple[str, str]]:
    """(truth, OCR) lines of a pairs file: ``split`` is ``"fit"`` or ``"eval"``.

    Records whose document id falls in the held-out split are skipped, whatever the
    generator promised (corpus-line ids such as ``phapdien:123`` are hashed the same way).
    """
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if is_heldout(record["doc"]):
                continue
            if is_eval_doc(record["doc"]) == (split == "eval"):
                yield record["truth"], record["ocr"]


def damage(truth: str, ocr: str) -> float:
    """How much of a line OCR destroyed: normalised edit distance between truth and OCR,
    both stripped of diacritics (0 = at most diacritics wrong, 1 = nothing left)."""
    return Levenshtein.normalized_distance(
        strip_diacritics(truth.lower()), strip_diacritics(ocr.lower())
    )


def canonical(truth: str) -> str | None:
    """Lower-case traditional-tone form of a truth syllable, ``None`` if not one."""
    return normalize_tones(truth.lower()) if parse_syllable(truth) else None


class Counts:
    """Everything counted from one channel's pairs (``cap``: those whose truth has capitals)."""

    def __init__(self, *, with_cap: bool = True) -> None:
        self.edits: Counter[tuple[str, str]] = Counter()
        self.substrings: Counter[str] = Counter()
        self.tokens: Counter[tuple[str, str]] = Counter()
        self.syllables = 0
        self.merges = 0
        self.splits = 0
        self.skeleton_errors = 0  # wrong diacritics on the right letters
        self.lines = 0
        self.cap = Counts(with_cap=False) if with_cap else None

    def add(self, truth_line: str, ocr_line: str) -> None:
        self.lines += 1
        for t_group, o_group in align_tokens(truth_line.split(), ocr_line.split()):
            if len(t_group.split()) == 1 and len(o_group.split()) == 2:
                self.splits += 1
        for truth, ocr in syllable_pairs(truth_line, ocr_line, lower=False):
            if " " in truth:
                self.merges += 1
                self.syllables += 2
                continue
            syllable = canonical(truth)
            if syllable is None:
                continue
            self.add_pair(syllable, ocr.lower())
            if self.cap is not None and truth != truth.lower():
                self.cap.add_pair(syllable, ocr.lower())

    def add_pair(self, syllable: str, ocr: str) -> None:
        self.syllables += 1
        self.tokens[(syllable, ocr)] += 1
        if ocr != syllable and strip_diacritics(ocr) == strip_diacritics(syllable):
            self.skeleton_errors += 1
        for i in range(len(syllable)):
            for k in range(1, MAX_SPAN + 1):
                if i + k <= len(syllable):
                    self.substrings[syllable[i : i + k]] += 1
        self.edits.update(edits(syllable, ocr))


def tone_class(alpha: str) -> str | None:
    """Toned substrings that differ only in which tone they carry share their errors.

    ``ủ``, ``ú`` → ``"u*"``: English OCR garbles a marked ``u`` alike whatever the mark,
    so a rare one borrows the others' counts. Unmarked substrings have no class.
    """
    if not any(split_tone(c)[1] for c in alpha):
        return None
    return strip_tones(alpha) + "*"


def edit_rules(
    counts: Counts, base: dict[str, dict[str, float]] | None = None
) -> dict[str, dict[str, float]]:
    """``{α: {β: log10 P(β | α)}}``; single characters also get their identity rule.

    P(β | α) = (c(α→β) + BACKOFF · P_prior(β | α)) / (c(α) + BACKOFF): the counts of α
    itself, smoothed toward ``base`` rules when given (the capitals' model borrows from
    the whole model), else toward α's tone class (``tone_class``).
    """
    own: dict[str, Counter[str]] = defaultdict(Counter)
    for (alpha, beta), n in counts.edits.items():
        if alpha != beta:
            own[alpha][beta] += n
    prior = _base_prior(base) if base is not None else _tone_class_prior(counts)
    rules: dict[str, dict[str, float]] = {}
    for alpha, total in counts.substrings.items():
        shared = {beta: p for beta, p in prior(alpha).items() if beta != alpha}
        probs = {}
        for beta in set(own.get(alpha, ())) | set(shared):
            n = own[alpha][beta]
            if n < MIN_EDIT_COUNT and beta not in shared:
                continue
            p = (n + BACKOFF * shared.get(beta, 0.0)) / (total + BACKOFF)
            if p >= MIN_RULE_P:
                probs[beta] = p
        if not probs:
            continue
        if len(alpha) == 1:
            changed = sum(probs.values())
            if changed > 1.0 - MIN_KEEP:
                probs = {beta: p * (1.0 - MIN_KEEP) / changed for beta, p in probs.items()}
            probs[alpha] = 1.0 - sum(probs.values())
        rules[alpha] = {beta: round(math.log10(p), 3) for beta, p in probs.items()}
    return rules


Prior = Callable[[str], dict[str, float]]


def _base_prior(base: dict[str, dict[str, float]]) -> Prior:
    return lambda alpha: {beta: 10.0**lp for beta, lp in base.get(alpha, {}).items()}


def _tone_class_prior(counts: Counts) -> Prior:
    """P(β | tone class of α), from the edits of every substring of the class."""
    pooled: dict[str, Counter[str]] = defaultdict(Counter)
    pooled_total: Counter[str] = Counter()
    for (alpha, beta), n in counts.edits.items():
        cls = tone_class(alpha)
        if cls and alpha != beta:
            pooled[cls][beta] += n
    for alpha, n in counts.substrings.items():
        cls = tone_class(alpha)
        if cls:
            pooled_total[cls] += n

    def prior(alpha: str) -> dict[str, float]:
        cls = tone_class(alpha)
        if cls is None or cls not in pooled:
            return {}
        return {b: n / pooled_total[cls] for b, n in pooled[cls].items() if n >= MIN_EDIT_COUNT}

    return prior


def renderings(item: str, rules: dict[str, dict[str, float]]) -> dict[str, float]:
    """The likeliest OCR renderings of ``item`` and their log10 P (best partition)."""
    states: list[dict[str, float]] = [{} for _ in range(len(item) + 1)]
    states[0][""] = 0.0
    for i in range(len(item)):
        beam = sorted(states[i].items(), key=lambda kv: -kv[1])[:BEAM]
        for out, lp in beam:
            for k in range(1, MAX_SPAN + 1):
                alpha = item[i : i + k]
                if len(alpha) < k:
                    break
                options = rules.get(alpha)
                if options is None and k == 1:
                    options = {alpha: 0.0}
                for beta, lp_rule in (options or {}).items():
                    target = states[i + k]
                    new = out + beta
                    if lp + lp_rule > target.get(new, -math.inf):
                        target[new] = lp + lp_rule
    final = sorted(states[-1].items(), key=lambda kv: -kv[1])[:MAX_RENDERINGS]
    best = final[0][1] if final else 0.0
    return {out: lp for out, lp in final if lp >= best - MAX_DROP and out}


def channel_table(
    counts: Counts, vocab: list[str], rules: dict[str, dict[str, float]]
) -> dict[str, str]:
    """Inverse index: OCR rendering → ``"id:logp id:logp ..."`` (vocab id, log10 P), best first.

    Values are strings so that loading is one fast ``json.load``; a key is parsed when
    first looked up.
    """
    seen_by_item: dict[str, Counter[str]] = defaultdict(Counter)
    for (syllable, ocr), n in counts.tokens.items():
        seen_by_item[syllable][ocr] += n
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for vid, item in enumerate(vocab):
        model = {out: 10.0**lp for out, lp in renderings(item, rules).items()}
        seen = seen_by_item.get(item, Counter())
        total = sum(seen.values())
        weight = total / (total + TOKEN_WEIGHT)
        for out in set(model) | set(seen):
            p = weight * seen[out] / max(total, 1) + (1.0 - weight) * model.get(out, 0.0)
            if p > 0.0:
                index[out].append((vid, round(math.log10(p), 2)))
    return {
        key: " ".join(f"{i}:{lp:g}" for i, lp in sorted(rows, key=lambda r: -r[1])[:MAX_PER_KEY])
        for key, rows in sorted(index.items())
    }


def build_vocab(dictionaries: Path, shared: Path) -> tuple[list[str], list[float]]:
    """Attested syllables plus abbreviations/codes of dev documents, with log10 priors."""
    counts: Counter[str] = Counter()
    with open(dictionaries / "syllables.tsv", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#") and "\t" in line:
                syllable, n = line.rstrip("\n").split("\t")
                counts[syllable] = int(n)
    abbreviations: Counter[str] = Counter()
    dev_words = 0
    for doc in iter_admin_docs(shared, "dev"):
        dev_words += len(doc.text.split())
        for word in _ABBREV.findall(doc.text):
            if parse_syllable(word) is None and any(c.isalpha() for c in word):
                abbreviations[word.lower()] += 1
    scale = sum(counts.values()) / max(dev_words, 1)  # dev documents → corpus frequency
    for word, n in abbreviations.items():
        if n >= 3 and word not in counts:
            counts[word] = max(1, round(n * scale))
    total = sum(counts.values())
    vocab = sorted(counts, key=lambda s: (-counts[s], s))
    return vocab, [round(math.log10(counts[s] / total), 3) for s in vocab]


def detector_examples(pairs_dirs: list[Path], split: str) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and class ids: each truth line as identity and stripped, OCR as its kind."""
    rows: list[list[float]] = []
    labels: list[int] = []

    def add(line: str, label: str) -> None:
        feats = detect.features(line)
        rows.append([feats[f] for f in detect.FEATURES])
        labels.append(detect.CLASSES.index(label))

    for kind in KINDS:
        for truth, ocr in read_all_pairs(pairs_dirs, kind, split):
            add(ocr, kind)
            if kind == "eng":  # truth lines once, not once per channel
                add(truth, "identity")
                add(strip_diacritics(truth), "stripped")
    return np.array(rows), np.array(labels)


def fit_detector(x: np.ndarray, y: np.ndarray, steps: int = 2000, l2: float = 1e-3) -> np.ndarray:
    """Multinomial logistic regression by gradient descent; rows of (bias, features...)."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros((x1.shape[1], len(detect.CLASSES)))
    target = np.eye(len(detect.CLASSES))[y]
    for _ in range(steps):
        z = x1 @ w
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        w -= 2.0 * (x1.T @ (p - target) / len(x1) + l2 * w)
    return w


def detector_weights(w: np.ndarray) -> dict[str, dict[str, float]]:
    names = ("bias", *detect.FEATURES)
    return {
        c: {f: round(float(w[i, k]), 4) for i, f in enumerate(names)}
        for k, c in enumerate(detect.CLASSES)
    }


def detector_accuracy(weights: dict, x: np.ndarray, y: np.ndarray) -> float:
    """Share of lines whose most weighted channel is their true kind."""
    right = 0
    for row, label in zip(x, y, strict=True):
        profile = detect.predict(dict(zip(detect.FEATURES, row, strict=True)), weights)
        right += max(profile, key=profile.get) == detect.CLASSES[label]
    return right / max(len(y), 1)


def _provenance(kind: str, sources: Iterable[Path], counts: Counts) -> dict:
    return {
        "what": f"ocrfix error model, channel {kind}: log10 P(OCR | truth)",
        "built": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": "python -m ocrfix.build errormodel",
        "sources": [
            {"file": f"{p.parent.name}/{p.name}",
             "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
            for p in sources
        ],
        "lines": counts.lines,
        "syllables": counts.syllables,
        "licence": "derived from shared/data/admin_docs (official documents, not copyrighted)",
    }


def build(
    pairs_dirs: list[Path], shared: Path, out: Path, max_damage: float = 1.0
) -> dict[str, dict]:
    """Write the model files; return a summary per channel. Lines whose ``damage`` exceeds
    ``max_damage`` are not counted: a line a light fax wiped out teaches noise, not
    confusions."""
    out.mkdir(parents=True, exist_ok=True)
    vocab, prior = build_vocab(dictionaries_dir(), shared)
    atomic_write_text(
        out / "vocab.json",
        json.dumps({"vocab": vocab, "prior": prior}, ensure_ascii=False, separators=(",", ":")),
    )
    summary = {}
    for kind in KINDS:
        sources = pair_files(pairs_dirs, kind)
        if not sources:
            raise InputError(f"no {kind} pairs in {', '.join(map(str, pairs_dirs))}")
        counts = Counts()
        for truth, ocr in read_all_pairs(pairs_dirs, kind, "fit"):
            if damage(truth, ocr) <= max_damage:
                counts.add(truth, ocr)
        rules = edit_rules(counts)
        index = channel_table(counts, vocab, rules)
        assert counts.cap is not None
        rules_cap = edit_rules(counts.cap, base=rules)
        index_cap = channel_table(counts.cap, vocab, rules_cap)
        body = {
            "header": _provenance(kind, sources, counts),
            "merge_logp": round(math.log10((counts.merges + 1) / (counts.syllables + 2)), 3),
            "split_logp": round(math.log10((counts.splits + 1) / (counts.syllables + 2)), 3),
            "skeleton_logp": round(
                math.log10((counts.skeleton_errors + 1) / (counts.syllables + 2)), 3
            ),
            "rules": rules,
            "index": index,
            "rules_cap": rules_cap,
            "index_cap": index_cap,
        }
        atomic_write_text(
            out / f"{kind}.json", json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        )
        rows = sorted(counts.tokens.items(), key=lambda kv: (-kv[1], kv[0]))
        atomic_write_text(
            out / f"confusions-{kind}.tsv",
            f"# truth\tocr\tcount  (ocrfix build errormodel, dev-{kind} pairs)\n"
            + "".join(f"{t}\t{o}\t{n}\n" for (t, o), n in rows if t != o and n >= 2),
        )
        summary[kind] = {"lines": counts.lines, "rules": len(rules), "keys": len(index)}
    x, y = detector_examples(pairs_dirs, "fit")
    weights = detector_weights(fit_detector(x, y))
    accuracy = detector_accuracy(weights, *detector_examples(pairs_dirs, "eval"))
    header = {
        "what": "ocrfix damage detector (softmax over line features)",
        "lines": len(y),
        "eval_accuracy": round(accuracy, 4),
        "command": "python -m ocrfix.build errormodel",
    }
    atomic_write_text(
        out / "detect.json", json.dumps({"header": header, "weights": weights}, indent=1)
    )
    summary["detect"] = {"lines": len(y), "rules": 0, "keys": 0}
    print(f"detector: {len(y)} fit lines, eval accuracy {accuracy:.3f}")
    return summary


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "errormodel",
        help="OCR error model (dictionaries/errormodel/) from build/ocr_pairs/dev-*.jsonl",
    )
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument(
        "--pairs",
        type=Path,
        nargs="+",
        default=[DEFAULT_PAIRS],
        help="folders holding dev-eng.jsonl / dev-vie.jsonl, or pair files named "
        "*-eng.jsonl / *-vie.jsonl, pooled (default: build/ocr_pairs). Example: --pairs "
        "build/ocr_pairs build/ocr_pairs_extra build/ocr_pairs_p",
    )
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--max-damage", type=float, default=1.0,
        help="skip fit lines whose OCR is further than this from the stripped truth "
        "(normalised edit distance; default 1.0 keeps every line)",
    )
    parser.add_argument(
        "--evaluate", action="store_true", help="only print candidate recall@k on the eval slice"
    )
    parser.set_defaults(handler=_handle)


def _handle(args: argparse.Namespace) -> int:
    out = args.out or dictionaries_dir() / "errormodel"
    if args.evaluate:
        print(json.dumps(recall_at(out, args.pairs), indent=1))
        return 0
    for kind, info in build(args.pairs, args.shared, out, args.max_damage).items():
        print(f"{kind}: {info['lines']} lines, {info['rules']} rule heads, {info['keys']} keys")
    print(f"wrote {out}")
    return 0


def eval_tokens(pairs_dirs: list[Path], kind: str) -> list[tuple[str, str]]:
    """(truth syllable(s), OCR token) of the eval slice; ``"stripped"`` strips the truth."""
    tokens: list[tuple[str, str]] = []
    source = "eng" if kind == "stripped" else kind
    for truth_line, ocr_line in read_all_pairs(pairs_dirs, source, "eval"):
        if kind == "stripped":
            truth_line = ocr_line = truth_line.lower()
        for truth, ocr in syllable_pairs(truth_line, ocr_line):
            syllable = " ".join(canonical(t) or "" for t in truth.split(" "))
            piece = ocr.strip(_EDGE_PUNCT)
            if kind == "stripped":
                piece = strip_diacritics(piece)
            if all(syllable.split(" ")) and piece:
                tokens.append((syllable, piece))
    return tokens


def recall_at(model_dir: Path, pairs_dirs: list[Path], ks: tuple[int, ...] = (1, 5, 10)) -> dict:
    """Recall@k of the truth syllable among ``kind`` candidates on the eval slice.

    Merges count too: two syllables read as one token must come back as ``"là xã"``.
    Candidates are ranked by channel score plus unigram prior (no context).
    """
    from ocrfix.repair.channel import ChannelModel

    started = time.perf_counter()
    model = ChannelModel.load(model_dir)
    report: dict = {"load_seconds": round(time.perf_counter() - started, 3)}
    for kind in (*KINDS, "stripped"):
        hits: Counter[int] = Counter()
        tokens = eval_tokens(pairs_dirs, kind)
        started = time.perf_counter()
        for syllable, piece in tokens:
            found = [c.text for c in model.candidates(piece, kind=kind, limit=max(ks))]
            rank = found.index(syllable) if syllable in found else max(ks)
            hits.update(k for k in ks if rank < k)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        for _, piece in tokens:  # again, answered from the cache
            model.candidates(piece, kind=kind, limit=max(ks))
        warm = time.perf_counter() - started
        n = max(len(tokens), 1)
        report[kind] = {
            "tokens": len(tokens),
            **{f"recall@{k}": round(hits[k] / n, 4) for k in ks},
            "input_correct": round(sum(s == p for s, p in tokens) / n, 4),
            "tokens_per_s_cold": round(len(tokens) / max(seconds, 1e-9)),
            "tokens_per_s_cached": round(len(tokens) / max(warm, 1e-9)),
        }
    return report
