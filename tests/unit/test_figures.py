import datetime as dt

import pytest

from etl.evaluation.corpus import load_corpus
from etl.extract.figures import _neighbours, extract
from etl.extract.periods import Published
from etl.paths import ROOT

PUB = Published.parse("2023-12-06")


def _windows(figures) -> dict:
    """Each figure's window as (start, end) by its surface, None when it has none."""
    return {f.quantity.surface: (f.period.start, f.period.end) if f.period else None
            for f in figures}


def test_rounded_headline_repeat_links_to_the_exact_figure():
    text = ("AliExpress Removed 970,000 Fakes\n"
            "In the past two months, we have removed 977,151 counterfeit products.")
    figures = extract(text, "en", PUB, "s").figures
    headline, body = figures
    assert headline.repeat_of == body.figure_no and body.repeat_of is None


def test_same_value_repeated_is_one_fact():
    text = ("Op het platform zijn meer dan tienduizend winkels actief.\n"
            "Het platform telt ruim tienduizend winkels.")
    figures = extract(text, "nl", Published.parse("2017-09"), "s").figures
    assert figures[1].repeat_of == figures[0].figure_no


def test_headline_and_body_conflict_is_recorded_not_resolved():
    text = ("100 Billion Won Investment to Eradicate Counterfeit Issues\n"
            "It will invest 10 billion KRW to eradicate counterfeit products.")
    ex = extract(text, "en", PUB, "s")
    assert [f.metric for f in ex.figures] == ["anti_counterfeit_budget"] * 2
    assert len(ex.conflicts) == 1
    assert {ex.conflicts[0].figure_a, ex.conflicts[0].figure_b} == {"s#1", "s#2"}


def test_weights_compare_in_kilograms():
    """A headline's tonnes against its body's kilograms: the same weight, or a conflict."""
    same = extract("Customs destroyed 55 tonnes of fake bags\n"
                   "Officers destroyed 55,000 kg of fake bags.", "en", PUB, "s")
    assert [f.metric for f in same.figures] == ["seized_items"] * 2 and same.conflicts == []
    rival = extract("Customs destroyed 55 tonnes of fake bags\n"
                    "Officers destroyed 40,000 kg of fake bags.", "en", PUB, "s")
    assert len(rival.conflicts) == 1


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


def test_a_year_stated_earlier_in_the_paragraph_carries_over():
    text = ("In 2023 customs seized 1.2 million fake items. They also intercepted 3,400 "
            "parcels.\n\nThe platform has 30 million users.")
    figures = extract(text, "en", Published.parse("2024-03-01"), "s").figures
    periods = [(f.quantity.surface, f.period.start.isoformat() if f.period else None)
               for f in figures]
    assert periods == [("1.2 million", "2023-01-01"), ("3,400", "2023-01-01"),
                       ("30 million", None)]  # a stock takes no window from elsewhere


def test_a_change_states_each_value_for_its_own_window():
    text = "Fake goods seized rose from 2.97 million in 2019 to 6.13 million in 2022."
    before, after = extract(text, "en", Published.parse("2023-05-01"), "s").figures
    assert (before.link, after.link, after.linked_to) == ("before", "after", before.figure_no)
    assert before.period.start.year == 2019 and after.period.start.year == 2022
    assert before.metric == after.metric == "seized_items"


def test_a_list_shares_the_window_after_it_but_a_comparison_does_not():
    pub = Published.parse("2025-02-01")
    listed = extract("Officers destroyed 55 tonnes of fake bags and 2,030 boxes of cosmetics "
                     "in 2024.", "en", pub, "s").figures
    assert [f.period.start.year for f in listed] == [2024, 2024]
    compared = extract("Customs seized 227,000 packs, twice as many as the 94,000 packs "
                       "seized in 2023.", "en", pub, "s").figures
    assert compared[0].period is None or compared[0].period.start.year != 2023


def test_a_decision_takes_its_day_and_a_law_its_maximum_none():
    pub = Published.parse("2012-02-17")  # a Friday
    ordered = extract("On Thursday the judge ordered him to pay $210,738 in restitution.", "en",
                      pub, "s").figures
    assert [(f.metric, f.period.start) for f in ordered] == [
        ("fines_penalties", dt.date(2012, 2, 16))]
    law = extract("In 2012 the law was changed: anyone selling fakes faces up to five years in "
                  "prison.", "en", pub, "s").figures
    assert law[0].metric == "prison_sentence" and law[0].period is None
    announced = extract("Customs said on Thursday it had seized 82,320 fake shirts.", "en", pub,
                        "s").figures
    assert announced[0].period is None  # the weekday dates the announcement


def test_down_from_reaches_back_across_a_long_clause_but_not_a_sentence():
    pub = Published.parse("2021-02-12")
    text = ("CBP and HSI seized 26,503 shipments containing goods that infringed intellectual "
            "property rights in fiscal year 2020, down from 27,599 a year earlier.")
    after, before = extract(text, "en", pub, "s").figures
    assert (after.link, before.link, after.linked_to) == ("after", "before", before.figure_no)
    assert after.metric == before.metric == "enforcement_cases"  # the shipments decide both
    apart = extract("CBP seized 26,503 shipments in 2020. Imports were down from 27,599.", "en",
                    pub, "s").figures
    assert [f.link for f in apart] == [None, None]


