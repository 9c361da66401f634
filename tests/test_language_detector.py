"""The language detector behind untranslated-text gives langdetect's own results, to the bit.

It keeps the 55 language probabilities in numpy arrays instead of Python lists (most of a
detection was the loop over them); the random draws, the order of every addition and the
results must stay exactly langdetect's.
"""

from __future__ import annotations

import json

from langdetect import DetectorFactory
from langdetect import detector_factory as plain
from langdetect.lang_detect_exception import LangDetectException

from cleanup.stages import language
from conftest import DATA


def _detect(factory, text):
    detector = factory.create()
    detector.append(text)
    try:
        return [(found.lang, found.prob, type(found.prob)) for found in detector.get_probabilities()]
    except LangDetectException as error:
        return str(error)


def test_the_vector_detector_gives_langdetects_probabilities():
    texts = ["", "12 345", "Kyiv", "Le président a déclaré que les négociations continueront."]
    for path in sorted((DATA / "mlqe-pe").glob("*.jsonl")):  # sources and translations, 6 languages
        with path.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line, _ in zip(handle, range(12))]
        texts += [record[key][:200] for record in records for key in ("src", "mt")]
    DetectorFactory.seed = 0
    plain.init_factory()
    fast = language._fast_factory()
    fast.langlist, fast.word_lang_prob_map = plain._factory.langlist, plain._factory.word_lang_prob_map
    results = [_detect(fast, text) for text in texts]
    assert results == [_detect(plain._factory, text) for text in texts]
    assert {type(result) for result in results} == {list, str}  # texts with features and without
    assert len({result[0][0] for result in results if isinstance(result, list)}) >= 5  # languages told apart


def test_a_process_detects_with_arrays_once_numpy_pays_for_itself(monkeypatch):
    """The first detections use langdetect's own detector (no numpy import for one article);
    from ``VECTOR_AFTER`` on, the array detector, with the same results."""
    language._load_profiles()
    current = plain._factory
    start = plain.DetectorFactory()
    start.langlist, start.word_lang_prob_map = current.langlist, current.word_lang_prob_map
    monkeypatch.setattr(plain, "_factory", start)
    monkeypatch.setattr(language, "_DETECTIONS", [0])
    monkeypatch.setattr(language, "VECTOR_AFTER", 3)
    language.detect.cache_clear()
    texts = [f"Le président a déclaré que les négociations continueront, jour {i}." for i in range(5)]
    found = [language.detect(text) for text in texts[:2]]
    assert type(plain._factory) is plain.DetectorFactory
    found += [language.detect(text) for text in texts[2:]]
    assert type(plain._factory) is not plain.DetectorFactory  # switched at the third
    language.detect.cache_clear()
    monkeypatch.setattr(plain, "_factory", start)
    monkeypatch.setattr(language, "_DETECTIONS", [-100])
    assert [language.detect(text) for text in texts] == found  # langdetect's own, all along
    language.detect.cache_clear()
