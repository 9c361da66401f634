"""Untranslated text: paragraphs and sentences left in the source language, foreign scripts.

Language identification (``langdetect``, seeded so runs are reproducible) is slow, so a cheap
prefilter runs first: English prose is dense with a few dozen function words; a paragraph or
sentence where they are rare is a candidate, every other one never reaches the detector.
Short spans (names, titles, loanwords) are below the minimum length and never flagged.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..cache import WordTable, cached, package_stamp, word_table
from ..model import Finding
from ..regexes import compile_fast
from ..registry import Rule, Triggers, check
from ..vocabulary import NEAR, function_word_count, zipf
from ..textview import PARAGRAPH

_WORD = compile_fast(r"[^\W\d_]+")
_LINE = compile_fast(r"[^\n]+")
# The particles of a name between its capitalised parts ("Ursula von der Leyen", "Vincent van
# Gogh", "Mohammed bin Salman"); not those that are also the source languages' prepositions (de,
# da, di, la: "Ulama Wahabi di Indonesia" is Indonesian).
_PARTICLES = compile_fast(r"(?<=\p{Lu}[\p{L}'’-]* )(?:von|van)(?: der| den)? (?=\p{Lu})|(?<=\p{Lu}[\p{L}'’-]* )(?:bin|ibn) (?=\p{Lu})")
_POSSESSIVE = compile_fast(r"\p{L}['’]s(?!\p{L})")  # English's own possessive ("Vietnam's"): no source language writes it
# Links, e-mail addresses, handles, hashtags (each tried at a token's start: a long token costs one scan)
_ADDRESSES = compile_fast(r"(?:https?://|www\.)\S+|(?<!\S)(?:[^\s@]+@\S+|[@#]\w\S*)")
# A sentence's run of text: a stop right before a letter or a digit ends none ("6.2", "e.g.").
_RUN = compile_fast(r"[^.!?…\n]+(?:[.!?…](?=[^\W_])[^.!?…\n]*)*")
_STOPS = compile_fast(r"[.!?…]+[”’\"»)]*")
# Letters of scripts other than Latin (and the marks that go with them).
_FOREIGN_SCRIPT = compile_fast(r"[\p{Cyrillic}\p{Greek}\p{Arabic}\p{Hebrew}\p{Armenian}\p{Georgian}"
                               r"\p{Devanagari}\p{Thai}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"
                               r"[\p{Cyrillic}\p{Greek}\p{Arabic}\p{Hebrew}\p{Armenian}\p{Georgian}\p{Devanagari}"
                               r"\p{Thai}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{M}\s'’-]*")
# The same scripts by code-point block, for a fast test with the stdlib engine.
_ANY_FOREIGN = compile_fast("[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0900-\u097f"
                            "\u0e00-\u0e7f\u10a0-\u10ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SCRIPT_NAMES = ("Cyrillic", "Greek", "Arabic", "Hebrew", "Armenian", "Georgian", "Devanagari", "Thai",
                 "Han", "Hiragana", "Katakana", "Hangul")
_SCRIPT_LETTERS = {name: compile_fast(rf"\p{{{name}}}") for name in _SCRIPT_NAMES}  # a span's first letter
MIN_WORDS = 6  # shorter spans are names, titles or loanwords
ENGLISH_SHARE = 0.2  # English prose has more function words than this
VOCABULARY = 20_000  # most frequent English words (wordfreq)
SOURCE_LANGUAGES = ("fr", "es", "de", "it", "pt")
ENGLISH_WORDS = 0.7  # headlines and lists: few function words, but nearly all common English words
ENGLISH_OWN = 1.0  # zipf by which English's use of a word passes every source language's: an English word in their lists
ENGLISH_ZIPF = 3.0  # an English word outside the common ones ("skier"), when no source language has it among its common words
CONFIDENCE = 0.8
VECTORS = 32_768  # n-gram probability arrays kept for the detector (of langdetect's 87,598; 0.5 KB each)
_VECTORS: dict = {}  # n-gram -> its probabilities as an array, shared by every detection

# Time spent in the language detector, for the cost figure in the README.
DETECTOR_SECONDS = [0.0]
_DETECTIONS = [0]  # detections in this process
VECTOR_AFTER = 50  # detections from which numpy's arrays pay for its import


@functools.cache
def _source_common() -> frozenset[str]:
    """The most common words of the usual source languages (``de``, ``a``, ``la``, ``en``), less
    the English words their lists pick up from English text: a word English uses ten times as
    often as every source language ("to", "the", "of" and "for" are among Portuguese's 300)."""
    def build() -> frozenset[str]:
        from wordfreq import top_n_list, zipf_frequency

        words = frozenset().union(*(top_n_list(lang, 300) for lang in SOURCE_LANGUAGES))
        return frozenset(w for w in words if max(zipf_frequency(w, lang) for lang in SOURCE_LANGUAGES)
                         > zipf_frequency(w, "en") - ENGLISH_OWN)

    return cached(f"source-common-300-own{ENGLISH_OWN}-{'-'.join(SOURCE_LANGUAGES)}-wordfreq{package_stamp('wordfreq')}", build)


@functools.cache
def _english_vocabulary() -> WordTable:
    """Common English words (word -> True), without the common words of the usual source
    languages; cached in parts, read only where a text has few function words.

    ``qui``, ``avec``, ``los`` are in English's top words (names, loans); left in, a French
    sentence would pass for an English headline.
    """
    def build() -> dict[str, bool]:
        from wordfreq import top_n_list

        foreign = _source_common()  # their function words
        return dict.fromkeys(set(top_n_list("en", VOCABULARY)) - (foreign - set(top_n_list("en", 1000))), True)

    key = f"english-vocabulary-{VOCABULARY}-own{ENGLISH_OWN}-{'-'.join(SOURCE_LANGUAGES)}-wordfreq{package_stamp('wordfreq')}"
    return word_table(key, build)


def looks_english(words: list[str], dirs: tuple[Path, ...] = ()) -> bool:
    """The cheap test: many function words, or nearly all words common English ones."""
    return not words or _english_by_counts(len(words), function_word_count(words, dirs), lambda: words)


@functools.lru_cache(maxsize=4096)
def detect(text: str) -> tuple[str, float]:
    """The most probable language of ``text`` and its probability (langdetect, seeded)."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    started = time.perf_counter()
    _load_profiles()
    _DETECTIONS[0] += 1
    if _DETECTIONS[0] == VECTOR_AFTER:
        _vectorise()
    try:
        best = detect_langs(text)[0]
        return best.lang, round(best.prob, 3)
    except LangDetectException:
        return "unknown", 0.0
    finally:
        DETECTOR_SECONDS[0] += time.perf_counter() - started


@functools.cache
def _load_profiles() -> None:
    """langdetect's language profiles, from a compact cached copy of the table it builds.

    langdetect parses 55 JSON profiles (most of a second) on first use; the table it builds
    from them is cached as is (same languages, order and probabilities), so results match.
    """
    from langdetect import detector_factory as module

    if module._factory is not None:
        return

    def build() -> tuple[list[str], dict[str, list[float]]]:
        factory = module.DetectorFactory()
        factory.load_profile(module.PROFILES_DIRECTORY)
        return factory.langlist, factory.word_lang_prob_map

    langlist, table = cached(f"langdetect-profiles-{package_stamp('langdetect')}", build)
    factory = module.DetectorFactory()
    factory.langlist, factory.word_lang_prob_map = list(langlist), table
    module._factory = factory


def _vectorise() -> None:
    """From now on detect with numpy arrays (``_fast_factory``): the same results, a third
    less time each, once numpy's import (0.1 s) has paid for itself over many detections."""
    from langdetect import detector_factory as module

    factory = _fast_factory()
    factory.langlist, factory.word_lang_prob_map = module._factory.langlist, module._factory.word_lang_prob_map
    module._factory = factory


def _fast_factory():
    """A langdetect factory whose detectors keep the 55 language probabilities in a numpy
    array: the update after each n-gram is one vector product instead of a loop in Python
    (its cost was most of a detection). The trials draw the same random n-grams, and each
    element is the same IEEE product, sum or quotient as before (the normalising sum still
    adds left to right), so every probability is the same to the last bit."""
    import numpy
    from langdetect.detector import Detector
    from langdetect.detector_factory import DetectorFactory
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    class VectorDetector(Detector):
        def _detect_block(self):  # langdetect's own, with the probabilities as arrays
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            rows = {}  # each distinct n-gram's row in the table of its probabilities
            drawn = [rows.setdefault(word, len(rows)) for word in ngrams]
            table = numpy.array([self.vector(word) for word in rows])
            self.langprob = [0.0] * len(self.langlist)
            self.random.seed(self.seed)
            for _ in range(self.n_trial):
                prob = numpy.array(self._init_probability())
                alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                factors = alpha / self.BASE_FREQ + table
                i = 0
                while True:
                    prob *= factors[self.random.choice(drawn)]
                    if i % 5 == 0:
                        prob /= sum(prob.tolist())  # (numpy's own sum adds pairwise: other roundings)
                        if max(0.0, prob.max()) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                            break
                    i += 1
                for j, p in enumerate(prob.tolist()):
                    self.langprob[j] += p / self.n_trial

        def vector(self, word):
            """An n-gram's probabilities as an array, kept for the next detections."""
            found = _VECTORS.get(word)
            if found is None:
                if len(_VECTORS) >= VECTORS:
                    _VECTORS.clear()
                found = _VECTORS[word] = numpy.array(self.word_lang_prob_map[word])
            return found

    class Factory(DetectorFactory):
        def _create_detector(self):
            return VectorDetector(self)

    return Factory()


def _candidates(text: str, dirs: tuple[Path, ...]) -> Iterator[tuple[int, int, str]]:
    """Paragraphs, else sentences, that the prefilter cannot call English.

    Each paragraph is tokenised once, sentence by sentence: no word crosses a sentence's end
    (a stop, a closing quote, a line break), so the paragraph's words are its sentences' words
    and those of the text between them, and ``looks_english`` depends only on their counts.
    Only counts are kept (a paragraph may hold 100,000 sentences, and lists of their words made
    the collector's work grow faster than the text); a sentence's words are read again in the
    rare case its share of function words is low.
    """
    for paragraph in PARAGRAPH.finditer(text):
        whole = paragraph.group()
        starts, ends, sizes, shares = [], [], [], []
        between: list[str] = []  # the words outside every sentence (in runs a line break cut short)
        pos = 0
        for offset, sentence in sentences(whole):
            words = _WORD.findall(sentence)
            between += _WORD.findall(whole, pos, offset)
            pos = offset + len(sentence)
            starts.append(offset)
            ends.append(pos)
            sizes.append(len(words))
            shares.append(function_word_count(words, dirs))
        between += _WORD.findall(whole, pos)
        total = sum(sizes) + len(between)
        if total < MIN_WORDS:
            continue  # nor can any of its sentences hold enough words
        function = sum(shares) + function_word_count(between, dirs)
        if not _english_by_counts(total, function, lambda: _WORD.findall(whole)):
            yield from _lines_or_paragraph(paragraph.start(), whole, dirs)
            continue
        for offset, end, size, share in zip(starts, ends, sizes, shares):
            if size < MIN_WORDS or end - offset == len(whole):
                continue  # a paragraph of one sentence: judged above, with the same words
            sentence = whole[offset:end]
            if not _english_by_counts(size, share, lambda: _WORD.findall(sentence)):
                start = paragraph.start() + offset
                yield start, start + len(sentence.rstrip()), "sentence"


def _lines_or_paragraph(start: int, whole: str, dirs: tuple[Path, ...]) -> Iterator[tuple[int, int, str]]:
    """A paragraph the prefilter cannot call English, or, when some of its lines read as English
    (a courtesy translation under the article's own line), only its lines that do not."""
    lines = [(m.start(), m.group()) for m in _LINE.finditer(whole)] if "\n" in whole else []
    judged = [(offset, line, looks_english(words, dirs)) for offset, line in lines
              if len(words := _WORD.findall(line)) >= MIN_WORDS]
    if not any(english for _, _, english in judged) or all(english for _, _, english in judged):
        yield start, start + len(whole), "paragraph"
        return
    for offset, line, english in judged:
        if not english:
            yield start + offset, start + offset + len(line.rstrip()), "line"


def _english_by_counts(total: int, function: int, words: Callable[[], list[str]]) -> bool:
    """``looks_english`` on ``total`` words of which ``function`` are function words; the
    words themselves are read only when the share of function words is low."""
    if function / total >= ENGLISH_SHARE:
        return True
    vocabulary = _english_vocabulary()
    listed = words()
    return sum(vocabulary.get(w.lower(), False) for w in listed) / len(listed) >= ENGLISH_WORDS


def english_line(text: str, at: int, dirs: tuple[Path, ...]) -> bool:
    """Whether the line around ``at`` (at most ``NEAR`` characters each way) reads as English, or
    is too short to tell, as QLT001 judges a span: the cheap test, the words in lower case (a
    line dense with names has few function words), and only then the detector."""
    start = max(text.rfind("\n", 0, at) + 1, at - NEAR)
    end = text.find("\n", at)
    span = text[start : min(len(text) if end < 0 else end, at + NEAR)].strip()
    words = _WORD.findall(span)
    if len(words) < MIN_WORDS or looks_english(words, dirs) or _english_around_names(span, dirs):
        return True
    language, probability = detect(span)
    return language == "en" or probability < CONFIDENCE


def _english_around_names(span: str, dirs: tuple[Path, ...]) -> bool:
    """Whether the words in lower case read as English prose: enough of them, English function
    words among them, nearly all common English words. Prose dense with names ("Brazil's Luiz
    Inácio Lula da Silva") has few function words in all, its names are in no vocabulary, and
    the detector may read them as Spanish; the words around them tell the language (a menu's
    "de" and "da" are not English). Particles inside a name ("Ursula von der Leyen") are the
    name's, not the prose's."""
    words = _WORD.findall(_PARTICLES.sub("", span))
    lower = [w for w in words if not w[0].isupper()]
    vocabulary = _english_vocabulary()
    if len(lower) >= MIN_WORDS:
        function = function_word_count(lower, dirs)
        known = sum(vocabulary.get(w, False) for w in lower)
        return function / len(lower) >= ENGLISH_SHARE and known / len(lower) >= ENGLISH_WORDS
    # Fewer lower-case words: a heading in Title Case or a brief dense with names. English's own
    # words are common English or rarer ones (zipf >= 3: "skier") that no source language has
    # among its common words.
    source = _source_common()

    def own(w: str) -> bool:
        return w not in source and (vocabulary.get(w, False) or zipf(w) >= ENGLISH_ZIPF)

    # Half of all its words English's own, three at least, the lower-case ones among them
    # ("Trattoria Tronco - Azabujuban Station/Italian Cuisine", "President Zelenskiy met Sergei
    # Lavrov. Later Zelensky spoke."; not "3 Jahre erweiterter Support für TYPO3").
    # (A heading's small words may be English function words that a source language also has:
    # "ISW: Putin Persists in Subjugating Ukraine".)
    count = sum(map(own, map(str.lower, words)))
    function = [bool(function_word_count([w], dirs)) for w in lower]
    if count >= 3 and 2 * count >= len(words) and all(own(w) or f for w, f in zip(lower, function)):
        return True
    if len(lower) < 2:
        return False
    english_function = any(f and w not in source for w, f in zip(lower, function))  # "at"; not "de", "a"
    foreign = [w for w in lower if not (vocabulary.get(w, False) or own(w))]
    if foreign and not (english_function and 3 * len(foreign) <= len(lower)):
        return False  # ("declined to comment": a French "comment" beside an English "to")
    content = [w for w, f in zip(lower, function) if not f]
    # A function word no source language has ("Stoltenberg meet Kuleba at NATO HQ"), a
    # possessive ("Vietnam's Nguyễn Phú Trọng met ..."), or three content words no source
    # language has among its common ones, a third of all ("Alexei Nikolaev, a Russian skier, won
    # silver."; not two words among a list of labels).
    return (english_function or _POSSESSIVE.search(span) is not None
            or len(content) >= 3 and 3 * len(lower) >= len(words) and not any(w in source for w in content))


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Runs of text ending in stops (or ending the text), with their offsets.

    The matches of ``[^.!?…\\n]+(?:[.!?…]+[”’"»)]*|$)``, a stop before a letter or a digit
    ending none ("6.2-7%"), found in one pass: a run that a line break interrupts yields nothing,
    and is skipped whole instead of retried from each of its characters (which made a long line
    without stops quadratic).

    >>> list(sentences("One. Two\\nthree"))
    [(0, 'One.'), (9, 'three')]
    """
    pos, end = 0, len(text)
    while (run := _RUN.search(text, pos)) is not None:
        start, pos = run.span()
        if stops := _STOPS.match(text, pos):
            pos = stops.end()
            yield start, text[start:pos]
        elif pos == end or (pos == end - 1 and text[pos] == "\n"):
            yield start, text[start:pos]


TABLE_ROW = 8  # words at most in a row of a table
OWN_SHARE = 1 / 3  # of a table's words, the share that must be the language's own to tell it


def _table(span: str) -> bool:
    """Rows of figures: three lines or more, none longer than a table's row, two in three with a
    figure (results, prices, a wire's earnings table)."""
    rows = span.splitlines()
    if len(rows) < 3 or any(len(row.split()) > TABLE_ROW for row in rows):
        return False
    return 3 * sum(any(c.isdigit() for c in row) for row in rows) >= 2 * len(rows)


def _has_own_words(span: str, language: str) -> bool:
    """Whether a third of the words of ``span`` are the language's own: common in it (Zipf 3)
    and more so than in English by ``ENGLISH_OWN`` (wordfreq's Swedish has "one" and "vs",
    picked up from English text). A language wordfreq lacks cannot be checked: True."""
    from wordfreq import available_languages, zipf_frequency

    if language not in available_languages():
        return True
    words = [w.lower() for w in _WORD.findall(span)]
    frequencies = [(zipf_frequency(w, language), zipf_frequency(w, "en")) for w in words]
    own = sum(theirs >= 3 and theirs > english + ENGLISH_OWN for theirs, english in frequencies)
    return own >= OWN_SHARE * len(words)


@check("untranslated-text")
def untranslated_text(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for start, end, unit in _candidates(text, doc.config.rule_dirs):
        span = text[start:end].strip()
        if _FOREIGN_SCRIPT.search(span):
            continue  # reported by foreign-script
        if len(_WORD.findall(_ADDRESSES.sub(" ", span))) < MIN_WORDS:
            continue  # handles, addresses and links ("@user40 https://fedi.example/@user41") are no language
        if _english_around_names(span, doc.config.rule_dirs):
            continue  # (before the detector, which costs a thousand times more)
        language, probability = detect(span)
        if language != "en" and probability >= CONFIDENCE and not (_table(span) and not _has_own_words(span, language)):
            # (a table's names, abbreviations and figures tell no language: "Net 66 mln vs 66.2 mln",
            # "Dinamo Minsk 0 BATE Borisov 3"; its words do: "Dezembro (66)", "Novembro (114)")
            offset = text.index(span, start)
            yield rule.finding(offset, offset + len(span), found=span[:60],
                               detail={"language": language, "probability": probability, "unit": unit},
                               message=f"This {unit} reads as {language} (p={probability}), not English")


@check("foreign-script", triggers=Triggers(patterns=(_ANY_FOREIGN,), non_ascii=True))
def foreign_script(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    if text.isascii() or not _ANY_FOREIGN.search(text):
        return
    for m in _FOREIGN_SCRIPT.finditer(text):
        span = m.group().rstrip(" '’-")
        script = next((name for name, letter in _SCRIPT_LETTERS.items() if letter.match(span)), "non-Latin")
        if _symbol(text, m.start(), span, script):
            continue
        yield rule.finding(m.start(), m.start() + len(span), found=span,
                           detail={"script": script}, message=f"{script} text in an English article: '{span[:40]}'")


def _symbol(text: str, start: int, span: str, script: str) -> bool:
    """A single letter used as a symbol, not as text: a Greek letter of science and maths
    ("β-blockers", "π", "ΔT", "20 μm"), or a letter of another script with no letter beside it
    (the ツ of "¯\\_(ツ)_/¯"). A single Cyrillic letter among Latin ones stays reported: it is
    a look-alike typed into a word ("Zelenskyі")."""
    if len(span) != 1:
        return False
    if script == "Greek":
        return True
    beside = text[start - 1 : start] + text[start + 1 : start + 2]
    return script != "Cyrillic" and not any(c.isalpha() for c in beside)
