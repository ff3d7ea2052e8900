"""Bad input from Python gives a clear exception, never a crash."""

import pytest

import whosaid


@pytest.mark.parametrize("bad", [b"bytes are not text", None, 42, ["a list"]])
def test_non_str_is_a_type_error(pipeline, bad):
    with pytest.raises(TypeError, match="text must be str, not"):
        pipeline.analyze(bad)
    with pytest.raises(TypeError, match="text must be str"):
        pipeline.analyze_json(bad)


def test_lone_surrogate_is_a_value_error(pipeline):
    text = "abc" + "\udc80" + "def"  # what surrogateescape makes of a stray byte
    with pytest.raises(ValueError, match="lone surrogate '\\\\udc80' at index 3"):
        pipeline.analyze(text)


def test_analyze_many_names_the_bad_item(pipeline):
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not bytes"):
        pipeline.analyze_many(["fine", b"bad"], threads=2)
    with pytest.raises(ValueError, match=r"texts\[0\] cannot be encoded"):
        pipeline.analyze_many(["\ud800"])


@pytest.mark.parametrize("threads", [0, -1, 1.5, "2"])
def test_bad_thread_counts(pipeline, threads):
    with pytest.raises((ValueError, TypeError)):
        pipeline.analyze_many(["a", "b"], threads=threads)


def test_name_must_be_str(pipeline):
    doc = pipeline.analyze("x")
    with pytest.raises(TypeError, match="name must be str"):
        doc.to_json(name=None)


def test_library_errors_carry_message_and_status():
    err = whosaid.WhosaidError("file.tsv:3: missing label", "GAZETTEER")
    assert str(err) == "file.tsv:3: missing label" and err.status == "GAZETTEER"
    assert issubclass(whosaid.WhosaidError, Exception)
