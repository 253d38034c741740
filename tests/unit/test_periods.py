import datetime as dt

import pytest

from etl.extract.periods import Published, find_periods

D = dt.date


def one(text, language, published):
    found = find_periods(text, language, Published.parse(published))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,language,published,start,end,precision", [
    ("in the past two months", "en", "2023-12-06", D(2023, 10, 6), D(2023, 12, 6), "day"),
    ("next year", "en", "2023-12-06", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("volgend jaar", "nl", "2023-12-06", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("내년", "ko", "2023-12-06", D(2024, 1, 1), D(2024, 12, 31), "year"),
    # a year after 지난 is that year, not that many years back
    ("지난 2017년부터 올해 8월까지", "ko", "2021-10-18", D(2017, 1, 1), D(2021, 8, 31), "month"),
    ("in the first quarter", "en", "2023-12-06", D(2023, 1, 1), D(2023, 3, 31), "quarter"),
    ("in the third quarter", "en", "2023-12-06", D(2023, 7, 1), D(2023, 9, 30), "quarter"),
    ("in the fourth quarter", "en", "2023-05-01", D(2022, 10, 1), D(2022, 12, 31), "quarter"),
    ("this year", "en", "2023-12-06", D(2023, 1, 1), D(2023, 12, 6), "year"),
    ("so far this year", "en", "2024-09-01", D(2024, 1, 1), D(2024, 9, 1), "day"),
    ("over the next three years", "en", "2023-12-06", D(2023, 12, 6), D(2026, 12, 5), "year"),
    ("향후 3년간", "ko", "2023-12-06", D(2023, 12, 6), D(2026, 12, 5), "year"),
    ("de komende drie jaar", "nl", "2023-12-06", D(2023, 12, 6), D(2026, 12, 5), "year"),
    ("from 2019 to 2022", "en", "2024-01-01", D(2019, 1, 1), D(2022, 12, 31), "year"),
    ("van 2007 tot en met 2011", "nl", "2012-01-01", D(2007, 1, 1), D(2011, 12, 31), "year"),
    ("2019년부터 2022년까지", "ko", "2024-01-01", D(2019, 1, 1), D(2022, 12, 31), "year"),
    ("2021년부터 올해 8월까지", "ko", "2025-10-28", D(2021, 1, 1), D(2025, 8, 31), "month"),
    ("from 2019 to last year", "en", "2025-10-28", D(2019, 1, 1), D(2024, 12, 31), "year"),
    ("van 2019 tot dit jaar", "nl", "2025-10-28", D(2019, 1, 1), D(2025, 10, 28), "year"),
    ("in the second half", "en", "2024-03-01", D(2023, 7, 1), D(2023, 12, 31), "quarter"),
    ("in the first half of 2024", "en", "2024-09-01", D(2024, 1, 1), D(2024, 6, 30), "quarter"),
    ("het eerste halfjaar van 2021", "nl", "2021-09-01", D(2021, 1, 1), D(2021, 6, 30),
     "quarter"),
    ("2024년 상반기", "ko", "2024-09-01", D(2024, 1, 1), D(2024, 6, 30), "quarter"),
    ("올해 1~8월", "ko", "2024-09-20", D(2024, 1, 1), D(2024, 8, 31), "month"),
    ("올해는 8월까지", "ko", "2014-10-05", D(2014, 1, 1), D(2014, 8, 31), "month"),
    ("in April and May", "en", "2025-08-06", D(2025, 4, 1), D(2025, 5, 31), "month"),
    ("2016년부터 이듬해까지", "ko", "2019-01-01", D(2016, 1, 1), D(2017, 12, 31), "year"),
    # a football season runs from August to May, not April to March
    ("in the 2021-22 season", "en", "2023-01-01", D(2021, 8, 1), D(2022, 5, 31), "month"),
    ("in het seizoen 2021/2022", "nl", "2023-01-01", D(2021, 8, 1), D(2022, 5, 31), "month"),
    # a month of a year to a day: one span, not the years 2021 to 2031 and a day
    ("from October 2021 to 31 January", "en", "2022-03-24", D(2021, 10, 1), D(2022, 1, 31),
     "day"),
    ("van oktober 2021 tot en met 31 januari", "nl", "2022-03-24", D(2021, 10, 1),
     D(2022, 1, 31), "day"),
    ("in 2021-22", "en", "2023-01-01", D(2021, 4, 1), D(2022, 3, 31), "month"),
    # a month or a day of the year named after it
    ("in May last year", "en", "2016-07-04", D(2015, 5, 1), D(2015, 5, 31), "month"),
    ("in mei vorig jaar", "nl", "2018-01-08", D(2017, 5, 1), D(2017, 5, 31), "month"),
    ("on 20 September last year", "en", "2018-01-08", D(2017, 9, 20), D(2017, 9, 20), "day"),
    ("지난해 9월 20일", "ko", "2012-01-05", D(2011, 9, 20), D(2011, 9, 20), "day"),
    ("올해 들어 8월까지", "ko", "2024-09-20", D(2024, 1, 1), D(2024, 8, 31), "month"),
    ("올해 들어서도 8월까지", "ko", "2024-09-20", D(2024, 1, 1), D(2024, 8, 31), "month"),
    ("이달 2일부터 9일까지", "ko", "2024-09-20", D(2024, 9, 2), D(2024, 9, 9), "day"),
    # a first day and a length: forty days from 1 May end on 9 June
    ("5월 1일부터 40일 동안", "ko", "2022-06-22", D(2022, 5, 1), D(2022, 6, 9), "day"),
    ("for 40 days from 1 May", "en", "2022-06-22", D(2022, 5, 1), D(2022, 6, 9), "day"),
    ("vanaf 1 mei veertig dagen lang", "nl", "2022-06-22", D(2022, 5, 1), D(2022, 6, 9),
     "day"),
    ("between April and December last year", "en", "2015-02-12", D(2014, 4, 1),
     D(2014, 12, 31), "month"),
    ("van januari tot en met maart vorig jaar", "nl", "2015-02-12", D(2014, 1, 1),
     D(2014, 3, 31), "month"),
    # a start marked 부터 and an end marked 까지 in one sentence are one range, the end in
    # the start's year when it names none
    ("2010년 9월부터 올해 8월 말까지", "ko", "2013-10-01", D(2010, 9, 1), D(2013, 8, 31),
     "month"),
    ("2012년 10월 15일부터 그해 12월 19일까지", "ko", "2016-01-28", D(2012, 10, 15),
     D(2012, 12, 19), "day"),
    # ... but an end counted back from publication is in its own year
    ("2011년부터 지난달까지", "ko", "2023-09-15", D(2011, 1, 1), D(2023, 8, 31), "month"),
    ("the report covers 2023", "en", "2024-03-26", D(2023, 1, 1), D(2023, 12, 31), "year"),
    ("fiscal year 2023", "en", "2024-01-01", D(2022, 10, 1), D(2023, 9, 30), "month"),
    ("in 2014-15", "en", "2016-01-01", D(2014, 4, 1), D(2015, 3, 31), "month"),
    # a weekday is the last such day up to publication (2017-08-16 was a Wednesday)
    ("in a ruling on Monday", "en", "2017-08-16", D(2017, 8, 14), D(2017, 8, 14), "day"),
    ("het OM heeft dinsdag geëist", "nl", "2013-10-02", D(2013, 10, 1), D(2013, 10, 1), "day"),
    ("on Wednesday", "en", "2017-08-16", D(2017, 8, 16), D(2017, 8, 16), "day"),
    ("in 2015/16", "en", "2016-06-01", D(2015, 4, 1), D(2016, 3, 31), "month"),
    ("from 2019-22", "en", "2023-06-01", D(2019, 1, 1), D(2022, 12, 31), "year"),
    ("by the end of 2019", "en", "2020-05-01", D(2019, 12, 31), D(2019, 12, 31), "day"),
    ("2023년 12월부터 2024년 7월까지", "ko", "2024-09-01", D(2023, 12, 1), D(2024, 7, 31),
     "month"),
    ("last year", "en", "2023-12-06", D(2022, 1, 1), D(2022, 12, 31), "year"),
    ("last month", "en", "2023-12-06", D(2023, 11, 1), D(2023, 11, 30), "month"),
    ("this month", "en", "2023-10-18", D(2023, 10, 1), D(2023, 10, 18), "month"),
    ("이달 들어", "ko", "2023-10-18", D(2023, 10, 1), D(2023, 10, 18), "month"),
    ("last quarter", "en", "2023-10-18", D(2023, 7, 1), D(2023, 9, 30), "quarter"),
    ("vorig kwartaal", "nl", "2023-02-18", D(2022, 10, 1), D(2022, 12, 31), "quarter"),
    ("the last quarter of 2022", "en", "2023-10-18", D(2022, 10, 1), D(2022, 12, 31), "quarter"),
    ("this quarter", "en", "2023-10-18", D(2023, 10, 1), D(2023, 10, 18), "quarter"),
    ("the first three quarters of the year", "en", "2023-10-18", D(2023, 1, 1), D(2023, 9, 30),
     "quarter"),
    ("de eerste drie kwartalen van vorig jaar", "nl", "2023-10-18", D(2022, 1, 1),
     D(2022, 9, 30), "quarter"),
    ("1~3분기", "ko", "2023-10-18", D(2023, 1, 1), D(2023, 9, 30), "quarter"),
    ("지난해 3분기까지", "ko", "2023-10-18", D(2022, 1, 1), D(2022, 9, 30), "quarter"),
    ("in the past decade", "en", "2023-10-18", D(2013, 10, 18), D(2023, 10, 18), "day"),
    ("de afgelopen week", "nl", "2023-10-18", D(2023, 10, 11), D(2023, 10, 18), "day"),
    ("in early March", "en", "2023-10-18", D(2023, 3, 1), D(2023, 3, 31), "month"),
    ("eind maart", "nl", "2023-10-18", D(2023, 3, 1), D(2023, 3, 31), "month"),
    # weeks run Monday to Sunday: 2021-12-21 is a Tuesday
    ("last week", "en", "2021-12-21", D(2021, 12, 13), D(2021, 12, 19), "week"),
    ("vorige week", "nl", "2021-12-21", D(2021, 12, 13), D(2021, 12, 19), "week"),
    ("지난주", "ko", "2021-12-21", D(2021, 12, 13), D(2021, 12, 19), "week"),
    ("earlier this week", "en", "2021-12-21", D(2021, 12, 20), D(2021, 12, 21), "week"),
    ("deze week", "nl", "2021-12-20", D(2021, 12, 20), D(2021, 12, 20), "week"),
    ("이번 주", "ko", "2021-12-26", D(2021, 12, 20), D(2021, 12, 26), "week"),
    ("since April", "en", "2023-12-06", D(2023, 4, 1), D(2023, 12, 6), "month"),
    ("since the end of November", "en", "2007-03-29", D(2006, 11, 1), D(2007, 3, 29), "month"),
    ("sinds april dit jaar", "nl", "2017-09", D(2017, 4, 1), D(2017, 9, 30), "month"),
    ("sinds mei", "nl", "2017-09", D(2017, 5, 1), D(2017, 9, 30), "month"),
    ("vorig jaar", "nl", "2017-09", D(2016, 1, 1), D(2016, 12, 31), "year"),
    ("de afgelopen zes maanden", "nl", "2024-06-10", D(2023, 12, 10), D(2024, 6, 10), "day"),
    ("지난 두 달간", "ko", "2023-12-06", D(2023, 10, 6), D(2023, 12, 6), "day"),
    ("1분기", "ko", "2023-12-06", D(2023, 1, 1), D(2023, 3, 31), "quarter"),
    ("on the 6th", "en", "2023-12-06", D(2023, 12, 6), D(2023, 12, 6), "day"),
    ("zeven jaar geleden", "nl", "2017-09", D(2010, 1, 1), D(2010, 12, 31), "year"),
    # a bare day far ahead of publication is last year's; a near one is coming
    ("Op 12 september hielden", "nl", "2020-02-06", D(2019, 9, 12), D(2019, 9, 12), "day"),
    ("on 28 December police", "en", "2024-01-05", D(2023, 12, 28), D(2023, 12, 28), "day"),
    ("Op 11 november is het", "nl", "2018-10-02", D(2018, 11, 11), D(2018, 11, 11), "day"),
    ("vanaf 1 juli betalen", "nl", "2026-03-04", D(2026, 7, 1), D(2026, 7, 1), "day"),
    # since a day: from that day to publication
    ("sinds 27 augustus 2019 loopt", "nl", "2020-02-06", D(2019, 8, 27), D(2020, 2, 6), "day"),
    ("since 1 December", "en", "2019-04-10", D(2018, 12, 1), D(2019, 4, 10), "day"),
    ("since May 3, 2019", "en", "2020-01-10", D(2019, 5, 3), D(2020, 1, 10), "day"),
    ("2019년 8월 27일 이후", "ko", "2020-02-06", D(2019, 8, 27), D(2020, 2, 6), "day"),
    # since a month, in Korean too; "until now" ends at publication, in no other year
    ("2017년 7월 이후", "ko", "2019-11-28", D(2017, 7, 1), D(2019, 11, 28), "month"),
    ("2017년 7월부터", "ko", "2019-11-28", D(2017, 7, 1), D(2019, 11, 28), "month"),
    ("2017년 7월부터 지금까지", "ko", "2019-11-28", D(2017, 7, 1), D(2019, 11, 28), "month"),
    ("since 1 May", "en", "2019-04-10", D(2018, 5, 1), D(2019, 4, 10), "day"),
    # a publication known to the month or the year: its last day is the reference
    ("op 12 september", "nl", "2020", D(2020, 9, 12), D(2020, 9, 12), "day"),
    # 29 February said in a common year is the leap year's before
    ("op 29 februari", "nl", "2025-01-05", D(2024, 2, 29), D(2024, 2, 29), "day"),
    # a day of a month named against publication is that day, not the month
    ("지난달 26일 상장했다", "ko", "2018-08-09", D(2018, 7, 26), D(2018, 7, 26), "day"),
    ("지난 달 30일 공개한", "ko", "2018-08-09", D(2018, 7, 30), D(2018, 7, 30), "day"),
    ("이달 1일 지시했다", "ko", "2018-08-09", D(2018, 8, 1), D(2018, 8, 1), "day"),
    ("다음 달 20일 선고된다", "ko", "2018-08-09", D(2018, 9, 20), D(2018, 9, 20), "day"),
    # to a month of last year, years ago (particles after 전), until a year past or to come
    ("지난해에는 10월 말까지 395건으로", "ko", "2024-08-05", D(2023, 1, 1), D(2023, 10, 31),
     "month"),
    ("3년 전 적발된", "ko", "2017-02-08", D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("10년 전에는", "ko", "2017-02-08", D(2007, 1, 1), D(2007, 12, 31), "year"),
    ("10년 전과 비교하면", "ko", "2017-02-08", D(2007, 1, 1), D(2007, 12, 31), "year"),
    ("Until 2019, customs seized 500 fakes a year.", "en", "2021-06-01", D(2019, 1, 1),
     D(2019, 12, 31), "year"),
    ("tot en met 2023 komen er 1000 bij", "nl", "2021-06-01", D(2021, 6, 1), D(2023, 12, 31),
     "year"),
    ("until 2025 it will hire 300", "en", "2021-06-01", D(2021, 6, 1), D(2025, 12, 31), "year"),
    # a range that ends in the middle or late in a month takes the whole month
    ("between January and mid-August", "en", "2025-09-22", D(2025, 1, 1), D(2025, 8, 31),
     "month"),
    ("van januari tot half augustus", "nl", "2025-09-22", D(2025, 1, 1), D(2025, 8, 31),
     "month"),
    ("1월부터 8월 중순까지", "ko", "2025-09-22", D(2025, 1, 1), D(2025, 8, 31), "month"),
    # a financial year or a quarter named by the month it ends in; a quarter by its months
    ("in the fiscal year that ended in March 2019", "en", "2020-02-20", D(2018, 4, 1),
     D(2019, 3, 31), "month"),
    ("in het boekjaar dat eindigde in maart 2019", "nl", "2020-02-20", D(2018, 4, 1),
     D(2019, 3, 31), "month"),
    ("in the quarter to September", "en", "2023-11-08", D(2023, 7, 1), D(2023, 9, 30), "month"),
    ("in the quarter ended June 30, 2023", "en", "2024-06-15", D(2023, 4, 1), D(2023, 6, 30),
     "day"),
    ("sinds het begin in 2016", "nl", "2023-11-08", D(2016, 1, 1), D(2023, 11, 8), "year"),
    ("in the July-to-September quarter", "en", "2023-11-08", D(2023, 7, 1), D(2023, 9, 30),
     "month"),
    # since a beginning the text dates
    ("checked since the litigation began in February 2022", "en", "2025-03-06",
     D(2022, 2, 1), D(2025, 3, 6), "month"),
    ("since its launch in March 2020", "en", "2023-11-08", D(2020, 3, 1), D(2023, 11, 8),
     "month"),
    ("sinds de start in 2016", "nl", "2023-11-08", D(2016, 1, 1), D(2023, 11, 8), "year"),
])
def test_resolves_against_publication(text, language, published, start, end, precision):
    p = one(text, language, published)
    assert (p.start, p.end, p.precision) == (start, end, precision)


@pytest.mark.parametrize("text,published", [
    ("op 31 april", "2020-05-01"), ("on 29 February 2023", "2023-05-01"),
    ("since 31 April", "2020-05-01"), ("from October 2021 to 31 February", "2022-03-24"),
])
def test_a_day_that_does_not_exist_stays_text(text, published):
    language = "nl" if text.startswith("op") else "en"
    p = one(text, language, published)
    assert p.start is None and p.precision == "unknown"


@pytest.mark.parametrize("text,language,start,end", [
    ("in the 12 months to April 2016", "en", D(2015, 5, 1), D(2016, 4, 30)),
    ("in the year to March", "en", D(2015, 4, 1), D(2016, 3, 31)),  # the last March so far
    ("in the six months to 30 June 2016", "en", D(2016, 1, 1), D(2016, 6, 30)),
    ("in de twaalf maanden tot en met maart 2016", "nl", D(2015, 4, 1), D(2016, 3, 31)),
])
def test_months_to_a_month_end_with_it(text, language, start, end):
    p = one(text, language, "2017-02-23")
    assert (p.start, p.end, p.role) == (start, end, "span")


def test_from_a_month_still_to_come_is_not_a_window_so_far():
    p = one("2020년 1월부터 시행된다", "ko", "2019-11-28")  # when a rule takes effect
    assert (p.start, p.end) == (None, None)


@pytest.mark.parametrize("text", ["in the past two months", "in the year to March",
                                  "for 40 days from 1 May"])
def test_unknown_publication_date_is_never_guessed(text):
    p = one(text, "en", None)
    assert p.start is None and p.precision == "unknown" and p.surface == text


def test_day_reference_needs_a_day_precise_date():
    p = one("on the 6th", "en", "2023-12")
    assert p.start is None and p.precision == "unknown"


def test_recently_stays_text():
    assert one("sinds kort", "nl", "2017-09").start is None


def test_bad_published_value_is_refused():
    with pytest.raises(ValueError):
        Published.parse("December 2023")


def test_a_report_released_in_a_month_is_not_its_window():
    """"its report for 2022, released in March": March is when it was said."""
    periods = find_periods("In its report for 2022, released in March, it said so.", "en",
                           Published.parse("2023-10-04"))
    march = next(p for p in periods if "March" in p.surface)
    assert march.said
    year = next(p for p in periods if "2022" in p.surface)
    assert not year.said and (year.start, year.end) == (D(2022, 1, 1), D(2022, 12, 31))


def test_a_weekday_needs_the_day_of_publication():
    """"on Monday" in an article dated only by its month: which Monday is unknown."""
    monday = one("The court ruled on Monday.", "en", "2017-08")
    assert (monday.start, monday.precision) == (None, "unknown")
    assert find_periods("Sales on Cyber Monday rose.", "en", Published.parse("2017-08-16")) == []


def test_the_day_a_story_was_reported_is_when_it_was_said():
    """"2일 법조계에 따르면": the day the courts' news came out, not the day of the ruling."""
    reported = one("2일 법조계에 따르면 법원은 징역 1년을 선고했다.", "ko", "2023-07-03")
    assert reported.said and reported.start == D(2023, 7, 2)


def test_the_past_year_counts_back_from_a_statement_day_before_it():
    """"지난 1일 낸 성명에서 최근 1년 동안": the year before the statement, not before
    publication three weeks later."""
    periods = find_periods("회사는 지난 1일 낸 성명에서 최근 1년 동안 상품을 퇴출했다.", "ko",
                           Published.parse("2018-08-23"))
    past = next(p for p in periods if "최근" in p.surface)
    assert (past.start, past.end) == (D(2017, 8, 1), D(2018, 8, 1))


@pytest.mark.parametrize("text,published", [
    ("이달 1일부터 31일까지", "2024-09-20"),  # there is no 31 September
    ("내달 31일 선고된다", "2018-08-09"),
    ("지난달 26일 상장했다", None),  # no publication day: no month to count from
])
def test_days_of_this_month_that_do_not_exist_stay_unresolved(text, published):
    p = one(text, "ko", published)
    assert p.start is None and p.precision == "unknown"


def test_a_month_range_may_end_on_a_day():
    p = one("From January to September 30 last year the force conducted another 539.", "en",
            "2013-07-04")
    assert (p.start, p.end) == (D(2012, 1, 1), D(2012, 9, 30))


def test_a_day_past_the_months_end_keeps_the_months_end():
    p = one("between January and February 30, 2023 the force seized 500 items", "en",
            "2023-07-04")
    assert (p.start, p.end) == (D(2023, 1, 1), D(2023, 2, 28))


def test_a_korean_prison_terms_months_are_no_month_of_the_year():
    assert find_periods("징역 1년 6월에 집행유예 2년", "ko", Published.parse("2021-05-28")) == []
    assert [p.surface for p in find_periods("지난해 8월 기소됐다", "ko",
                                            Published.parse("2021-05-28"))] == ["지난해 8월"]


@pytest.mark.parametrize("text,language", [
    ("The company said this week that it had won two lawsuits.", "en"),
    ("The report, made public last week, counts 3,000 fakes.", "en"),
    ("figures the agency published this week show a fall", "en"),
    ("Dat staat in het rapport dat TikTok deze week naar buiten bracht.", "nl"),
    ("KPMG becijferde deze week dat het om 65 miljard sigaretten ging.", "nl"),
    ("Het arrest is deze week gepubliceerd.", "nl"),
    ("특허청은 지난주 밝혔다.", "ko"),
])
def test_a_week_in_which_something_was_said_is_no_window(text, language):
    week = one(text, language, "2021-12-21")
    assert week.said and week.precision == "week"


@pytest.mark.parametrize("text,language", [
    ("Police seized 5,000 fake bags last week.", "en"),
    ("De politie heeft vorige week 10.000 stuks in beslag genomen.", "nl"),
    ("경찰은 지난주 위조품 500점을 압수했다.", "ko"),
])
def test_a_week_in_which_something_happened_is_a_window(text, language):
    week = one(text, language, "2021-12-21")
    assert not week.said and (week.start, week.end) == (D(2021, 12, 13), D(2021, 12, 19))


@pytest.mark.parametrize("text,published", [
    ("Police seized 5,000 fake bags last week.", "2021-12"),  # a week needs the day
    ("Police seized 5,000 fake bags this week.", "2021-12"),
    ("Police seized 5,000 fake bags last month.", "2021"),  # a month or a quarter its month
    ("Police seized 5,000 fake bags this quarter.", "2021"),
])
def test_a_calendar_unit_needs_a_publication_date_that_fine(text, published):
    period = one(text, "en", published)
    assert period.start is None and period.precision == "unknown"


def test_this_year_up_to_the_end_of_a_month_is_not_that_month():
    """"dit jaar tot eind november": the year to November, not November."""
    periods = find_periods("waarvan er dit jaar tot eind november 24.860 werden onderschept", "nl",
                           Published.parse("2014-12-10"))
    assert [p.surface for p in periods] == ["dit jaar"]


@pytest.mark.parametrize("text,language", [
    ("지난해 같은 기간", "ko"),
    ("전년 동기", "ko"),
    ("for the same period a year earlier", "en"),
    ("in the same quarter last year", "en"),
    ("in dezelfde periode vorig jaar", "nl"),
])
def test_the_same_period_a_year_before_is_the_context_a_year_back(text, language):
    """Not the whole of last year: "올해 상반기 ... 지난해 같은 기간" is last year's first half."""
    period = one(text, language, "2020-08-28")
    assert period.role == "relative" and period.offset_years == -1 and period.start is None


def test_the_same_period_as_the_base_of_a_change_is_not_a_window():
    """"전년 동기 대비 20% 늘었다": the change is of this period."""
    assert find_periods("전년 동기 대비 20% 늘었다", "ko", Published.parse("2020-08-28")) == []


def test_over_the_six_months_refers_to_the_window_just_named():
    period = one("Over the six months the platform screened 647 million listings", "en",
                 "2025-10-01")
    assert period.role == "relative" and period.offset_years == 0
    assert [p.surface for p in find_periods("over the six months to June", "en",
                                            Published.parse("2025-10-01"))] == \
        ["over the six months to June"]


@pytest.mark.parametrize("text,language,start,end", [
    # an early, mid or late month keeps its year
    ("in early March 2022", "en", D(2022, 3, 1), D(2022, 3, 31)),
    ("in early March last year", "en", D(2022, 3, 1), D(2022, 3, 31)),
    ("midden maart 2022", "nl", D(2022, 3, 1), D(2022, 3, 31)),
    # "지난해 동기간" is the context a year back; with 대비 it is a change's base, below
    ("지난해 동기간 300건", "ko", None, None),
])
def test_review_cases_that_read_one_expression(text, language, start, end):
    period = one(text, language, "2023-10-18")
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text,language", [
    ("tot en met eind maart", "nl"),
    ("the last week of March", "en"),
    ("the past quarter century", "en"),
    ("the last quarter-century", "en"),
    ("지난 주택 가격", "ko"),
    ("이번 주류 밀수 단속", "ko"),
    ("그 해외 판매자 12명", "ko"),
    ("전년 동기간보다", "ko"),
    ("later this month", "en"),
    ("이달 말까지", "ko"),
    ("in the six months following the raid", "en"),
])
def test_review_cases_that_are_no_window(text, language):
    assert find_periods(text, language, Published.parse("2023-10-18")) == []


