"""One pipeline serves many threads; analyze_many keeps order and matches analyze."""

import threading
import time

import pytest


def _texts(article):
    return [f"Item {i}. {article[: 200 + 37 * i]}" for i in range(40)] + ["", "Ünïcödé 🙂 text."]


def _summary(doc):
    return doc.to_json(tokens=True)


@pytest.mark.parametrize("threads", [1, 2, 3, 64, None])
def test_analyze_many_matches_analyze(pipeline, article, threads):
    texts = _texts(article)
    expected = [_summary(pipeline.analyze(t)) for t in texts]
    docs = pipeline.analyze_many(texts, threads=threads)
    assert [d.text for d in docs] == texts
    assert [_summary(d) for d in docs] == expected


def test_analyze_many_accepts_any_iterable_and_empty(pipeline):
    assert pipeline.analyze_many([]) == []
    docs = pipeline.analyze_many((t for t in ["Bob left.", "Bob left. Cat came."]), threads=2)
    assert [len(d.sentences) for d in docs] == [1, 2]


def test_shared_pipeline_from_many_threads(pipeline, article):
    texts = _texts(article)
    expected = [_summary(pipeline.analyze(t)) for t in texts]
    failures = []

    def worker(k):
        for i in range(k, len(texts), 4):
            if _summary(pipeline.analyze(texts[i])) != expected[i]:
                failures.append(i)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_the_gil_is_released_while_the_library_works(pipeline):
    """Python code keeps running while another thread is inside `analyze`. Were the GIL
    held, this thread would wake from `inside.wait()` only once the call had returned, and
    would count almost nothing before `done` (checked with a GIL-holding `sum(range(..))`)."""
    big = "Mr. Smith said the plan, which was new, would work. " * 40000
    inside = threading.Event()
    done = threading.Event()

    def work():
        inside.set()
        pipeline.analyze(big)
        done.set()

    def spin(stop):
        n = 0
        while not stop():
            n += 1
        return n

    start = time.perf_counter()
    solo = spin(lambda: time.perf_counter() - start > 0.05)  # iterations in 50 ms alone
    worker = threading.Thread(target=work)
    worker.start()
    inside.wait()
    start = time.perf_counter()
    during = spin(done.is_set)
    seconds = time.perf_counter() - start
    worker.join()
    assert seconds > 0.05, "this thread could not run while the other was in the library"
    assert during / seconds > 0.1 * solo / 0.05, "this thread ran slowly during the call"
