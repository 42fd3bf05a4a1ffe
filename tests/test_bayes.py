"""The naive Bayes model both free-text readers fall back on: training and scoring."""

from __future__ import annotations

from bot.core.bayes import NaiveBayes

EXAMPLES = [
    (["w:thanks", "w:again", "w:zanzibar"], "clean"),
    (["w:thanks", "w:again"], "clean"),
    (["w:still", "w:waiting"], "pestering"),
    (["w:still", "w:waiting", "w:again"], "pestering"),
]


def test_every_feature_is_kept_by_default() -> None:
    model = NaiveBayes.train(EXAMPLES, 0.1)
    assert "w:zanzibar" in model.vocabulary


def test_features_fewer_examples_use_are_left_out() -> None:
    model = NaiveBayes.train(EXAMPLES, 0.1, min_count=2)
    assert model.vocabulary == {"w:thanks", "w:again", "w:still", "w:waiting"}
    assert "w:zanzibar" not in model.counts["clean"]
    # a word left out weighs nothing, as if never seen
    assert model.scores(["w:zanzibar", "w:still"]) == model.scores(["w:still"])


def test_scores_favour_the_label_whose_words_are_used() -> None:
    model = NaiveBayes.train(EXAMPLES, 0.1, min_count=2)
    scores = model.scores(["w:still", "w:waiting"])
    assert scores["pestering"] > scores["clean"]


def test_a_label_whose_features_all_go_still_has_a_prior() -> None:
    model = NaiveBayes.train([*EXAMPLES, (["w:unique"], "odd")], 0.1, min_count=2)
    assert set(model.scores(["w:thanks"])) == {"clean", "pestering", "odd"}
