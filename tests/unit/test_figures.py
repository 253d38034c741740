from etl.extract.figures import extract
from etl.extract.periods import Published

PUB = Published.parse("2023-12-06")


def test_rounded_headline_repeat_links_to_the_exact_figure():
    text = ("AliExpress Removed 970,000 Fakes\n"
            "In the past two months, we have removed 977,151 counterfeit products.")
    figures = extract(text, "en", PUB, "s").figures
    headline, body = figures
    assert headline.repeat_of == body.figure_no and body.repeat_of is None


def test_same_value_repeated_is_one_fact():
    text = "Meer dan tienduizend winkels bieden iets aan.\nMet ruim tienduizend winkels groeit het."
    figures = extract(text, "nl", Published.parse("2017-09"), "s").figures
    assert figures[1].repeat_of == figures[0].figure_no


def test_headline_and_body_conflict_is_recorded_not_resolved():
    text = ("100 Billion Won Investment to Eradicate Counterfeit Issues\n"
            "It will invest 10 billion KRW to eradicate counterfeit products.")
    ex = extract(text, "en", PUB, "s")
    assert [f.metric for f in ex.figures] == ["anti_counterfeit_budget"] * 2
    assert len(ex.conflicts) == 1
    assert {ex.conflicts[0].figure_a, ex.conflicts[0].figure_b} == {"s#1", "s#2"}


def test_before_and_after_in_one_sentence_is_not_a_conflict():
    text = "Delivery used to take 1 to 2 weeks, now 3 to 5 days."
    assert extract(text, "en", PUB, "s").conflicts == []


def test_different_quarters_do_not_conflict():
    text = ("It processed about 3.5 million boxes in the first quarter.\n"
            "It processed over 9 million boxes in the third quarter.")
    ex = extract(text, "en", PUB, "s")
    assert [f.period.surface for f in ex.figures] == ["in the first quarter",
                                                      "in the third quarter"]
    assert ex.conflicts == []


def test_every_number_is_a_figure_or_a_skip():
    text = "On the 6th, in 2023, we removed 5,000 listings in the past two months (#12)."
    ex = extract(text, "en", PUB, "s")
    assert [f.quantity.surface for f in ex.figures] == ["5,000"]
    assert {q.surface for q, _ in ex.skipped} == {"6", "2023", "two months", "12"}