def test_a_korean_sentence_ends_before_a_digit():
    text = "적발 건수는 1만건에 달했다. 2011년에는 5천건이었다."
    ex = extract(text, "ko", Published.parse("2012-03-01"), "s")
    assert len(ex.sentences) == 2
    assert [f.period.start.year if f.period else None for f in ex.figures] == [None, 2011]


def _calls(text, language):
    import cProfile
    import pstats
    profile = cProfile.Profile()
    profile.runcall(extract, text, language, Published.parse("2024-03-01"), "s")
    return pstats.Stats(profile).total_calls


def test_extraction_work_is_linear_in_the_number_of_figures():
    """Counted in function calls (deterministic), not seconds: twice the numbers, at most a
    little over twice the work. A quadratic step would make it four times."""
    unit = "Customs seized {} fake bags in 2023 and police arrested {} suspects. "
    small = "".join(unit.format(i * 7 + 11, i + 2) for i in range(400))
    large = "".join(unit.format(i * 7 + 11, i + 2) for i in range(800))
    extract(small[:2000], "en", Published.parse("2024-03-01"), "warm-up")  # caches, imports
    assert _calls(large, "en") / _calls(small, "en") < 2.3


def test_each_figures_neighbours_skip_other_asides_only():
    a, b = (10, 20), (30, 40)  # two asides of one sentence
    before, after = _neighbours([None, a, a, b, None, b])
    assert before == [None, 0, 1, 0, 0, 4]
    assert after == [4, 2, 4, 4, None, None]


def test_a_calendar_year_named_elsewhere_is_not_the_past_year():
    """"최근 1년 동안" in an article that names 2015 is the year before publication: a single
    calendar year is not a named range of twelve months."""
    text = ("회사는 2015년 설립됐다.\n\n회사는 최근 1년 동안 위조 의심 상품 1070만개를 퇴출했다고 "
            "밝혔다.")
    figures = extract(text, "ko", Published.parse("2018-08-23"), "t").figures
    removed = next(f for f in figures if f.quantity.value == 10_700_000)
    assert (removed.period.start, removed.period.end) == (dt.date(2017, 8, 23),
                                                          dt.date(2018, 8, 23))


def test_a_comparisons_base_before_a_figure_is_not_its_window():
    text = ("In 2019 customs took 80,000 fake watches, 150% more than in 2018, and the group "
            "had 2,400 websites taken down.")
    sites = next(f for f in extract(text, "en", PUB, "s").figures
                 if f.quantity.surface == "2,400")
    assert (sites.period.start, sites.period.end) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))


def test_a_base_followed_by_a_clause_of_its_time_dates_that_clause():
    text = ("Dat is 30 procent meer dan in 2021, toen de douane 12.000 pakjes tegenhield.")
    parcels = next(f for f in extract(text, "nl", PUB, "s").figures
                   if f.quantity.surface == "12.000")
    assert (parcels.period.start, parcels.period.end) == (dt.date(2021, 1, 1),
                                                          dt.date(2021, 12, 31))


def test_a_changes_shared_window_belongs_to_one_value_and_the_other_takes_the_next():
    """A window before or after both values is the statement's, the later value's; one
    standing between them is the first value's."""
    pub = Published.parse("2022-03-01")
    later, earlier = extract("Dubai Customs took 63 cases to court last year, up from 34.",
                             "en", pub, "s").figures
    assert (later.link, earlier.link) == ("after", "before")
    assert (later.period.start, earlier.period.start) == (dt.date(2021, 1, 1),
                                                          dt.date(2020, 1, 1))
    assert earlier.period.end == dt.date(2020, 12, 31)
    before, after = extract("Blocked attempts fell from over 6 million in 2020 to more than "
                            "2.5 million.", "en", pub, "s").figures
    assert (before.period.start, after.period.start) == (dt.date(2020, 1, 1),
                                                         dt.date(2021, 1, 1))
    halves = extract("Dat aantal steeg in de tweede helft van 2020 met 10 procent, van 173.592 "
                     "naar 191.013.", "nl", pub, "s").figures
    old, new = (f for f in halves if f.link in ("before", "after"))
    assert (old.period.start, old.period.end) == (dt.date(2020, 1, 1), dt.date(2020, 6, 30))
    assert (new.period.start, new.period.end) == (dt.date(2020, 7, 1), dt.date(2020, 12, 31))


def test_a_paragraphs_event_day_dates_what_was_found_that_day():
    text = ("Op 30 januari doorzocht de FIOD panden in Groningen. Daarbij werden zes mensen "
            "aangehouden.\n\nHet bedrijf heeft 40 medewerkers.")
    figures = extract(text, "nl", Published.parse("2024-02-02"), "s").figures
    arrested = next(f for f in figures if f.quantity.surface == "zes")
    assert arrested.metric == "enforcement_cases"
    assert (arrested.period.start, arrested.period.end) == (dt.date(2024, 1, 30),
                                                            dt.date(2024, 1, 30))
    staff = next(f for f in figures if f.quantity.surface == "40")
    assert staff.period is None  # another paragraph: the day does not reach it


