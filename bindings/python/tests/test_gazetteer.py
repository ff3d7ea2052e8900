"""Gazetteers from Python: every way to make one, matches with code point offsets, errors."""

import json
import threading

import pytest

import whosaid
from conftest import ROOT

ENTRIES = [
    {
        "id": "Q159",
        "name": "Russia",
        "label": "GPE",
        "aliases": ["Russian Federation"],
        "demonyms": ["Russian"],
    },
    {
        "id": "person:zakharova",
        "name": "Maria Zakharová",
        "label": "PERSON",
        "aliases": ["Zakharová"],
    },
    {"id": "paris-fr", "name": "Paris", "label": "GPE", "weight": 7.0},
    {"id": "paris-tx", "name": "Paris", "label": "GPE", "weight": 1.0},
    {"id": "org:who", "name": "WHO", "label": "ORG", "case_sensitive": True},
]
TEXT = "«Russia», said Zakharova in Paris. Who knows what the WHO and the Russian Federation think?"


def _found(gaz, text):
    matches = gaz.find(text)
    for m in matches:
        assert text[m.start : m.end] == m.text
        assert text.encode()[m.byte_start : m.byte_end].decode() == m.text
    return [(m.text, m.id, m.label) for m in matches]


def test_from_entries_finds_names_aliases_demonyms_with_offsets():
    gaz = whosaid.Gazetteer.from_entries(ENTRIES)
    assert len(gaz) == 5
    assert _found(gaz, TEXT) == [
        ("Russia", "Q159", "GPE"),
        ("Zakharova", "person:zakharova", "PERSON"),
        ("Paris", "paris-fr", "GPE"),
        ("WHO", "org:who", "ORG"),
        ("Russian Federation", "Q159", "GPE"),
    ]
    paris = gaz.find(TEXT)[2]
    assert paris.candidates == 2 and paris.name == "Paris"
    assert paris.start == 28 and paris.byte_start == 30  # « and » are two bytes each


def test_fold_diacritics_can_be_turned_off():
    gaz = whosaid.Gazetteer.from_entries(ENTRIES, fold_diacritics=False)
    assert [t for t, _, _ in _found(gaz, "Zakharova and Zakharová")] == ["Zakharová"]


def test_files_and_buffers_give_the_same_gazetteer(tmp_path):
    jsonl = "# people\n" + "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in ENTRIES)
    (tmp_path / "g.jsonl").write_text(jsonl, encoding="utf-8")
    expected = _found(whosaid.Gazetteer.from_entries(ENTRIES), TEXT)
    assert _found(whosaid.Gazetteer.from_file(tmp_path / "g.jsonl"), TEXT) == expected
    assert _found(whosaid.Gazetteer.from_jsonl(jsonl), TEXT) == expected

    tsv = "Russia\tGPE\tQ159\tRussian Federation\nParis\tGPE\tparis-fr\n"
    gaz = whosaid.Gazetteer.from_tsv(tsv)
    assert [i for _, i, _ in _found(gaz, TEXT)] == ["Q159", "paris-fr", "Q159"]

    people = ROOT / "bindings" / "c" / "people.tsv"
    both = whosaid.Gazetteer.from_file(people, str(tmp_path / "g.jsonl"))
    assert len(both) == 4 + 5 - 1  # person:zakharova is in both: merged


def test_default_entries_on_request():
    assert len(whosaid.Gazetteer.from_entries([], include_default=True)) > 0
    assert len(whosaid.Gazetteer.from_entries([])) == 0


def test_save_and_load(tmp_path):
    gaz = whosaid.Gazetteer.from_entries(ENTRIES)
    gaz.save(tmp_path / "g.whosaid")
    loaded = whosaid.Gazetteer.load(tmp_path / "g.whosaid")
    assert _found(loaded, TEXT) == _found(gaz, TEXT)
    (tmp_path / "junk").write_bytes(b"Paris\tGPE\tQ90\n")
    with pytest.raises(whosaid.WhosaidError, match="not a compiled whosaid gazetteer") as e:
        whosaid.Gazetteer.load(tmp_path / "junk")
    assert e.value.status == "BAD_COMPILED"
    with pytest.raises(whosaid.WhosaidError) as e:
        gaz.save(tmp_path / "no" / "such" / "dir")
    assert e.value.status == "IO"