def test_a_change_against_the_same_period_last_year_is_not_dated_by_it():
    periods = find_periods("지난해 동기간 대비 20% 늘었다", "ko", Published.parse("2023-10-18"))
    assert all(p.role != "relative" for p in periods)


def test_a_week_someone_else_reports_is_still_the_weeks():
    week = one("Police seized 5,000 fake bags last week, the ministry said.", "en", "2021-12-21")
    assert not week.said and week.start == D(2021, 12, 13)


def test_a_day_something_was_said_on_is_no_window():
    day = one("the agency said on 3 March 2021.", "en", "2021-12-21")
    assert day.said


def test_a_year_before_jeon_guk_is_no_years_ago():
    found = one("구가 2012년 전국 기초자치단체 가운데 처음", "ko", "2017-02-08")
    assert (found.surface, found.start) == ("2012년", D(2012, 1, 1))


def test_a_count_that_looks_like_a_year_is_no_window():
    assert find_periods("Het aantal steeg van 1500 tot 2020 stuks.", "nl",
                        Published.parse("2019-03-01")) == []


def test_a_range_of_years_stays_a_range_before_until():
    found = one("from 2015 until 2019 it hired 300", "en", "2021-06-01")
    assert (found.start, found.end) == (D(2015, 1, 1), D(2019, 12, 31))


@pytest.mark.parametrize("text,start,end", [
    ("Uganda's standards bureau received Shs59.7 billion in the 2019/20 financial year.",
     D(2019, 7, 1), D(2020, 6, 30)),
    ("Britain's border force spent £3 million in the 2019/20 financial year.",
     D(2019, 4, 1), D(2020, 3, 31)),
    # "us" is no United States
    ("Kenya's agency received Sh59.7 billion in the 2019/20 financial year, officials told us.",
     D(2019, 7, 1), D(2020, 6, 30))])
def test_a_financial_year_is_the_named_countrys(text, start, end):
    found = [p for p in find_periods(text, "en", Published.parse("2020-10-07"))
             if p.start is not None]
    assert (found[0].start, found[0].end) == (start, end)