def test_a_window_with_no_neighbour_of_its_kind_stays_shared():
    """"So far this year" has no like window before it: neither value is moved."""
    text = "Customs seized 500 fake watches so far this year, up from 300."
    figures = extract(text, "en", Published.parse("2022-06"), "s").figures
    assert figures[0].period is not None
    assert {(f.period.start, f.period.end) for f in figures} == {(figures[0].period.start,
                                                                  figures[0].period.end)}


def test_a_day_ahead_of_publication_does_not_date_what_was_found():
    text = ("Op 30 januari doorzocht de FIOD panden. Vanaf 1 juli moeten kopers betalen. "
            "Daarbij werden zes mensen aangehouden.\n\nDe politie hield later 12 verdachten "
            "aan.")
    figures = extract(text, "nl", Published.parse("2024-02-02"), "s").figures
    arrested = next(f for f in figures if f.quantity.surface == "zes")
    assert (arrested.period.start, arrested.period.end) == (dt.date(2024, 1, 30),
                                                            dt.date(2024, 1, 30))
    later = next(f for f in figures if f.quantity.surface == "12")
    assert later.metric == "enforcement_cases" and later.period is None  # another paragraph


def test_a_decision_takes_no_day_from_an_earlier_sentence():
    text = ("Op 30 januari doorzocht de FIOD panden. De rechter legde de eigenaar een boete "
            "van 5.000 euro op.")
    fine = extract(text, "nl", Published.parse("2024-02-02"), "s").figures[-1]
    assert fine.metric == "fines_penalties" and fine.period is None


@pytest.mark.parametrize("text,language,number", [
    ("Customs seized 500 bags in 2019. In July that year police arrested 12 people.", "en",
     "12"),
    ("In maart 2019 vond de politie 500 tassen. In juli van dat jaar nam de FIOD er nog 12 "
     "in beslag.", "nl", "12"),
    ("2019년 3월 세관이 가방 500개를 적발했다. 경찰은 그해 7월 12명을 붙잡았다.", "ko",
     "12명"),
])
def test_a_month_of_that_year_is_in_the_year_last_named(text, language, number):
    figures = extract(text, language, Published.parse("2021-01-25"), "s").figures
    later = next(f for f in figures if f.quantity.surface == number)
    assert (later.period.start, later.period.end) == (dt.date(2019, 7, 1),
                                                      dt.date(2019, 7, 31))


def test_a_korean_month_before_an_amount_is_still_a_month():
    text = "경찰은 지난해 12월 20억원대 위조품을 거래한 일당 4명을 붙잡았다."
    figures = extract(text, "ko", Published.parse("2021-01-25"), "s").figures
    assert [(f.quantity.surface, f.period.start) for f in figures] == [
        ("20억원", dt.date(2020, 12, 1)), ("4명", dt.date(2020, 12, 1))]


def test_a_reports_window_in_the_lead_dates_its_figures_in_every_paragraph():
    text = ("Platform cleans up its marketplace\n\n"
            "In the second half of 2023 the platform removed 4,100,000 listings of fakes. "
            "The figures are in its half-yearly transparency report.\n\n"
            "Its own systems found 97.5 percent of them. It also closed 12,000 stores.\n\n"
            "The platform has 30 million users.")
    figures = extract(text, "en", Published.parse("2024-03-01"), "s").figures
    windows = _windows(figures)
    half = (dt.date(2023, 7, 1), dt.date(2023, 12, 31))
    assert windows == {"4,100,000": half, "97.5 percent": half, "12,000": half,
                       "30 million": None}  # a stock takes no window from elsewhere


@pytest.mark.parametrize("ending,dated", [
    ("It also closed 12,000 stores, the report said.", True),
    ("According to the report, it also closed 12,000 stores.", True),
    ("The report said it also closed 12,000 stores.", True),
    ("It also closed 12,000 stores.", False)])
def test_a_report_cited_in_any_paragraph_gives_the_leads_window(ending, dated):
    text = ("In fiscal 2012 customs made 22,848 seizures of fakes.\n\n"
            "Watches made up 15 percent of them.\n\n" + ending)
    figures = extract(text, "en", Published.parse("2013-01-10"), "s").figures
    fiscal = (dt.date(2011, 10, 1), dt.date(2012, 9, 30))
    assert _windows(figures) == {"22,848": fiscal, "15 percent": fiscal if dated else None,
                                 "12,000": fiscal if dated else None}


def test_a_first_window_tied_to_no_report_stays_in_its_paragraph():
    text = ("In 2023 the platform removed 4,100,000 listings of fakes.\n\n"
            "It also closed 12,000 stores.")
    figures = extract(text, "en", Published.parse("2024-03-01"), "s").figures
    assert [f.period is None for f in figures] == [False, True]


