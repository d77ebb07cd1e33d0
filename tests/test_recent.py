"""The store of recent results (kit/recent.py)."""

from __future__ import annotations

from kit.recent import Recent


def test_a_kept_key_is_not_built_again_and_the_oldest_is_dropped():
    built = []
    store = Recent(kept=2)

    def build(key):
        built.append(key)
        return key * 10

    for key in (1, 2, 1, 3, 2, 1):
        assert store.get(key, lambda key=key: build(key)) == key * 10
    # 1 and 2 built once; 3 pushes out 2 (1 was used more recently); 2 again pushes out 1.
    assert built == [1, 2, 3, 2, 1]
    assert store.keys() == [2, 1]


def test_clear_forgets_everything():
    store = Recent(kept=3)
    store.get("a", lambda: 1)
    store.clear()
    assert store.keys() == [] and store.get("a", lambda: 2) == 2


def test_a_budget_drops_the_oldest_until_the_kept_results_fit_and_keeps_the_newest_however_heavy():
    store = Recent(kept=10, weigh=len, budget=6)
    for word in ("ab", "cd", "ef"):
        store.get(word, lambda word=word: word)
    assert store.keys() == ["ab", "cd", "ef"]  # 2 + 2 + 2 fit in 6
    store.get("ghij", lambda: "ghij")
    assert store.keys() == ["ef", "ghij"]  # the two oldest went, the rest fits
    store.get("x" * 50, lambda: "x" * 50)
    assert store.keys() == ["x" * 50]  # heavier than the budget on its own, but the newest stays