def test_bad_files_and_lines_name_the_place(tmp_path):
    with pytest.raises(whosaid.WhosaidError, match="no-such.tsv") as e:
        whosaid.Gazetteer.from_file(tmp_path / "no-such.tsv")
    assert e.value.status == "IO"
    with pytest.raises(whosaid.WhosaidError, match=r"^cities.tsv:2: ") as e:
        whosaid.Gazetteer.from_tsv("Paris\tGPE\tQ90\nLyon\tGPE\n", name="cities.tsv")
    assert e.value.status == "GAZETTEER"
    with pytest.raises(whosaid.WhosaidError, match=r"^<jsonl>:1: "):
        whosaid.Gazetteer.from_jsonl('{"id": "x"}')


@pytest.mark.parametrize(
    "entry, error, message",
    [
        ("Paris", TypeError, r"entries\[0\] must be a dict"),
        ({"id": "x", "name": "X"}, ValueError, r"entries\[0\] lacks label"),
        ({"id": "x", "name": "X", "label": "L", "alias": []}, ValueError, "unknown keys: alias"),
        ({"id": "x", "name": "X", "label": "L", "aliases": "Y"}, TypeError, "list of str"),
        ({"id": "x", "name": "X", "label": "L", "case_sensitive": 1}, TypeError, "None, True"),
        ({"id": b"x", "name": "X", "label": "L"}, TypeError, r"\['id'\] must be str"),
        ({"id": "", "name": "X", "label": "L"}, whosaid.WhosaidError, "empty id"),
    ],
)
def test_bad_entries(entry, error, message):
    with pytest.raises(error, match=message):
        whosaid.Gazetteer.from_entries([entry])


def test_paths_must_be_text():
    with pytest.raises(TypeError, match="path must be str"):
        whosaid.Gazetteer.load(b"/tmp/g.whosaid")
    with pytest.raises(TypeError):
        whosaid.Gazetteer()


def test_one_gazetteer_many_threads():
    gaz = whosaid.Gazetteer.from_entries(ENTRIES)
    expected = _found(gaz, TEXT)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(_found(gaz, TEXT * 50)[:5]))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def _entities(doc):
    for e in doc.entities:
        assert doc.text[e.start : e.end] == e.text
    return [(e.text, e.id, e.label, e.canonical, e.source) for e in doc.entities]


def test_pipeline_with_gazetteers():
    gaz = whosaid.Gazetteer.from_entries(ENTRIES)
    only_mine = whosaid.Pipeline(gazetteers=[gaz], default_gazetteer=False, names=False)
    text = "Zakharova spoke in Paris, not in Moscow."
    assert _entities(only_mine.analyze(text))[:2] == [
        ("Zakharova", "person:zakharova", "PERSON", "Maria Zakharová", "gazetteer"),
        ("Paris", "paris-fr", "GPE", "Paris", "gazetteer"),
    ]
    paris = only_mine.analyze(text).entities[1]
    assert paris.candidates == ["paris-fr", "paris-tx"]
    assert "Moscow" not in [e[0] for e in _entities(only_mine.analyze(text))]
    with_default = whosaid.Pipeline(gazetteers=[gaz])
    assert "Moscow" in [e[0] for e in _entities(with_default.analyze(text))]


def test_earlier_gazetteers_win_and_are_shared():
    import gc

    first = whosaid.Gazetteer.from_tsv("Paris\tGPE\tfirst\n")
    second = whosaid.Gazetteer.from_tsv("Paris\tGPE\tsecond\n")
    pipeline = whosaid.Pipeline([first, second], default_gazetteer=False)
    del first, second
    gc.collect()  # the pipeline keeps what it needs
    assert [e.id for e in pipeline.analyze("Paris.").entities] == ["first"]


def test_pipeline_gazetteers_must_be_gazetteers():
    with pytest.raises(TypeError, match=r"gazetteers\[0\] must be a Gazetteer, not str"):
        whosaid.Pipeline(gazetteers=["people.tsv"])