@pytest.mark.parametrize("text", [
    # in the next paragraph, after the article's first window
    "The fund holds €1 billion for 2021 to 2027.\n\nIn 2019 customs made 90,000 seizures."
    "\n\nThat year cigarettes made up 21.3% of the goods detained.",
    # in the same paragraph, after a comparison's base
    "In 2019 customs made 90,000 seizures, 20% more than in 2018. That year cigarettes made "
    "up 21.3% of the goods detained.",
])
def test_that_year_is_the_last_year_named_not_a_comparisons_base(text):
    figures = extract(text, "en", Published.parse("2021-06-24"), "s").figures
    share = next(f for f in figures if f.quantity.surface == "21.3%")
    assert (share.period.start, share.period.end) == (dt.date(2019, 1, 1),
                                                      dt.date(2019, 12, 31))


@pytest.mark.parametrize("text,start", [
    # the start the sentence gives ("launched in ...")
    ("By June 2016 the unit, launched in September 2013, had arrested 60 people.",
     dt.date(2013, 9, 1)),
    # the last window named before it
    ("The pair opened a shop online in October 2012. By March 2013 they had sold 787 "
     "watches.", dt.date(2012, 10, 1)),
])
def test_by_a_month_is_a_running_total_from_where_it_began(text, start):
    figures = extract(text, "en", Published.parse("2017-02-23"), "s").figures
    total = figures[-1]
    assert total.period.start == start and total.period.end.day in (30, 31)


def test_a_dutch_clause_ending_in_op_or_al_ends_its_sentence():
    text = ("Temu gaf in september vorig jaar zelf 92 miljoen gebruikers op. In oktober vorig "
            "jaar opende Brussel een onderzoek.")
    users = extract(text, "nl", Published.parse("2025-07-28"), "s").figures[0]
    assert (users.period.start, users.period.end) == (dt.date(2024, 9, 1),
                                                      dt.date(2024, 9, 30))


def test_et_al_is_still_an_abbreviation():
    from etl.extract.sentences import split_sentences
    assert len(split_sentences("Smith et al. Found 40 fakes in 2019.")) == 1


@pytest.mark.parametrize("text,language,number,year", [
    ("In 2016 hield de douane 41 miljoen nepartikelen tegen, een jaar later 31 miljoen.",
     "nl", "31 miljoen", 2017),
    # after "and" a window is the next value's
    ("In 2021 kwamen er 172 miljoen pakketjes binnen, een jaar later 341 miljoen en in 2023 "
     "al 718 miljoen.", "nl", "341 miljoen", 2022),
    ("Customs seized 5,000 fakes in 2018 and the following year 7,000.", "en", "7,000", 2019),
])
def test_a_year_later_is_the_year_after_the_one_named(text, language, number, year):
    figures = extract(text, language, Published.parse("2025-03-20"), "s").figures
    later = next(f for f in figures if f.quantity.surface == number)
    assert (later.period.start, later.period.end) == (dt.date(year, 1, 1),
                                                      dt.date(year, 12, 31))


def test_shares_that_break_down_a_seizure_take_its_window():
    text = ("특허청은 지난 1월 20일 창고를 덮쳐 위조품 2만2000점을 압수했다. "
            "품목별로는 지갑이 36.9%, 가방이 26.7%였다. 재고의 5%는 팔렸다.")
    figures = extract(text, "ko", Published.parse("2016-03-31"), "s").figures
    by_value = {f.quantity.surface: f for f in figures}
    for share in ("36.9%", "26.7%"):
        assert (by_value[share].period.start, by_value[share].period.end) == (
            dt.date(2016, 1, 20), dt.date(2016, 1, 20))
    assert by_value["5%"].period is None  # one share alone breaks nothing down


def test_the_window_of_a_changes_earlier_value_is_not_the_next_figures():
    text = ("Last year the company blocked 800,000 attempts to open accounts, down from 2.5 "
            "million in 2021, and seized 6 million counterfeit products.")
    figures = extract(text, "en", Published.parse("2023-10-04"), "s").figures
    by_value = {f.quantity.surface: f for f in figures}
    assert by_value["2.5 million"].period.start == dt.date(2021, 1, 1)
    assert (by_value["6 million"].period.start, by_value["6 million"].period.end) == (
        dt.date(2022, 1, 1), dt.date(2022, 12, 31))


@pytest.mark.parametrize("text,number", [
    ("특허청은 올해 10만건 이상의 위조상품 게시물을 단속한다는 목표다.", "10만건"),
    # a change of a budget is of the budget's year
    ("지원사업 예산은 지난해 15억원에서 올해 19억7000만원으로 31.4% 늘었다.", "31.4%"),
])
def test_a_target_or_a_budget_this_year_is_the_whole_year(text, number):
    # the window of what the rules read as a budget (the learned second opinion reads this
    # programme's budget, out of its article, as `other`)
    figures = extract(text, "ko", Published.parse("2019-11-28"), "s", reader=None).figures
    aimed = next(f for f in figures if f.quantity.surface.startswith(number))
    assert (aimed.period.start, aimed.period.end) == (dt.date(2019, 1, 1),
                                                      dt.date(2019, 12, 31))


