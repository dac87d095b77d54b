"""Align OCR output with its truth: tokens first, then characters, then substring edits.

The error model is learned from (truth line, OCR line) pairs. Tokens are aligned by a
small dynamic programme that allows one truth token to become two OCR tokens (split)
and two truth tokens to become one (merge); characters inside a token pair by a weighted
Levenshtein whose substitution cost is low between letters that share a base letter
(``ộ``/``o``), so diacritic loss aligns letter to letter. Edits are then read off as
Brill & Moore substring pairs (truth substring up to ``MAX_SPAN`` characters → OCR
substring), with one character of context either side.

>>> align_chars("thực", "thwe")
[('t', 't'), ('h', 'h'), ('ự', 'w'), ('c', 'e')]
>>> syllable_pairs("Tam Hợp", "Tam Hgp")
[('tam', 'tam'), ('hợp', 'hgp')]
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ocrfix.text import strip_diacritics

#: Longest truth substring counted as one edit.
MAX_SPAN = 3

CharPair = tuple[str, str]  # (truth char or "", OCR char or "")

_SYLLABLE = regex.compile(r"\p{L}+")
_TOKEN = regex.compile(r"\S+")


def _sub_cost(a: str, b: str) -> float:
    """Cost of reading truth char ``a`` as OCR char ``b`` (both lower case)."""
    if a == b:
        return 0.0
    if strip_diacritics(a) == strip_diacritics(b):
        return 0.4
    if a.isalpha() != b.isalpha():
        return 0.9  # ố → 6, l → 1: common, but prefer letter-letter pairs
    return 1.0


def align_chars(truth: str, ocr: str) -> list[CharPair]:
    """Minimum-cost character alignment (case-insensitive costs, original chars returned)."""
    t_low, o_low = truth.lower(), ocr.lower()
    n, m = len(truth), len(ocr)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]  # 0 diag, 1 delete truth, 2 insert ocr
    for i in range(1, n + 1):
        cost[i][0], back[i][0] = float(i), 1
    for j in range(1, m + 1):
        cost[0][j], back[0][j] = float(j), 2
    for i in range(1, n + 1):
        row, prev = cost[i], cost[i - 1]
        for j in range(1, m + 1):
            best, move = prev[j - 1] + _sub_cost(t_low[i - 1], o_low[j - 1]), 0
            if prev[j] + 1.0 < best:
                best, move = prev[j] + 1.0, 1
            if row[j - 1] + 1.0 < best:
                best, move = row[j - 1] + 1.0, 2
            row[j], back[i][j] = best, move
    pairs: list[CharPair] = []
    i, j = n, m
    while i or j:
        move = back[i][j]
        if move == 0:
            pairs.append((truth[i - 1], ocr[j - 1]))
            i, j = i - 1, j - 1
        elif move == 1:
            pairs.append((truth[i - 1], ""))
            i -= 1
        else:
            pairs.append(("", ocr[j - 1]))
            j -= 1
    pairs.reverse()
    return pairs


def _token_cost(truth: str, ocr: str) -> float:
    """Dissimilarity of a truth and an OCR token group in [0, 1] (diacritics ignored)."""
    a, b = strip_diacritics(truth.lower()), ocr.lower()
    if not a or not b:
        return 1.0
    dist = sum(1 for t, o in align_chars(a, b) if t != o)
    return min(1.0, dist / max(len(a), len(b)))


def align_tokens(truth: list[str], ocr: list[str]) -> list[tuple[str, str]]:
    """Pair token groups: 1-1, 1-2 (split), 2-1 (merge), 1-0 and 0-1 (lost or stray).

    Groups are joined with a space; an empty side means nothing matched.

    >>> align_tokens(["là", "xã", "Tam"], ["làxã", "Tam"])
    [('là xã', 'làxã'), ('Tam', 'Tam')]
    """
    n, m = len(truth), len(ocr)
    gap = 0.7
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            steps = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
            for di, dj in steps:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                if di and dj:
                    step = _token_cost(" ".join(truth[i:ni]), "".join(ocr[j:nj]))
                    step += 0.25 * (di + dj - 2)  # splits and merges are rarer than 1-1
                else:
                    step = gap
                if here + step < cost[ni][nj]:
                    cost[ni][nj] = here + step
                    back[ni][nj] = (di, dj)
    groups: list[tuple[str, str]] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        groups.append((" ".join(truth[i - di : i]), " ".join(ocr[j - dj : j])))
        i, j = i - di, j - dj
    groups.reverse()
    return groups


def syllable_pairs(truth_line: str, ocr_line: str, *, lower: bool = True) -> list[tuple[str, str]]:
    """(truth syllable, what OCR made of it) for every syllable of the truth, lower case
    unless ``lower=False``.

    Two syllables read as one OCR token come out as one pair whose truth side holds both,
    space-separated (``('là xã', 'làxã')``); syllables the OCR lost are skipped. OCR text
    around the syllable inside the same token (punctuation, stray marks) stays attached
    when it is not aligned to truth punctuation.
    """
    out: list[tuple[str, str]] = []
    for t_group, o_group in align_tokens(_TOKEN.findall(truth_line), _TOKEN.findall(ocr_line)):
        if not t_group or not o_group:
            continue
        o_group = o_group.replace(" ", "")
        if lower:
            t_group, o_group = t_group.lower(), o_group.lower()
        out.extend(_group_syllables(t_group, o_group))
    return out


def _group_syllables(truth: str, ocr: str) -> Iterator[tuple[str, str]]:
    """Split one aligned token group into syllable pairs using the character alignment."""
    words = truth.split(" ")
    if len(words) == 2 and all(_SYLLABLE.fullmatch(w) for w in words):
        yield truth, ocr  # two syllables read as one token: a merge example
        return
    compact = "".join(words)
    pairs = align_chars(compact, ocr)
    starts: list[int] = []  # OCR position before each truth char, and at the end
    o_pos = 0
    for t_char, o_char in pairs:
        if t_char:
            starts.append(o_pos)
        if o_char:
            o_pos += 1
    starts.append(o_pos)
    offset = 0
    for word in words:
        for m in _SYLLABLE.finditer(word):
            a, b = offset + m.start(), offset + m.end()
            lo = starts[a] if a else 0  # leading stray marks belong to the first syllable
            hi = starts[b] if b < len(compact) else len(ocr)
            if ocr[lo:hi]:
                yield compact[a:b], ocr[lo:hi]
        offset += len(word)


def edits(truth: str, ocr: str, max_span: int = MAX_SPAN) -> Iterator[tuple[str, str]]:
    """Brill & Moore substring edits of one aligned pair, with context up to ``max_span``.

    Every maximal run of non-matching character pairs is an edit; it is also emitted
    with one matching character of context on the left, on the right, and both, as long
    as the truth side stays within ``max_span`` characters; a longer run also gives its
    single-character edits. Pure insertions are emitted only with context, so every
    edit rewrites at least one truth character.

    >>> sorted(edits("thực", "thwe"))
    [('c', 'e'), ('hực', 'hwe'), ('ự', 'w'), ('ực', 'we')]
    """
    pairs = align_chars(truth, ocr)
    k = 0
    while k < len(pairs):
        if pairs[k][0] == pairs[k][1]:
            k += 1
            continue
        end = k
        while end < len(pairs) and pairs[end][0] != pairs[end][1]:
            end += 1
        for lo in (k, k - 1):
            for hi in (end, end + 1):
                if lo < 0 or hi > len(pairs):
                    continue
                chunk = pairs[lo:hi]
                alpha = "".join(t for t, _ in chunk)
                beta = "".join(o for _, o in chunk)
                if alpha and len(alpha) <= max_span:
                    yield alpha, beta
        if end - k > 1:  # the single-character edits inside a longer run
            yield from ((t, o) for t, o in pairs[k:end] if t)
        k = end