def test_a_korean_breakdown_in_the_next_paragraph_continues_the_count_it_breaks_down():
    text = ("오픈마켓 위조 의심 상품 점검 결과\n\n"
            "오픈마켓 세 곳에서 판매가 중지된 위조 의심 상품은 모두 5120건이다.\n\n"
            "업체별로는 A몰이 3100건으로 가장 많았고 B몰 1400건, C몰 620건 순이었다.")
    figures = extract(text, "ko", Published.parse("2024-05-02"), "s").figures
    by_value = {f.quantity.surface: f.metric for f in figures}
    assert by_value["5120건"] == "removed_listings"
    assert [by_value[n] for n in ("3100건", "1400건", "620건")] == ["removed_listings"] * 3


@pytest.mark.parametrize("text,language,published", [
    ("경찰은 상인 9명을 입건하고 위조 가방 410점을 압수했다.\n\n"
     "단속반은 3월 4일부터 30일 동안 시장 20곳을 돌았다.", "ko", "2024-04-20"),
    ("Police charged 9 traders and seized 410 fake bags.\n\n"
     "Officers visited 20 markets for 30 days from 4 March.", "en", "2024-04-20"),
])
def test_an_operation_dates_what_it_found_even_when_told_first(text, language, published):
    figures = extract(text, language, Published.parse(published), "s").figures
    seized = next(f for f in figures if f.quantity.surface.startswith("410"))
    assert (seized.period.start, seized.period.end) == (dt.date(2024, 3, 4),
                                                        dt.date(2024, 4, 2))


def test_so_far_this_year_does_not_date_what_was_told_before_it():
    text = ("The platform said it had removed 52,000 fake listings.\n\n"
            "So far this year, between 2 January and 30 March, sellers filed 300 appeals.")
    figures = extract(text, "en", Published.parse("2024-04-20"), "s").figures
    removed = next(f for f in figures if f.quantity.surface == "52,000")
    assert removed.period is None


def test_evolve_is_dataclasses_replace():
    """The extractor's cheap copy of its frozen records is the same record as replace's."""
    import dataclasses

    from etl.extract.records import evolve
    result = extract("Customs seized 1,234 fake bags worth €2.5 million in 2023, up from 900 "
                     "the year before.", "en", Published.parse("2024-03-01"), "x")
    f = result.figures[0]
    for record, changes in ((f, {"period": None, "metric": "other"}),
                            (f.quantity, {"value": 7.0, "kind": "rank"}),
                            (result.periods[0], {"role": "span"})):
        copy = evolve(record, **changes)
        assert copy == dataclasses.replace(record, **changes) and copy is not record
        assert hash(copy) == hash(dataclasses.replace(record, **changes))
    with pytest.raises(TypeError, match="no field colour"):
        evolve(f, colour="red")


def test_an_article_without_a_publication_date_is_still_read():
    # a user's unregistered file has no date: it changes windows ("since May" stays open),
    # never which numbers are figures or what they measure
    corpus = load_corpus([ROOT / "seeds" / "eval"])
    for a in corpus.articles:
        undated = extract(a.text, a.language, None, a.stem).figures
        dated = extract(a.text, a.language, Published.parse(a.published), a.stem).figures
        assert [(f.quantity.char_start, f.metric) for f in undated] == \
            [(f.quantity.char_start, f.metric) for f in dated], a.stem


def test_a_headline_figure_nothing_places_measures_what_the_body_says_it_does():
    text = ("Airport bags: 20 billion won\n\n"
            "Customs seized 2,253 watches from the travellers' bags. Valued at the price of "
            "the genuine watches, the goods came to 20 billion won.")
    headline, _, body = extract(text, "en", PUB, "s").figures
    assert body.metric == "seized_value" and headline.metric == "seized_value"
    assert headline.cue.startswith("(restates")


def test_a_value_read_two_ways_elsewhere_places_nothing():
    text = ("Twelve years on, 5,000 stay\n\n"
            "Customs seized 5,000 bags in March. The platform removed 5,000 listings in May. "
            "It says 5,000 remain.")
    headline = extract(text, "en", PUB, "s").figures[1]  # the first is "Twelve years"
    assert headline.quantity.surface == "5,000"
    assert headline.metric == "other" and headline.cue is None


def test_a_rulings_amounts_take_the_day_the_story_says_the_court_decided():
    text = ("Webwinkel moet Heineken 200.000 euro betalen\n\n"
            "Een webwinkel moet Heineken voorlopig 200.000 euro schadevergoeding betalen. Dat "
            "heeft de rechtbank Rotterdam op 6 maart beslist.\n\n"
            "Voor elke dag dat het bedrijf de inbreuk niet staakt, verbeurt het een dwangsom "
            "van 5.000 euro. Heineken had om 500.000 euro gevraagd.")
    figures = extract(text, "nl", Published.parse("2019-03-12"), "s").figures
    day = dt.date(2019, 3, 6)
    windows = _windows(figures)
    assert windows["200.000 euro"] == (day, day)
    assert windows["5.000 euro"] == (day, day)
    assert windows["500.000 euro"] is None  # asked for, not decided


def test_the_past_years_are_the_calendar_years_an_article_names_for_them():
    text = ("최근 5년간 해외 플랫폼에서 K-브랜드 위조상품 108만건이 적발됐다.\n\n"
            "지식재산처 자료를 보면 2021년부터 올해 8월까지 해외 온라인 플랫폼에서 차단된 위조상품 "
            "게시물은 모두 108만건이다.")
    first = extract(text, "ko", Published.parse("2025-10-28"), "s").figures[0]
    assert (first.period.start, first.period.end) == (dt.date(2021, 1, 1), dt.date(2025, 8, 31))


def test_a_breakdown_named_in_the_lead_dates_its_parts_in_later_paragraphs():
    text = ("Brand destroyed 200,000 fakes\n\n"
            "The brand had 200,000 fake products destroyed last year, it said in a breakdown "
            "posted online.\n\n"
            "Bags were the largest group, with 80,000 bags crushed.")
    windows = _windows(extract(text, "en", Published.parse("2024-03-01"), "s").figures)
    assert windows["80,000"] == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_a_duration_that_is_no_enforcement_figure_takes_no_paragraph_window():
    text = ("In 2022 the shop chain, founded in 1990, sold fakes.\n\n"
            "In 2022 the court heard the case. Buyers get thirty days to complain.")
    windows = _windows(extract(text, "en", Published.parse("2023-03-01"), "s").figures)
    assert windows["thirty days"] is None


def test_dutch_the_year_after_is_the_next_year():
    text = "In 2017 gingen er 3.060 webwinkels op zwart, het jaar nadien 1.079."
    windows = _windows(extract(text, "nl", Published.parse("2021-03-01"), "s").figures)
    assert windows["1.079"] == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))


@pytest.mark.parametrize("headline,expected", [
    ("Platform removed 335 million posts", "removed_listings"),
    ("Platform removed 336 million posts", "removed_listings"),  # its own act still decides
    ("Platform has 335 million users", "customers"),
])
def test_a_headline_that_places_itself_keeps_its_own_metric(headline, expected):
    text = (f"{headline}\n\n"
            "In the second half of 2020 the platform took down 335,765,018 posts with fakes.")
    figures = extract(text, "en", Published.parse("2021-03-01"), "s").figures
    assert figures[0].metric == expected


def test_a_bare_rounded_headline_figure_restates_the_body():
    text = ("Facebook: 335 miljoen\n\n"
            "Facebook heeft in de tweede helft van 2020 335.765.018 berichten verwijderd.")
    figures = extract(text, "nl", Published.parse("2021-03-01"), "s").figures
    headline, body = figures
    assert headline.metric == body.metric == "removed_listings"
    assert _windows(figures)["335 miljoen"] == (dt.date(2020, 7, 1), dt.date(2020, 12, 31))


@pytest.mark.parametrize("first_line,dated", [
    ("Inspectie haalt 350.000 stuks namaak uit opslagplaatsen", True),
    ("De inspectie haalde 350.000 stuks namaak uit opslagplaatsen.", False),  # no headline
])
def test_a_headline_count_takes_the_window_the_lede_gives(first_line, dated):
    text = (f"{first_line}\n\n"
            "De inspectie heeft de voorbije vijf maanden in Brussel namaak in beslag genomen en "
            "vier dossiers geopend.")
    windows = _windows(extract(text, "nl", Published.parse("2024-09-05"), "s").figures)
    expected = (dt.date(2024, 4, 5), dt.date(2024, 9, 5)) if dated else None
    assert windows["350.000"] == expected


@pytest.mark.parametrize("text,language,surface,expected", [
    ("지난해 공안과 공조해 880명을 검거했다. 특히 4~7월 작전에서는 용의자 332명이 붙잡혔다.",
     "ko", "332명", (dt.date(2016, 4, 1), dt.date(2016, 7, 31))),
    # a month the text ties to a year of its own keeps it
    ("지난해 공안과 공조해 880명을 검거했다. 지난 4월 작전에서는 용의자 332명이 붙잡혔다.",
     "ko", "332명", (dt.date(2017, 4, 1), dt.date(2017, 4, 30))),
    ("In 2016 arrested police 880 suspects. In June alone they arrested 332 suspects.",
     "en", "332", (dt.date(2016, 6, 1), dt.date(2016, 6, 30))),
])
def test_a_month_without_a_year_after_a_sentence_about_another_year(text, language, surface,
                                                                     expected):
    windows = _windows(extract(text, language, Published.parse("2017-10-02"), "s").figures)
    assert windows[surface] == expected


@pytest.mark.parametrize("text,language,surface,expected", [
    ("2010년 9월 출범한 특사경은 지난해 3월 인력을 늘렸다. 자료를 보면 출범 이후 지난해 8월 말까지 "
     "특사경이 형사입건한 사범은 2259명이다.", "ko", "2259명",
     (dt.date(2010, 9, 1), dt.date(2017, 8, 31))),
    ("Operation Shield started in June. The centre has taken 2,713 domain names out of "
     "circulation since it started in June 2010.", "en", "2,713",
     (dt.date(2010, 6, 1), dt.date(2018, 2, 1))),
])
def test_since_its_launch_counts_from_the_launch(text, language, surface, expected):
    windows = _windows(extract(text, language, Published.parse("2018-02-01"), "s").figures)
    assert windows[surface] == expected


@pytest.mark.parametrize("sentence", [
    "Euro Shop werd in 1965 opgericht en telt zeven winkels.",
    "Het stoeltje, in 1972 ontworpen door Peter Opsvik, telt zeven varianten.",
])
def test_when_something_was_founded_is_no_window_of_the_paragraph(sentence):
    text = f"{sentence} De keten verkocht 200 namaakstoelen."
    windows = _windows(extract(text, "nl", Published.parse("2020-03-01"), "s").figures)
    assert windows["200"] is None


def test_a_korean_level_compared_with_an_earlier_year_is_a_change():
    # "557명으로 2020년 617명보다": the level reached, then what it is compared with; the year
    # before 617명 is its own, and 557명 is the year after
    text = "지난해 형사입건한 상표권 침해사범은 557명으로 2020년 617명보다 9.7% 줄었다."
    figures = {f.quantity.surface: f
               for f in extract(text, "ko", Published.parse("2022-02-15"), "s").figures}
    after, before = figures["557명"], figures["617명"]
    assert (after.link, before.link) == ("after", "before")
    assert after.linked_to == before.figure_no
    windows = _windows(figures.values())
    assert windows["617명"] == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert windows["557명"] == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_ten_years_since_a_launch_named_a_few_words_on_start_at_the_launch():
    text = ("특허청 특사경이 출범 이후 10년 동안 압수한 위조상품이 1200만여점에 이른다. 특허청은 "
            "2010년 9월 서울·대전·부산 세 곳에 사무소를 두고 출범한 특사경이 상표권 침해 사범 "
            "3500여명을 형사입건했다고 15일 밝혔다. 정품 가격으로 치면 5000억원에 해당한다.")
    windows = _windows(extract(text, "ko", Published.parse("2020-09-15"), "s").figures)
    since_launch = (dt.date(2010, 9, 1), dt.date(2020, 9, 15))
    assert windows["1200만여점"] == since_launch
    assert windows["5000억원"] == since_launch


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# "in 2019" is what 16,000 is compared with: 32,000 is of 2020, and "a year earlier" counts
# back from 2020
_TWO_CHANGES = ("Police solved more than 21,000 cases in 2020, compared with over 16,000 in "
                "2019, and caught more than 32,000 suspects, up from 29,000 a year earlier.")
_LETTER_BASE = ("In 2022 the agency spent N2.5 billion, down from N3.1 billion in 2021, and "
                "arrested 400 people, up from 300 a year earlier.")
_PORT = "Last year the port seized 150,000 items. Their value rose by 40% from £9.2 million in 2013"
_AT_THE_TIME_KO = ("경찰은 지난달 짝퉁 공장 두 곳을 적발했다.\n\n지난해 3월 5일에는 구로구의 한 "
                   "창고를 단속했다. 당시 창고에서는 가짜 운동화 420켤레가 나왔다.")
_AT_THE_TIME_EN = ("Last month police closed two workshops.\n\nOn 5 March last year officers "
                   "raided a warehouse in Leeds. At the time they found 420 pairs of fake "
                   "trainers.")
_RAID_DAY = (dt.date(2024, 3, 5), dt.date(2024, 3, 5))
_SAME_PERIOD_KO = ("특허청은 2014년부터 올해 7월까지 위조상품 384만점을 압수했다고 밝혔다.\n\n같은 기간 "
                   "품목별 압수량을 보면 의류가 89만6702점으로 가장 많았다. 이어 화장품류가 "
                   "67만9757점이었다.")
_SAME_PERIOD_EN = ("Between January 2014 and July 2018 the agency seized 3.84 million fakes.\n\n"
                   "Over the same period it seized 896,702 fake clothes. It also seized 679,757 "
                   "cosmetics.")
_SINCE_2014 = (dt.date(2014, 1, 1), dt.date(2018, 7, 31))


@pytest.mark.parametrize("text,language,published,number,window", [
    # a comparison's earlier value's window dates that value only
    (_TWO_CHANGES, "en", "2021-03-01", "more than 32,000", _year(2020)),
    (_TWO_CHANGES, "en", "2021-03-01", "29,000", _year(2019)),
    (_TWO_CHANGES, "en", "2021-03-01", "over 16,000", _year(2019)),
    # a base in a letter currency is a base too
    (_LETTER_BASE, "en", "2023-03-01", "400", _year(2022)),
    (_LETTER_BASE, "en", "2023-03-01", "300", _year(2021)),
    # a difference measured from a year is of the year it is stated for
    ("In 2019 customs seized 41 million items. They were worth €700 million, €30 million more "
     "than in 2018.", "en", "2015-02-01", "€30 million", _year(2019)),
    # a base amount in a currency is a base all the same
    (_PORT + ".", "en", "2015-02-01", "40%", _year(2014)),
    # the earlier value standing alone is of the base year named before it
    (_PORT + ", while the number of items fell from 190,000.", "en", "2015-02-01", "190,000",
     _year(2013)),
    # the year a Korean change is measured from is no window of the change
    ("중고나라의 2020년 거래 규모는 5조원으로 1년 전보다 43% 커졌다.", "ko", "2025-10-01", "43%",
     _year(2020)),
    # nor is the year of a base amount named after it
    ("지식재산처는 2026년도 예산안에 468억원을 반영했다. 2025년 예산 323억원보다 45.1% 많은 "
     "규모다.", "ko", "2025-10-01", "45.1%", _year(2026)),
    # "at the time" is the event just told, a day's too
    (_AT_THE_TIME_KO, "ko", "2025-06-18", "420", _RAID_DAY),
    (_AT_THE_TIME_EN, "en", "2025-06-18", "420", _RAID_DAY),
    # "the same period" named again is the paragraph's window for the sentences after it
    (_SAME_PERIOD_KO, "ko", "2018-09-30", "67만9757점", _SINCE_2014),
    (_SAME_PERIOD_EN, "en", "2018-09-30", "679,757", _SINCE_2014),
    # only in its own paragraph
    (_SAME_PERIOD_EN.replace(" It also", "\n\nShops also"), "en", "2018-09-30", "679,757", None),
    # but "at the time" is a moment: a fine told after it takes no window from it
    ("경찰은 지난해 3월 5일 창고를 급습했다. 당시 위조 운동화 420켤레를 압수했다. 이 업체는 "
     "벌금 2000만원을 선고받았다.", "ko", "2025-06-01", "2000만원", None),
])
def test_a_comparison_or_an_event_just_told_gives_the_window(text, language, published,
                                                            number, window):
    windows = _windows(extract(text, language, Published.parse(published), "s").figures)
    assert windows[number] == window


@pytest.mark.parametrize("lede,dated", [
    # the day of the raid, told in the lede, dates what later paragraphs say was found
    ("In een loods in Tiel heeft de politie woensdagochtend een grote partij nepsneakers "
     "ontdekt.", True),
    # a day something was said dates nothing else
    ("De politie maakte woensdag bekend dat zij een grote partij nepsneakers heeft ontdekt.",
     False),
])
def test_the_ledes_raid_day_dates_what_the_raid_found(lede, dated):
    text = ("Politie vindt nepsneakers in Tiel\n\n" + lede + "\n\nDaarna doorzochten agenten "
            "het hele pand. Ze telden ruim 2.400 paar schoenen en 300 tassen.")
    windows = _windows(extract(text, "nl", Published.parse("2023-03-17"), "s").figures)
    raid_day = (dt.date(2023, 3, 15), dt.date(2023, 3, 15))
    assert windows["ruim 2.400"] == (raid_day if dated else None)


@pytest.mark.parametrize("text,language", [
    ("In January 2006 the scheme began. That year, the office paid 27 people a total of "
     "$320,000.", "en"),
    ("2006년 1월 처음 시행됐다. 특허청은 그해 신고 107건에 대해 27명에게 3억2030만원을 "
     "지급했다.", "ko"),
])
def test_that_year_after_a_month_is_the_whole_of_that_year(text, language):
    figures = extract(text, language, Published.parse("2008-01-02"), "s", reader=None).figures
    assert figures and all((f.period.start, f.period.end) ==
                           (dt.date(2006, 1, 1), dt.date(2006, 12, 31)) for f in figures)


@pytest.mark.parametrize("text,published,share_written,start,end", [
    # after a fiscal year, that fiscal year
    ("Seizures rose to 31,560 in fiscal 2016. In that year express carriers accounted for "
     "about 88% of all seizures.", "2018-02-01", "88", dt.date(2015, 10, 1),
     dt.date(2016, 9, 30)),
    # the year named, not the day it was said
    ("In 2019 customs made 90,000 seizures, the agency said on 3 March 2021. That year "
     "cigarettes made up 21.3% of them.", "2021-06-01", "21.3", dt.date(2019, 1, 1),
     dt.date(2019, 12, 31)),
])
def test_that_year_is_the_window_last_named_as_it_is(text, published, share_written, start,
                                                      end):
    figures = extract(text, "en", Published.parse(published), "s", reader=None).figures
    share = next(f for f in figures if share_written in f.quantity.surface)
    assert (share.period.start, share.period.end) == (start, end)


def test_the_same_period_a_year_earlier_is_the_first_half_a_year_back():
    text = "올해 상반기 접수된 신고는 9717건으로 지난해 같은 기간 3114건의 3배를 넘었다."
    figures = extract(text, "ko", Published.parse("2020-08-28"), "s", reader=None).figures
    windows = {f.quantity.surface: (f.period.start, f.period.end) for f in figures}
    assert windows["9717건"] == (dt.date(2020, 1, 1), dt.date(2020, 6, 30))
    assert windows["3114건"] == (dt.date(2019, 1, 1), dt.date(2019, 6, 30))


def test_this_year_reaches_as_far_as_the_half_the_article_counts():
    text = ("대만 관세청이 올해 상반기 위조품 적발 결과를 내놓았다.\n\n"
            "압수 물량은 지난해 상반기 3만 점 남짓에서 올해 23만여 점으로 늘었다.")
    figures = extract(text, "ko", Published.parse("2024-08-05"), "s").figures
    assert _windows(figures)["23만여 점"] == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
