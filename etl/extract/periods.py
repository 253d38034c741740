"""Find time expressions and resolve them against the source's publication date.

"in the past two months" said on 2023-12-06 is 2023-10-06 .. 2023-12-06 (precision day);
"in the first half of 2024" is 2024-01-01 .. 2024-06-30; "over the next three years" is the
publication date and the three years after it; "올해 1~8월" is January to August of the
publication year; "this year" and "so far this year" run from 1 January to the publication
date, since no figure can count the days after it was published. When the publication date is
unknown, or too coarse for the expression ("on the 6th" in a month-dated source), the
expression is kept as text with precision `unknown`: never guessed.

Each rule is one concept with its words per language. Month names are read by dateparser
(every language it knows); the relative arithmetic is dateutil's relativedelta. Rules run in
order, longer expressions first, and a character belongs to one expression at most, so the
scan is linear in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from etl.extract.anchors import finder, fold_pattern, fold_text, needed_strings, stretches
from etl.extract.numbers import TERM_MONTHS_BEFORE, word_value
from etl.extract.records import evolve
from etl.extract.sentences import MAY_END_SENTENCE

Date = dt.date


@dataclass(frozen=True)
class Published:
    """A publication date and how precisely it is known (day, month or year)."""
    date: Date
    precision: str

    @classmethod
    def parse(cls, text: str | None) -> Published | None:
        if not text:
            return None
        text = str(text)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return cls(dt.date.fromisoformat(text), "day")
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return cls(dt.date.fromisoformat(text + "-01"), "month")
        if re.fullmatch(r"\d{4}", text):
            return cls(dt.date(int(text), 1, 1), "year")
        raise ValueError(f"published must be YYYY-MM-DD, YYYY-MM or YYYY, got {text!r}")

    @property
    def end(self) -> Date:
        """The last day the publication date can be."""
        if self.precision == "day":
            return self.date
        if self.precision == "month":
            return self.date + relativedelta(months=1, days=-1)
        return dt.date(self.date.year, 12, 31)


@dataclass(frozen=True)
class Period:
    char_start: int
    char_end: int
    surface: str
    start: Date | None
    end: Date | None
    precision: str  # day, week, month, quarter, year, unknown
    # span: a window figures refer to; start: since ...; point: an event date; relative: a
    # window stated against another ("a year earlier"), resolved by the figure's context
    role: str
    offset_years: int = 0  # for role relative: years from the context's year
    # for "the past five years", "석 달간": how many months back from publication (an article
    # that names a range of that length, "2012~2016", "5월부터 7월까지", means that range)
    months_back: int = 0
    # a day on which something was said ("19일 밝혔다", "said on Thursday"): the date of the
    # statement, not a window of what it counts
    said: bool = False
    # for role relative: a month of the context's year ("in juli van dat jaar", "그해 12월")
    month: int = 0

    @property
    def resolved(self) -> bool:
        return self.start is not None


_UNIT_DELTA = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_UNIT_WORDS = {
    **{w: "day" for w in ("days", "day", "dagen", "dag", "일")},
    **{w: "week" for w in ("weeks", "week", "weken", "주")},
    **{w: "month" for w in ("months", "month", "maanden", "maand", "달", "개월")},
    **{w: "year" for w in ("years", "year", "jaar", "jaren", "년")},
}
_KOREAN_NATIVE = {"한": 1, "두": 2, "세": 3, "석": 3, "서": 3, "네": 4, "넉": 4, "너": 4, "다섯": 5, "여섯": 6, "일곱": 7,
                  "여덟": 8, "아홉": 9, "열": 10}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "1e": 1, "2e": 2,
            "3e": 3, "4e": 4, "1": 1, "2": 2, "3": 3, "4": 4, "상": 1, "하": 2, "final": 4,
            "last": 4, "laatste": 4}
_DECADES = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
            "zeventig": 70, "tachtig": 80, "negentig": 90}
_MONTHS = (r"january|february|march|april|may|june|july|august|september|october|november|"
           r"december|januari|februari|maart|mei|juni|juli|augustus|oktober|jan|feb|mar|apr|"
           r"jun|jul|aug|sep|sept|oct|okt|nov|dec")
_NUM = r"\d+|[a-z\u00e0-\u00ff]+(?:-[a-z]+)?"
_YEAR = r"(?:19|20)\d\d"
# A count that looks like a year ("van 1500 tot 2020 stuks"): no year.
_NO_COUNT_AFTER = (r"(?!\s+(?:stuks|zaken|gevallen|keer|exemplaren|artikelen|producten|"
                   r"pakketten|items|pieces|cases|units|times|people|products|listings)\b)")
_KO_NUM_WORDS = r"한|두|세|석|서|네|넉|너|다섯|여섯|일곱|여덟|아홉|열"
# Nouns that start with 전 ("2012년 전국", "전체", "전문"): after a year, no "years ago"
_JEON_WORDS = (r"국|쟁|략|체|문|망|통|자|기|환|시|달|담|원|역|용|세|형|공|선|속|술|력|파|액|입|출|"
               r"면|반|년")
_KO_NUM = rf"\d+|{_KO_NUM_WORDS}"


@lru_cache(maxsize=256)
def month_number(word: str, language: str) -> int | None:
    import dateparser  # imported on first use: it costs ~0.2 s and most runs read no article

    parsed = dateparser.parse(word, languages=[language] if language in ("en", "nl", "ko")
                              else None, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.month if parsed else None


def _count(token: str, language: str) -> int | None:
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    if token in _KOREAN_NATIVE:
        return _KOREAN_NATIVE[token]
    return word_value(token.replace("-", " "), language)


def _months_to(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"in the 12 months to April 2016", "in the year to March", "de zes maanden tot en met
    juni", "the fiscal year that ended in March 2019", "the quarter to September": the n months
    that end with the month (or the day) named."""
    n = 3 if m.groupdict().get("quarter") else \
        _count(m.group("n"), lang) if m.group("n") else 12
    month = _month_of(m.group("month"), lang)
    if n is None or month is None:
        return UNKNOWN_SPAN
    if m.group("year"):
        year = int(m.group("year"))
    elif pub is not None:
        year = _latest_not_after(pub, month)
    else:
        return UNKNOWN_SPAN
    day = m.group("day") or m.groupdict().get("day2")  # "30 June", "June 30, 2023"
    end = dt.date(year, month, int(day)) if day else _month_bounds(year, month)[1]
    start = end + relativedelta(days=1) - relativedelta(months=n)
    return start, end, "day" if day else "month", "span"


def _month_bounds(year: int, month: int) -> tuple[Date, Date]:
    start = dt.date(year, month, 1)
    return start, start + relativedelta(months=1, days=-1)


def _latest_not_after(pub: Published, month: int) -> int:
    return pub.date.year if month <= pub.date.month else pub.date.year - 1


def _year_bounds(year: int) -> tuple[Date, Date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# A resolver gets the match, the publication and the language and returns
# (start, end, precision, role); start None means "could not resolve".
Resolved = tuple[Date | None, Date | None, str, str]
Resolver = Callable[[re.Match, Published | None, str], Resolved]
UNKNOWN_SPAN: Resolved = (None, None, "unknown", "span")


def _context_year(m: re.Match, pub: Published | None) -> int | None:
    """The year a rule's match names, or implies ("this year", "last year"), or None."""
    groups = m.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("rel") and pub is not None:
        word = groups["rel"].lower()
        return pub.date.year - (1 if word in _LAST_YEAR_WORDS else 0)
    return None


_LAST_YEAR_WORDS = {"last year", "last year's", "vorig jaar", "vorige jaar", "지난해", "작년",
                    "전년", "지난 해"}


def _past_n(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    n = _count(m.group("n"), lang) if m.group("n") else 1  # "the past year"
    word = m.group("unit").lower()
    if word in ("twelve months", "12 months"):
        n, unit = 12, "month"
    elif word in ("decade", "decennium"):
        n, unit = 10, "year"
    else:
        unit = _UNIT_WORDS[word]
    if pub is None or n is None:
        return UNKNOWN_SPAN
    precision = pub.precision if unit in ("day", "week") else (
        "day" if pub.precision == "day" else "month")
    return pub.date - relativedelta(**{_UNIT_DELTA[unit]: n}), pub.end, precision, "span"


def _next_n(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    n = _count(m.group("n"), lang)
    unit = _UNIT_WORDS[m.group("unit").lower()]
    if pub is None or n is None or pub.precision != "day":
        return UNKNOWN_SPAN
    end = pub.date + relativedelta(**{_UNIT_DELTA[unit]: n}, days=-1)
    return pub.date, end, "year" if unit == "year" else "month", "span"


# After "N년간", a plan, a future or money committed makes it the years ahead ("3년간 100억원
# 투입", "들이겠다", "쓰기로"); a past tense makes it the years up to publication ("5년간 세관서
# 걸린 짝퉁", "압수했다"). Whichever comes first decides; neither: the years up to publication.
_FORWARD_KO = re.compile(r"계획|예정|겠|할\s|할 것|키로|하기로|방침|목표|투입|투자|쓰기로|쓴다|들인다"
                         r"|추진|편성|지원한다")
_PAST_KO = re.compile(r"했|됐|었|았|였|걸린|된\s|한\s|압수|적발")


def _n_years_by_tense(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    text = m.m.string
    rest = re.split(r"[.!?\n]", text[m.end():m.end() + 120], maxsplit=1)[0]
    ahead, past = _FORWARD_KO.search(rest), _PAST_KO.search(rest)
    forward = ahead is not None and (past is None or ahead.start() < past.start())
    return (_next_n if forward else _past_n)(m, pub, lang)


def _year_range(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    if m.groupdict().get("y1b"):  # "2014/15"
        first = int(m.group("y1b"))
        return _year_range_of(first, int(m.group("y2b")), lang)
    if m.groupdict().get("ys"):  # "the 2023-24 season": a football season, August to May
        first = int(m.group("ys"))
        return dt.date(first, 8, 1), dt.date(first + 1, 5, 31), "month", "span"
    first = int(m.group("y1"))
    if m.groupdict().get("next"):  # "2010년부터 이듬해까지": to the year after it
        return dt.date(first, 1, 1), dt.date(first + 1, 12, 31), "year", "span"
    if m.groupdict().get("rel2"):  # "from 2019 to last year": the end is relative
        if pub is None:
            return UNKNOWN_SPAN
        last = pub.date.year - (1 if m.group("rel2").lower() in ("last year", "vorig jaar")
                                else 0)
        end = dt.date(last, 12, 31) if last < pub.date.year else pub.end
        return (dt.date(first, 1, 1), end, "year", "span") if last >= first else UNKNOWN_SPAN
    return _year_range_of(first, int(m.group("y2")), lang)


def _year_range_of(first: int, last: int, lang: str) -> Resolved:
    if last < 100:
        last += first // 100 * 100  # "2019-22"
        if lang == "en" and last == first + 1:
            # "2014-15", "2014/15": a financial year written the British way, April to March
            # (a US federal one is written "fiscal 2015" or "FY2015")
            return dt.date(first, 4, 1), dt.date(last, 3, 31), "month", "span"
    if last < first:
        return UNKNOWN_SPAN
    return dt.date(first, 1, 1), dt.date(last, 12, 31), "year", "span"


def _month_range(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    first = _month_of(m.group("m1"), lang)
    last = _month_of(m.group("m2"), lang)
    if first is None or last is None or last < first:
        return UNKNOWN_SPAN
    year = _context_year(m, pub)
    if year is None:
        if pub is None:
            return UNKNOWN_SPAN
        year = _latest_not_after(pub, last)
    start = dt.date(year, first, 1)
    end = _month_bounds(year, last)[1]
    day = m.groupdict().get("d2")
    if day and int(day) <= end.day:  # "from January to September 30 last year"
        end = end.replace(day=int(day))
    if pub is not None and year == pub.date.year and end > pub.end >= start:
        end = pub.end  # "januari tot en met november" said in early December: not beyond
    return start, end, "month", "span"


def _month_of(token: str, lang: str) -> int | None:
    if token.isdigit():
        value = int(token)
        return value if 1 <= value <= 12 else None
    return month_number(token, lang)


def _month_year_range(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    first = _month_of(m.group("m1"), lang)
    y1 = int(m.group("y1"))
    if m.groupdict().get("lastmonth"):  # "2022년 3월부터 지난달까지"
        if pub is None:
            return UNKNOWN_SPAN
        previous = pub.date.replace(day=1) - relativedelta(months=1)
        last, y2 = previous.month, previous.year
    else:
        last = _month_of(m.group("m2"), lang)
        y2 = int(m.group("y2")) if m.group("y2") else (
            _context_year(m, pub) if m.groupdict().get("rel") else y1)
    if y2 is None:
        return UNKNOWN_SPAN
    if first is None or last is None:
        return UNKNOWN_SPAN
    day = m.group("d2")
    if day and not m.group("y2") and (y2, last) < (y1, first):
        y2 += 1  # "van oktober 2021 tot en met 31 januari": the January after it
    if (y2, last) < (y1, first):
        return UNKNOWN_SPAN
    if day:  # a day that does not exist ("31 February") raises: find_periods keeps it as text
        return dt.date(y1, first, 1), dt.date(y2, last, int(day)), "day", "span"
    return dt.date(y1, first, 1), _month_bounds(y2, last)[1], "month", "span"


def _days_from(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"5월 1일부터 40일 동안", "for 40 days from 1 May", "vanaf 1 mei veertig dagen lang":
    an operation named by its first day and its length."""
    start = _dated_day(m, pub, lang, upcoming_days=UPCOMING_DAYS)
    n = _count(m.group("n"), lang)
    if start is None or not n:
        return UNKNOWN_SPAN
    unit = _UNIT_WORDS[m.group("unit").lower()]
    end = start + relativedelta(**{_UNIT_DELTA[unit]: n}) - dt.timedelta(days=1)
    return start, end, "day", "span"


def _day_range(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"between 13 and 20 May", "van 9 tot en met 16 oktober", "10월 30일부터 11월 28일까지":
    the days of an operation or a crackdown. The first month is the second's when not said;
    the year is the one named, else the latest not after publication."""
    if m.group("month_of"):  # "이달 2일부터 9일까지": days of this month (or of last month)
        if pub is None or pub.precision != "day":
            return UNKNOWN_SPAN
        base = pub.date.replace(day=1)
        if m.group("month_of") == "지난달":
            base -= relativedelta(months=1)
        try:
            start, end = base.replace(day=int(m.group("d1"))), base.replace(day=int(m.group("d2")))
        except ValueError:
            return UNKNOWN_SPAN
        return (start, end, "day", "span") if start <= end else UNKNOWN_SPAN
    if not (m.group("m1") or m.group("m2")):
        return UNKNOWN_SPAN
    last_month = _month_of(m.group("m2") or m.group("m1"), lang)
    first_month = _month_of(m.group("m1"), lang) if m.group("m1") else last_month
    if first_month is None or last_month is None:
        return UNKNOWN_SPAN
    year = int(m.group("y2") or m.group("y1") or 0) or None
    if year is None:
        if pub is None:
            return UNKNOWN_SPAN
        year = _latest_not_after(pub, last_month)
    first_year = int(m.group("y1")) if m.group("y1") else (
        year - 1 if first_month > last_month else year)
    try:
        start = dt.date(first_year, first_month, int(m.group("d1")))
        end = dt.date(year, last_month, int(m.group("d2")))
    except ValueError:
        return UNKNOWN_SPAN
    if end < start:
        return UNKNOWN_SPAN
    return start, end, "day", "span"


def _year_begun(m: re.Match, pub: Published | None, month: int) -> int | None:
    """The year the match names, else the latest year whose `month` had begun when the
    article was published ("the second half" said in March is last year's)."""
    year = _context_year(m, pub)
    if year is not None or pub is None:
        return year
    return pub.date.year if dt.date(pub.date.year, month, 1) <= pub.end else pub.date.year - 1


def _half(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    half = _ORDINAL[m.group("h").lower()]
    year = _year_begun(m, pub, 6 * half - 5)
    if year is None:
        return UNKNOWN_SPAN
    start = dt.date(year, 6 * half - 5, 1)
    return start, start + relativedelta(months=6, days=-1), "quarter", "span"


def _first_months(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"the first nine months of 2014", "de eerste drie maanden van dit jaar"."""
    n = _count(m.group("n"), lang)
    if n is None or not 1 <= n <= 12:
        return UNKNOWN_SPAN
    year = _year_begun(m, pub, n)
    if year is None:
        return UNKNOWN_SPAN
    return dt.date(year, 1, 1), _month_bounds(year, n)[1], "month", "span"


def _quarter(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    q = _ORDINAL.get(m.group("q").lower())
    if q is None:
        return UNKNOWN_SPAN
    year = _year_begun(m, pub, 3 * q - 2)
    if year is None:
        return UNKNOWN_SPAN
    start = dt.date(year, 3 * q - 2, 1)
    return start, start + relativedelta(months=3, days=-1), "quarter", "span"


def _first_quarters(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"the first three quarters", "1~3분기", "올해 3분기까지": from January to the end of
    the last quarter named (two to four: the rule's words allow no other)."""
    n = _count(m.group("n"), lang)
    year = _year_begun(m, pub, 3 * n - 2)
    if year is None:
        return UNKNOWN_SPAN
    return dt.date(year, 1, 1), _month_bounds(year, 3 * n)[1], "quarter", "span"


def _fiscal_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    # Read as the US federal fiscal year (October to September), the one that press reports
    # of customs seizures use; a review corrects another country's.
    year = int(m.group("year"))
    if year < 100:
        year += 2000
    return dt.date(year - 1, 10, 1), dt.date(year, 9, 30), "month", "span"


def _year_to_date(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    if pub is None:
        return UNKNOWN_SPAN
    return dt.date(pub.date.year, 1, 1), pub.end, pub.precision, "span"


def _to_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"올해 8월까지": from January to the end of that month of the publication year; "지난해에는
    10월 말까지" of the year before."""
    month = int(m.group("month"))
    if pub is None:
        return UNKNOWN_SPAN
    year = pub.date.year - (1 if m.group("last") else 0)
    return dt.date(year, 1, 1), _month_bounds(year, month)[1], "month", "span"


def _this_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    if pub is None:
        return UNKNOWN_SPAN
    if pub.precision == "year":
        return (*_year_bounds(pub.date.year), "year", "span")
    return dt.date(pub.date.year, 1, 1), pub.end, "year", "span"


def _year_offset(offset: int, role: str = "span") -> Resolver:
    def resolve(m: re.Match, pub: Published | None, lang: str) -> Resolved:
        if pub is None:
            return None, None, "unknown", role
        year = pub.date.year + offset
        if role == "start":
            return dt.date(year, 1, 1), pub.end, "year", role
        return (*_year_bounds(year), "year", role)
    return resolve


_CALENDAR_UNITS = {"week": relativedelta(weeks=1), "month": relativedelta(months=1),
                   "quarter": relativedelta(months=3)}


def _unit_start(day: Date, unit: str) -> Date:
    """The first day of the calendar week (a Monday), month or quarter `day` is in."""
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    first_month = day.month if unit == "month" else 3 * ((day.month - 1) // 3) + 1
    return dt.date(day.year, first_month, 1)


def _calendar_unit(unit: str, previous: bool) -> Resolver:
    """"last week", "last month", "vorig kwartaal": the whole calendar unit before the
    publication's, as "last year" is; "this week", "이달 들어", "this quarter": from the start
    of the publication's unit to its date, as "this year" runs. A week needs the day of
    publication, a month or a quarter its month."""
    step = _CALENDAR_UNITS[unit]

    def resolve(m: re.Match, pub: Published | None, lang: str) -> Resolved:
        if pub is None or pub.precision == "year" or (unit == "week" and pub.precision != "day"):
            return UNKNOWN_SPAN
        start = _unit_start(pub.date, unit)
        if previous:
            start -= step
            return start, start + step - dt.timedelta(days=1), unit, "span"
        return start, pub.end, unit, "span"
    return resolve


_LAST_WEEK, _THIS_WEEK = _calendar_unit("week", True), _calendar_unit("week", False)


def _since_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    month = _month_of(m.group("month"), lang)
    if pub is None or month is None:
        return None, None, "unknown", "start"
    year = int(m.group("year")) if m.groupdict().get("year") else _latest_not_after(pub, month)
    if dt.date(year, month, 1) > pub.end:
        return None, None, "unknown", "start"  # "내년 1월부터": from when a rule applies
    return dt.date(year, month, 1), pub.end, "month", "start"


def _since_day(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"since 1 December", "sinds 27 augustus 2019": from that day to publication."""
    if pub is None:
        return None, None, "unknown", "start"
    day = _dated_day(m, pub, lang, upcoming_days=0)
    if day is None or day > pub.end:
        return None, None, "unknown", "start"
    return day, pub.end, "day", "start"


def _since_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    year = int(m.group("year"))
    return dt.date(year, 1, 1), (pub.end if pub else None), "year", "start"


def _in_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    month = _month_of(m.group("month"), lang)
    year = _context_year(m, pub)
    if month is None or (pub is None and year is None):
        return None, None, "unknown", "point"
    if year is None:
        year = _latest_not_after(pub, month)
    return (*_month_bounds(year, month), "month", "point")


# A bare day ahead of publication by at most this much is a coming one ("Op 11 november is
# het weer Singles Day", said in October); further ahead, it is last year's.
UPCOMING_DAYS = 62
# ... unless it opens what is to come: "vanaf 1 juli moeten kopers betalen"
_OPENS_AHEAD = re.compile(r"(?:\bvanaf|\bper|\bmet ingang van|\bfrom|\bstarting|\bas of|"
                          r"\beffective)\s+$", re.IGNORECASE)


def _day_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    day = _dated_day(m, pub, lang, upcoming_days=UPCOMING_DAYS)
    return (day, day, "day", "point") if day is not None else (None, None, "unknown", "point")


def _dated_day(m: re.Match, pub: Published | None, lang: str,
               upcoming_days: int) -> Date | None:
    """The day a day-and-month names, in the year it names or implies; with none, the
    latest such day up to `upcoming_days` after publication ("op 12 september" in a February
    report is last September's). None when there is no such day."""
    month = _month_of(m.group("month"), lang)
    year = _context_year(m, pub)
    if month is None or (pub is None and year is None):
        return None
    day_no = int(m.group("day"))
    if year is not None:
        candidates = (year,)
    else:
        year = pub.end.year
        opens = _OPENS_AHEAD.search(m.m.string, max(0, m.m.start() - 24), m.m.start())
        # (the 28th stands in for a 29 February: which year has one is settled below)
        if dt.date(year, month, min(day_no, 28)) > \
                pub.end + dt.timedelta(days=upcoming_days) and not opens:
            year -= 1
        candidates = (year, year - 1)  # "29 februari" in a common year: the leap year before
    for candidate in candidates:
        try:
            return dt.date(candidate, month, day_no)
        except ValueError:
            continue
    return None  # "31 april"


# months named against publication (spaces removed), by how many months after it they are
_MONTHS_FROM_PUBLICATION = {"지난달": -1, "이달": 0, "이번달": 0, "다음달": 1, "내달": 1}


def _day_of_named_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"지난달 26일", "이달 1일", "다음 달 20일": that day of the month named against
    publication (not the whole month, nor a day of the publication month)."""
    if pub is None or pub.precision != "day":
        return None, None, "unknown", "point"
    base = pub.date.replace(day=1) + relativedelta(
        months=_MONTHS_FROM_PUBLICATION["".join(m.group("month_of").split())])
    try:
        when = base.replace(day=int(m.group("day")))
    except ValueError:
        return None, None, "unknown", "point"
    return when, when, "day", "point"


def _day_only(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"on the 6th", "지난 12일": a day of the publication month (or the month before)."""
    if pub is None or pub.precision != "day":
        return None, None, "unknown", "point"
    day = int(m.group("day"))
    ahead = bool(m.groupdict().get("ahead"))
    base = pub.date
    if not ahead and day > pub.date.day:  # "on the 28th" said on the 6th: last month's
        base = pub.date.replace(day=1) - relativedelta(months=1)
    if ahead and day < pub.date.day:  # "오는 3일" said on the 20th: next month's
        base = pub.date.replace(day=1) + relativedelta(months=1)
    try:
        when = base.replace(day=day)
    except ValueError:
        return None, None, "unknown", "point"
    return when, when, "day", "point"


_WEEKDAYS = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "ko": ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일")}
_WEEKDAY_NAMES = {lang: "|".join(names) for lang, names in _WEEKDAYS.items()}
# Any weekday in any language: what extraction checks to tell a weekday from a date.
WEEKDAY = re.compile("|".join(_WEEKDAY_NAMES.values()), re.IGNORECASE)


def _weekday(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"on Monday", "dinsdag": the last such day up to the publication day (news reports what
    happened this week)."""
    if pub is None or pub.precision != "day":
        return None, None, "unknown", "point"
    weekday = _WEEKDAYS[lang].index(m.group("weekday").lower())
    when = pub.date - dt.timedelta(days=(pub.date.weekday() - weekday) % 7)
    return when, when, "day", "point"


def _years_ago(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    n = _count(m.group("n"), lang)
    if pub is None or n is None:
        return None, None, "unknown", "point"
    return (*_year_bounds(pub.date.year - n), "year", "point")


def _in_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    return (*_year_bounds(int(m.group("year"))), "year", "span")


def _end_of_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    year = _context_year(m, pub)
    if year is None:
        return UNKNOWN_SPAN
    return dt.date(year, 12, 31), dt.date(year, 12, 31), "day", "span"


def _by_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    year = int(m.group("year"))
    if m.groupdict().get("until") and (pub is None or year < pub.date.year):
        # "Until 2019, customs seized 500 a year": that year, as "in 2019" would be read
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "span"
    if pub is None or pub.precision != "day":
        return UNKNOWN_SPAN
    if year < pub.date.year:
        return UNKNOWN_SPAN
    return pub.date, dt.date(year, 12, 31), "year", "span"


def _decade(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    tens = _DECADES[m.group("tens").lower()]
    start = 1900 + tens
    if m.group("late"):
        return dt.date(start + 7, 1, 1), dt.date(start + 9, 12, 31), "year", "point"
    return dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "year", "point"


def _unresolvable(role: str) -> Resolver:
    def resolve(m: re.Match, pub: Published | None, lang: str) -> Resolved:
        return None, None, "unknown", role
    return resolve


def _since_then(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """The start is the window the figure's context names; the end is publication."""
    return None, (pub.end if pub else None), "unknown", "since"


def _same_period_in_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "relative"


def _month_that_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    """"In juli van dat jaar": the month, in the year the context names."""
    return None, None, "month", "relative"


def _relative_year(offset: int) -> Resolver:
    def resolve(m: re.Match, pub: Published | None, lang: str) -> Resolved:
        return None, None, "year", "relative"
    resolve.offset_years = offset  # type: ignore[attr-defined]
    return resolve


@dataclass(frozen=True)
class Rule:
    """One kind of time expression, with its words per language."""
    resolve: Resolver
    en: str = ""
    nl: str = ""
    ko: str = ""
    # every match names a month (a month word, or 월): the rule is run only around them
    monthly: bool = False


_REL = r"(?P<rel>this year|last year|dit jaar|vorig jaar|vorige jaar|올해|지난해|작년|올)"
# "that year" in each language: a window resolved against the year last named (figures.py
# reads a period's surface with these too). Korean takes a particle or a break after it.
THAT_YEAR_WORDS = {"en": r"\b(?:that|the same) year\b",
                   "nl": r"\b(?:dat|datzelfde|hetzelfde) jaar\b",
                   "ko": r"그\s?해(?=[\s,.)]|에|의|는|도|$)"}
# "since the litigation began in February 2022", "sinds de start in 2016": since the date the
# beginning is dated by (one or two words name what began).
_EN_BEGAN = (r"(?:(?:the |its |their )?(?:[a-z-]+ ){0,2}?(?:began|started|was launched|"
             r"launched|opened|was set up|was founded|was introduced|took effect|launch|"
             r"inception|creation) in )?")
_NL_BEGAN = r"(?:(?:de|het|zijn|haar) (?:start|oprichting|lancering|invoering|begin) in )?"
# A Korean particle or a break after a week word ("지난주에", "이번 주부터"), not a longer word.
_KO_WEEK_END = r"(?=[\s,.)]|에|부터|까지|는|의|와|엔|도|$)"


_RULES: tuple[Rule, ...] = (
    Rule(_months_to,
         en=rf"\b(?:in |during |over |for )?the (?:(?P<n>{_NUM}) months?|year|twelve months|"
            rf"(?:fiscal|financial) year|(?P<quarter>quarter))(?: that| which)? (?:to|ending|ended|"
            rf"ends|through|up to)(?: in| on)? (?:the end of )?(?:(?P<day>\d{{1,2}}) )?"
            rf"(?P<month>{_MONTHS})(?: (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
            rf"(?:,? (?P<year>{_YEAR}))?\b",
         nl=rf"\b(?:in |over |gedurende )?(?:de (?P<n>{_NUM}) maanden|het (?:boek)?jaar) (?:tot "
            rf"(?:en met )?|(?:dat|die) (?:eindigde|eindigt|afliep) (?:in |op )?)"
            rf"(?:eind )?(?:(?P<day>\d{{1,2}}) )?(?P<month>{_MONTHS})(?: (?P<year>{_YEAR}))?\b",
         monthly=True),
    Rule(_fiscal_year,
         en=rf"\b(?:in |during |for )?(?:the )?(?:fiscal|financial) (?:year )?(?P<year>{_YEAR})"
            rf"|\bFY ?(?P<yy>{_YEAR}|\d\d)\b"),
    Rule(_year_range,
         en=rf"\b(?:in )?(?:the )?(?P<ys>{_YEAR})[-–/](?:{_YEAR}|\d\d) season\b"
            rf"|\b(?:from |between |in )?(?P<y1>{_YEAR}) ?(?:to|and|through|until|-|–|—) ?"
            rf"(?:(?P<y2>{_YEAR}|(?<=[-–—])\d\d)\b|(?<=to )(?P<rel2>last year|this year)\b)"
            rf"|\b(?:in )?(?P<y1b>{_YEAR})/(?P<y2b>\d\d)\b",
         nl=rf"\b(?:in )?(?:het )?seizoen (?P<ys>{_YEAR})[-–/](?:{_YEAR}|\d\d)\b"
            rf"|\b(?:van |tussen |in )?(?P<y1>{_YEAR}) ?(?:tot en met|t/m|tot|en|-|–) ?"
            rf"(?:(?P<y2>{_YEAR})\b|(?<=tot )(?P<rel2>vorig jaar|dit jaar)\b)",
         ko=rf"(?P<y1>{_YEAR})년?\s?(?:부터|~|∼|-|–)\s?(?:(?P<y2>{_YEAR})년?|(?P<next>이듬해|"
            rf"다음 해))(?:까지)?"),
    Rule(_past_n,
         en=rf"\b(?:in |over |during |for )?the (?:past|last|previous|preceding) (?P<n>{_NUM}) "
            rf"(?P<unit>days|weeks|months|years)\b"
            rf"|\b(?:in |over |during )?(?:the|this) past (?P<unitb>year|twelve months|12 months|"
            rf"week|decade)\b",
         nl=rf"\b(?:de |in de |over de )?(?:afgelopen|voorbije|laatste|vorige) (?P<n>{_NUM}) "
            rf"(?P<unit>dagen|weken|maanden|jaar)\b"
            rf"|\b(?:in |over )?het (?:afgelopen|voorbije) (?P<unitb>jaar|decennium)\b"
            rf"|\b(?:in |over )?de (?:afgelopen|voorbije) (?P<unitc>week)\b",
         # not "지난 2017년부터": a year, not 2,017 years back
         ko=rf"(?:지난|최근|과거)\s?(?!(?:19|20)\d\d년)(?P<n>{_KO_NUM})\s?(?P<unit>개월|달|주|년)"
            r"\s?(?:간|동안|새|사이)?"
            rf"|(?:지난|최근|과거)\s?(?P<nb>{_KO_NUM})\s?(?P<unitb>일)\s?(?:간|동안|새|사이)"),
    Rule(_next_n,
         en=rf"\b(?:over |in |during |for |within )?the (?:next|coming|following) (?P<n>{_NUM}) "
            rf"(?P<unit>years|months|weeks)\b|\bover (?P<nb>{_NUM}) (?P<unitb>years|months)\b",
         nl=rf"\b(?:in |over |gedurende )?de (?:komende|volgende) (?P<n>{_NUM}) "
            rf"(?P<unit>jaar|maanden|weken)\b",
         ko=rf"(?:향후|앞으로|오는)\s?(?P<n>{_KO_NUM})\s?(?P<unit>년|개월)\s?(?:간|동안)?"),
    Rule(_n_years_by_tense,
         ko=r"(?P<n>\d+)\s?(?P<unit>년)\s?(?:간|동안)"
            r"|(?P<nb>석|넉|두|세|네|다섯|여섯)\s?(?P<unitb>달)\s?(?:간|동안|새|사이)"),
    Rule(_to_month,
         ko=r"(?:(?P<this>올해|올)|(?<![재지])(?P<last>지난해|작년))(?:는|도|에는|에도)?\s?"
            r"(?:들어(?:서도|서는|서)?\s?)?(?P<month>1[0-2]|[1-9])\s?월\s?(?:말)?\s?까지",
         monthly=True),
    # the window of the event just told ("당시 쿠팡은", "at the time")
    Rule(_relative_year(0), en=r"\bat the time\b", nl=r"\bdestijds\b", ko=r"당시"),
    Rule(_month_that_year,
         en=rf"\b(?:in )?(?P<month>{_MONTHS})(?: of)? (?:that|the same) year\b",
         nl=rf"\b(?:in )?(?P<month>{_MONTHS}) (?:van )?(?:dat|datzelfde|hetzelfde) jaar\b",
         ko=r"(?:그해|그 해|같은 해)\s?(?P<month>1[0-2]|[1-9])월(?!\s?\d{1,2}\s?일)",
         monthly=True),
    # the window just named, a year before ("the same period a year earlier", "지난해 같은 기간"):
    # the context's window shifted back a year, not the whole of last year
    Rule(_relative_year(-1),
         en=r"\b(?:in |during |over |for )?the same (?:period|months?|quarter|half|time) "
            r"(?:a year (?:earlier|before|ago)|(?:of |in )?(?:the )?(?:last|previous|prior) year)\b"
            r"|\b(?:in |for )?the year-(?:earlier|ago) (?:period|quarter)\b",
         nl=r"\b(?:in |over |tijdens )?dezelfde periode (?:een jaar eerder|een jaar daarvoor|"
            r"(?:van |in )?(?:vorig|het vorige) jaar|(?:van |in )?het jaar (?:ervoor|daarvoor))\b"
            r"|\b(?:in )?hetzelfde kwartaal (?:van |in )?vorig jaar\b",
         ko=r"(?:지난해|작년|전년|전년도|지난 해)\s?(?:같은 기간|동\s?기간|동기)(?!간)"
            r"(?!\s?(?:대비|보다|에 비해|와 비교|과 비교))"),
    # the window just named, in another year ("in the same period of 2023", "2023년 같은 기간"):
    # start and end mark the year; the figure's context gives the months
    Rule(_same_period_in_year,
         en=rf"\b(?:in |during |over )?the same (?:period|months?|quarter|half) (?:of|in) "
            rf"(?P<year>{_YEAR})\b",
         nl=rf"\b(?:in |over )?dezelfde periode (?:van|in) (?P<year>{_YEAR})\b",
         ko=rf"(?P<year>{_YEAR})년\s?같은 기간"),
    # the window just named, referred to again ("the same period", "over those eight days",
    # "이 기간"): resolved by the figure's context
    Rule(_relative_year(0),
         en=r"\b(?:in |over |during |for )?(?:the same|that|this|the) period\b"
            r"|\b(?:over|during|in) (?:those|these) (?:\w+ )?(?:days|weeks|months)\b"
            r"|\b(?:over|during|in) the (?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
            r"twelve|\d{1,2}) (?:days|weeks|months)\b(?! (?:of|to|ending|ended|through|up to|"
            r"before|after|since|from|following|until|prior|leading|between))"
            r"|\b(?:during|over|in) the (?:week|year|twelve months|12 months)\b"
            rf"|{THAT_YEAR_WORDS['en']}"
            r"|\b(?:during|in) the (?:operation|crackdown|campaign)\b",
         nl=r"\b(?:in |over |tijdens )?(?:dezelfde|die|deze) periode\b"
            r"|\b(?:tijdens|in) (?:de|die|deze) (?:actieweek|week|actie|operatie)\b"
            rf"|{THAT_YEAR_WORDS['nl']}",
         ko=r"같은 기간|이 기간|해당 기간|그 기간|이 기간 동안|이번 단속(?:\s?기간)?|단속 기간"
            rf"|이번 조사|조사 기간|{THAT_YEAR_WORDS['ko']}(?!\s\d)"),  # not "그해 12월"
    Rule(_unresolvable("span"),
         ko=r"\d+\s?(?:년|개월)(?:\s?\d+\s?개월)?\s?(?:에 걸친|에 걸쳐)"
            r"|\d+\s?개월\s?(?:간|동안)"),
    Rule(_year_to_date,
         en=r"\b(?:so far this year|this year so far|year[- ]to[- ]date|since the start of "
            r"(?:the|this) year|since the beginning of (?:the|this) year|in the year to date)\b",
         nl=r"\b(?:dit jaar tot nu toe|tot nu toe dit jaar|sinds (?:het )?begin (?:van )?dit "
            r"jaar|dit jaar tot dusver)\b",
         ko=r"올해\s?들어|올\s?들어|연초부터|올해\s?현재까지"),
    # from the date just named to publication ("Since then", "Since its launch", "지금까지")
    Rule(_since_then,
         # (a beginning with its date after it is since that date: "since its launch in March
         # 2020", _since_month)
         # ("since it started in June 2010" stays this rule's: the launch sentence gives it)
         en=r"\b(?:ever )?since (?:then|that time|it (?:was set up|began work|started)|it was "
            r"launched)\b|\b(?:ever )?since (?:its launch|the launch|its creation|its inception)\b"
            rf"(?! in (?:{_YEAR}|{_MONTHS})\b)|\b(?:so far|to date|until now)\b",
         nl=r"\bsindsdien\b|\bsinds (?:de|het|zijn|haar) (?:start|oprichting|lancering|begin)\b"
            rf"(?! in (?:{_YEAR}|{_MONTHS})\b)|\b(?:tot nu toe|tot dusver)\b",
         ko=r"그 이후|그동안|이후 지금까지|출범 이후|지금까지|현재까지"),
    Rule(_month_year_range,
         en=rf"\b(?:from |between )?(?P<m1>{_MONTHS}) (?P<y1>{_YEAR}) (?:to|and|through|until) "
            rf"(?:the end of )?(?:(?P<m2>{_MONTHS}) (?P<y2>{_YEAR})\b|(?:the )?(?P<d2>\d{{1,2}})"
            rf"(?:st|nd|rd|th)? (?:of )?(?P<m2b>{_MONTHS})\b(?:,? (?P<y2b>{_YEAR}))?)",
         nl=rf"\b(?:van |tussen )?(?P<m1>{_MONTHS}) (?P<y1>{_YEAR}) (?:tot en met|t/m|tot|en) "
            rf"(?:eind )?(?:(?P<m2>{_MONTHS}) (?P<y2>{_YEAR})\b|(?P<d2>\d{{1,2}}) "
            rf"(?P<m2b>{_MONTHS})\b(?: (?P<y2b>{_YEAR}))?)",
         ko=rf"(?P<y1>{_YEAR})년\s?(?P<m1>1[0-2]|[1-9])월\s?(?:부터|~|∼|-)\s?(?:(?P<y2>{_YEAR})년\s?|"
            rf"{_REL}\s?)?(?:(?P<m2>1[0-2]|[1-9])월|(?P<lastmonth>지난달|지난 달))(?:\s?까지)?",
         monthly=True),
    Rule(_days_from,
         en=rf"\bfor (?P<n>{_NUM}) (?P<unit>days|weeks|months) (?:from|starting(?: on)?|"
            rf"beginning(?: on)?) (?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTHS})|"
            rf"(?P<month2>{_MONTHS}) (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)\b,?(?: (?P<year>{_YEAR}))?",
         nl=rf"\b(?:van|vanaf) (?P<day>\d{{1,2}}) (?P<month>{_MONTHS})(?: (?P<year>{_YEAR}))? "
            rf"(?:gedurende )?(?P<n>{_NUM}) (?P<unit>dagen|weken|maanden) lang\b",
         ko=rf"(?:(?P<year>{_YEAR})년\s?|{_REL}\s?)?(?P<month>1[0-2]|[1-9])월\s?"
            rf"(?P<day>[1-9]|[12]\d|3[01])일\s?부터\s?(?P<n>{_KO_NUM})\s?(?P<unit>일|주|개월)"
            rf"\s?(?:간|동안)",
         monthly=True),
    Rule(_day_range,
         en=rf"\b(?:from |between )?(?P<m1>{_MONTHS}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)? ?"
            rf"(?:to|and|until|through|-|–) ?(?:(?P<m2>{_MONTHS}) )?(?P<d2>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?\b,?(?: (?P<y2>{_YEAR}))?"
            rf"|\b(?:from |between )?(?P<d1b>\d{{1,2}})(?:st|nd|rd|th)?(?: (?P<m1b>{_MONTHS}))? ?"
            rf"(?:to|and|until|through|-|–) ?(?P<d2b>\d{{1,2}})(?:st|nd|rd|th)? "
            rf"(?P<m2b>{_MONTHS})\b,?(?: (?P<y2b>{_YEAR}))?",
         nl=rf"\b(?:van |tussen )?(?P<d1>\d{{1,2}})(?: (?P<m1>{_MONTHS}))? ?(?:tot en met|t/m|tot|"
            rf"en|-|–) ?(?P<d2>\d{{1,2}}) (?P<m2>{_MONTHS})\b(?: (?P<y2>{_YEAR}))?",
         ko=rf"(?:(?P<y1>{_YEAR})년\s?)?(?P<m1>1[0-2]|[1-9])월\s?(?P<d1>[1-9]|[12]\d|3[01])일\s?"
            rf"(?:부터|~|∼|-|–)\s?(?:(?P<y2>{_YEAR})년\s?)?(?:(?P<m2>1[0-2]|[1-9])월\s?)?"
            rf"(?P<d2>[1-9]|[12]\d|3[01])일(?:\s?까지)?"
            rf"|(?P<month_of>이달|이번 달|지난달)\s?(?P<d1b>[1-9]|[12]\d|3[01])일\s?(?:부터|~|∼|-|–)"
            rf"\s?(?P<d2b>[1-9]|[12]\d|3[01])일(?:\s?까지)?",
         monthly=True),
    Rule(_month_range,
         en=rf"\b(?:from |between |in )(?:the )?(?P<m1>{_MONTHS})(?: (?:to|and|through|until) "
            rf"|-to-|[-–])(?:the end of |the middle of |mid-|mid |late |early )?"
            rf"(?P<m2>{_MONTHS})(?: (?P<d2>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?)?"
            rf"(?:,? (?P<year>{_YEAR})|,? {_REL})?\b",
         nl=rf"\b(?:van |tussen )?(?P<m1>{_MONTHS}) (?:tot en met|t/m|tot|en) (?:eind |half "
            rf"|medio |midden |begin )?(?P<m2>{_MONTHS})(?: (?P<year>{_YEAR})| {_REL})?\b",
         ko=rf"(?:(?P<year>{_YEAR})년\s?|{_REL}\s?)?(?P<m1>1[0-2]|[1-9])\s?(?:월\s?)?(?:~|∼|-|"
            rf"부터)\s?(?P<m2>1[0-2]|[1-9])\s?월(?:\s?(?:초|중순|말))?(?:까지)?",
         monthly=True),
    Rule(_half,
         en=rf"\b(?:in |during )?(?:the )?(?P<h>first|second) half(?: of (?:(?P<year>{_YEAR})|"
            rf"{_REL}|the year))?|\bH(?P<hh>[12]) ?(?P<yy>{_YEAR})?\b",
         nl=rf"\b(?:in )?(?:het |de )?(?P<h>eerste|tweede) (?:halfjaar|helft|jaarhelft)"
            rf"(?: van (?:(?P<year>{_YEAR})|{_REL}))?",
         ko=rf"(?:(?P<year>{_YEAR})년\s?|{_REL}\s?)?(?P<h>상|하)반기"),
    Rule(_first_months,
         en=rf"\b(?:in |during |over )?the first (?P<n>{_NUM}) months(?: of (?:(?P<year>{_YEAR})|"
            rf"{_REL}|the year))?",
         nl=rf"\b(?:in |over )?de eerste (?P<n>{_NUM}) maanden(?: van (?:(?P<year>{_YEAR})|{_REL}|"
            rf"het jaar))?"),
    Rule(_first_quarters,
         en=rf"\b(?:in |during |over )?the first (?P<n>two|three|2|3) quarters(?: of "
            rf"(?:(?P<year>{_YEAR})|{_REL}|the year))?",
         nl=rf"\b(?:in |over )?de eerste (?P<n>twee|drie|2|3) kwartalen(?: van (?:(?P<year>{_YEAR})|"
            rf"{_REL}|het jaar))?",
         ko=rf"(?:(?P<year>{_YEAR})년\s?|{_REL}\s?)?(?<!\d)1\s?(?:분기\s?)?(?:~|∼|-|–|부터)\s?(?P<n>[2-4])"
            # a group is named once per pattern: the second alternative's year word is relb
            rf"\s?분기(?:까지)?|(?:(?P<yearb>{_YEAR})년\s?|{_REL.replace('<rel>', '<relb>')}\s?)"
            rf"(?P<nb>[2-4])\s?분기\s?까지"),
    Rule(_calendar_unit("quarter", previous=True),
         en=r"\b(?:in |during )?(?:last|the previous|the past|the preceding) quarter\b"
            r"(?! of)(?![ -]century)",
         nl=r"\b(?:in )?(?:het )?(?:vorige|vorig|afgelopen) kwartaal\b",
         ko=r"지난\s?분기|직전\s?분기"),
    Rule(_calendar_unit("quarter", previous=False), en=r"\b(?:in |during )?this quarter\b",
         nl=r"\b(?:in )?dit kwartaal\b",
         ko=r"이번\s?분기"),
    Rule(_quarter,
         en=rf"\b(?:in |during )?(?:the )?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|"
            rf"4th) quarter(?![ -]century)(?: of (?:(?P<year>{_YEAR})|{_REL}|the year))?"
            rf"|\bQ(?P<qq>[1-4]) ?(?P<yy>{_YEAR})?",
         nl=rf"\b(?:in )?(?:het )?(?P<q>eerste|tweede|derde|vierde|laatste|1e|2e|3e|4e) kwartaal"
            rf"(?: (?:van )?(?:(?P<year>{_YEAR})|{_REL}))?",
         ko=rf"(?:(?P<year>{_YEAR})년\s?|{_REL}\s?)?(?P<q>[1-4])\s?분기"),
    Rule(_end_of_year,
         en=rf"\b(?:at |by )?the end of (?:(?P<year>{_YEAR})|{_REL})\b|\bend-(?P<yy>{_YEAR})\b",
         nl=rf"\b(?:eind|eind van|aan het eind van|ultimo) (?:(?P<year>{_YEAR})|{_REL})\b",
         ko=rf"(?:(?P<year>{_YEAR})년|{_REL})\s?(?:말|연말)"),
    Rule(_since_day,
         en=rf"\bsince (?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTHS})\b,?"
            rf"(?: (?P<year>{_YEAR})| {_REL})?"
            rf"|\bsince (?P<month2>{_MONTHS}) (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b,?"
            rf"(?: (?P<year2>{_YEAR}))?",
         nl=rf"\bsinds (?P<day>\d{{1,2}}) (?P<month>{_MONTHS})\b(?: (?P<year>{_YEAR})| {_REL})?",
         ko=rf"(?:(?P<year>{_YEAR})년\s?|{_REL}\s?)?(?P<month>1[0-2]|[1-9])월\s?"
            rf"(?P<day>[1-9]|[12]\d|3[01])일\s?(?:이후|以後)",
         monthly=True),
    Rule(_since_month,
         en=rf"\bsince {_EN_BEGAN}(?:the start of |the beginning of |the end of |early |late "
            rf"|mid-)?(?P<month>{_MONTHS})\b"
            rf"(?: (?P<year>{_YEAR}))?(?: this year)?",
         nl=rf"\bsinds {_NL_BEGAN}(?:begin |eind )?(?P<month>{_MONTHS})\b(?: (?P<year>{_YEAR}))?"
            rf"(?: dit jaar)?",
         ko=rf"(?P<year>{_YEAR})년\s?(?P<month>1[0-2]|[1-9])월\s?(?:이후|부터)",
         monthly=True),
    Rule(_day_of_named_month,
         ko=r"(?P<month_of>지난\s?달|이달|이번\s?달|다음\s?달|내달)\s?(?P<day>[1-9]|[12]\d|3[01])일"
            r"(?!\s?(?:간|동안|이내|만에|째|안))", monthly=True),
    Rule(_day_month,
         en=rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTHS})\b,?"
            rf"(?: (?P<year>{_YEAR})| {_REL})?"
            rf"|\b(?P<month2>{_MONTHS}) (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b,?(?: (?P<year2>{_YEAR}))?",
         nl=rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTHS})\b(?: (?P<year>{_YEAR})| {_REL})?",
         ko=rf"(?:(?P<year>{_YEAR})년\s?|{_REL}\s?)?(?P<month>1[0-2]|[1-9])월\s?"
            rf"(?P<day>[1-9]|[12]\d|3[01])일",
         monthly=True),
    Rule(_day_only, en=r"\bon the (?P<day>\d{1,2})(?:st|nd|rd|th)\b",
         ko=r"(?:지난|(?P<ahead>오는))\s?(?P<day>[1-9]|[12]\d|3[01])일(?!\s?(?:간|동안|이내|만에|째|안))"
            r"|(?<![\d.~∼\-])(?P<dayb>[1-9]|[12]\d|3[01])일(?=[\s,(]|에\s)(?!\s?(?:간|동안|이내|만에|째|안|"
            r"정도|가량|남짓|이상|넘게))"),
    # not "Cyber Monday", "Black Friday", nor "last Monday of the month"
    Rule(_weekday,
         en=rf"(?<!Cyber )(?<!Black )\b(?:on |last |this )?(?P<weekday>{_WEEKDAY_NAMES['en']})"
            r"\b(?! of)",
         nl=rf"\b(?:op |afgelopen |vorige )?(?P<weekday>{_WEEKDAY_NAMES['nl']})"
            r"(?:ochtend|middag|avond|nacht)?\b",
         ko=rf"(?:지난\s?)?(?P<weekday>{_WEEKDAY_NAMES['ko']})"),
    # "in May last year", "mei vorig jaar": the month of the year named after it
    Rule(_in_month,
         en=rf"\b(?:earlier |later |early |late )?(?:in |during |since )?(?:early |mid-|mid |late |"
            rf"the middle of |the end of |the beginning of |the start of )?(?P<month>{_MONTHS})"
            rf"(?:,? (?P<year>{_YEAR})|,? {_REL})\b"
            rf"|\b(?:earlier |later )?in (?:early |mid-|mid |late |the middle of |the end of |"
            rf"the beginning of |the start of )?(?P<monthb>{_MONTHS})\b",
         nl=rf"\b(?:in )?(?:begin |eind |half |medio |midden )?(?P<month>{_MONTHS})(?: "
            rf"(?P<year>{_YEAR})| {_REL})\b|(?<!tot )(?<!t/m )(?<!met )\b(?:in |begin |eind |half |"
            rf"medio |midden )"
            rf"(?:(?:begin|eind|half|medio) )?"
            rf"(?P<monthb>{_MONTHS})\b",
         ko=rf"(?:(?P<year>{_YEAR})년\s?|{_REL}\s?)?(?P<month>1[0-2]|[1-9])월(?!\s?\d{{1,2}}\s?일)",
         monthly=True),
    Rule(_year_offset(0, "start"),
         en=r"\b(?:starting|since|from) this year\b", nl=r"\bvanaf dit jaar\b",
         ko=r"올해부터"),
    Rule(_this_year, en=r"\bthis year(?:['’]s)?\b", nl=r"\bdit jaar\b",
         ko=r"올해|올 한 해"),
    Rule(_year_offset(-1), en=r"\blast year(?:['’]s)?\b|\bthe previous year\b",
         nl=r"\bvorig(?:e)? jaar\b", ko=r"작년|지난해|지난 해"),
    # what is planned for the year after publication ("내년 예산은 468억원")
    Rule(_year_offset(1), en=r"\bnext year(?:['’]s)?\b|\bthe coming year\b",
         nl=r"\bvolgend(?:e)? jaar\b|\bkomend(?:e)? jaar\b",
         ko=r"내년(?!\s?\d{1,2}\s?월)(?:도)?"),
    Rule(_relative_year(-1),
         en=r"\b(?:a year earlier|the year before|a year before|the prior year)\b",
         nl=r"\b(?:een jaar eerder|het jaar ervoor|het jaar daarvoor|een jaar daarvoor|"
            r"het jaar voordien|een jaar voordien)\b",
         ko=r"한 해 전|1년 전|전년(?!\s?(?:대비|보다|동기))"),
    Rule(_relative_year(1),
         en=r"\b(?:a year later|the following year|the year after)\b",
         nl=r"\b(?:een jaar later|het jaar daarop|het jaar erna|het jaar daarna|"
            r"(?:het|een) jaar nadien|het jaar erop|het volgende jaar)\b",
         ko=r"이듬해|그 이듬해|한 해 뒤|1년 뒤|1년 후"),
    Rule(_calendar_unit("month", previous=True), en=r"\blast month(?:['’]s)?\b",
         nl=r"\bvorige maand\b", ko=r"지난달"),
    Rule(_calendar_unit("month", previous=False),
         en=r"(?<!later )(?<!end of )\b(?:earlier )?this month(?:['’]s)?\b",
         nl=r"(?<!eind )\b(?:eerder )?deze maand\b",
         ko=r"(?:이달|이번\s?달)(?!\s?\d)(?!\s?(?:말|부터|중|안))(?:\s?들어)?"),
    Rule(_LAST_WEEK, en=r"\blast week(?:['’]s)?\b(?! of)", nl=r"\b(?:vorige|verleden) week\b",
         ko=rf"지난\s?주{_KO_WEEK_END}"),
    Rule(_THIS_WEEK, en=r"(?<!later )(?<!end of )\b(?:earlier )?this week(?:['’]s)?\b",
         nl=r"\b(?:eerder |begin )?deze week\b", ko=rf"이번\s?주{_KO_WEEK_END}"),
    Rule(_since_year, en=rf"\bsince {_EN_BEGAN}(?P<year>{_YEAR})\b",
         nl=rf"\b(?:sinds {_NL_BEGAN}|vanaf )(?P<year>{_YEAR})\b", ko=rf"(?P<year>{_YEAR})년\s?(?:이후|부터)"),
    Rule(_years_ago, en=rf"\b(?P<n>{_NUM}) years ago\b", nl=rf"\b(?P<n>{_NUM}) jaar geleden\b",
         # not a year ("2012년 전국 기초자치단체": 전국 is nationwide)
         ko=rf"(?<!\d)(?P<n>\d{{1,2}}|{_KO_NUM_WORDS})\s?년\s?전(?!{_JEON_WORDS})"),
    Rule(_by_year, en=rf"\b(?:by|(?P<until>until|through)) (?:the end of )?(?P<year>{_YEAR})\b"
                      rf"{_NO_COUNT_AFTER}",
         nl=rf"\b(?:tegen|(?P<until>tot en met|tot|t/m|uiterlijk in)) (?:eind )?"
            rf"(?P<year>{_YEAR})\b{_NO_COUNT_AFTER}",
         ko=rf"(?P<year>{_YEAR})년까지"),
    Rule(_in_year,
         en=rf"\b(?:in|during|for|of|throughout|over|covers|covering|covered) (?:the year |"
            rf"calendar year )?(?P<year>{_YEAR})\b|\b(?P<yy>{_YEAR})(?=['’]s\b|,)",
         nl=rf"\b(?:in|over|gedurende|tijdens|van) (?:het (?:hele )?jaar |heel )?(?P<year>{_YEAR})\b",
         ko=rf"(?P<year>{_YEAR})\s?년(?!\s?\d+\s?월)(?:\s?(?:한 해|동안|중|에|에는|의|도))?"),
    Rule(_decade, nl=r"\b(?P<late>eind )?(?:de )?jaren (?P<tens>twintig|dertig|veertig|vijftig|"
                     r"zestig|zeventig|tachtig|negentig)\b"),
    Rule(_unresolvable("point"), en=r"\brecently\b"),
    Rule(_unresolvable("start"), nl=r"\bsinds kort\b"),
)


# Words right before a day or a month that make it the day a report came out ("released in
# March", "published on 3 May", "gepubliceerd in juni"): when it was said, not what it counts.
_RELEASED = re.compile(r"(?:released|published|issued|presented|unveiled|said|announced|"
                       r"gepubliceerd|verschenen|gepresenteerd|uitgebracht)\s(?:in|on|op)?\s?$",
                       re.IGNORECASE)
# A Korean reporting verb right after a day or a week ("19일 밝혔다", "지난주 밝혔다").
_SAID_KO = re.compile(r"\s?(?:에\s?)?(?:밝혔|밝혀|발표|전했|공개|설명했|말했)")
# Words right after a day that make it the day something was said or made public (after a
# week only the Korean verbs: "seized ... last week, the ministry said" is the seizure's).
_SAID = re.compile(_SAID_KO.pattern +
                   r"|\s?[\uac00-\ud7a3]{0,6}에\s?따르면"  # "2일 법조계에 따르면": when it was reported
                   r"|,?\s?(?:he |she |it |they |the \w+ )?(?:said|announced|reported|told)\b"
                   r"|,?\s?(?:zei|meldde|maakte\s\w+\sbekend|liet\s\w+\sweten|kondigde)",
                   re.IGNORECASE)

# A reporting verb right before a week ("the company said this week", "becijferde deze week").
_SAID_BEFORE = re.compile(r"(?:said|says|announced|reported|told\s\w+|made public|zei|zegt|"
                          r"meldde|becijferde|presenteerde|publiceerde|maakte\s\w+\sbekend)"
                          r"\s$", re.IGNORECASE)
# Words after a week that make it the week a report came out ("dat deze week verscheen", "dat
# TikTok deze week naar buiten bracht").
_MADE_PUBLIC = re.compile(r"\s?(?:[\w-]+\s){0,3}?(?:naar buiten (?:bracht|kwam)|verscheen|"
                          r"uitbracht|bekendmaakte|bekendgemaakt|gepubliceerd|publiceerde|presenteerde|released|"
                          r"published)\b",
                          re.IGNORECASE)


@lru_cache(maxsize=8)
def _compiled(language: str) -> tuple[tuple[re.Pattern, Resolver, re.Pattern | None], ...]:
    """Each rule's pattern (for folded text), and what finds where it can match: the month
    words when it names a month, else the strings one of which each of its matches contains
    (anchors.needed_strings); None when it must be run on the whole text."""
    out = []
    for rule in _RULES:
        pattern = getattr(rule, language, "") or ""
        if pattern:
            folded = fold_pattern(pattern)
            needed = needed_strings(folded)
            where = _MONTH_WORD["ko" if language == "ko" else ""] if rule.monthly else \
                finder(needed) if needed else None
            out.append((re.compile(folded), rule.resolve, where))
    return tuple(out)


_MONTH_WORD = {"ko": re.compile(r"월|이달|이번\s?달|지난\s?달|다음\s?달|내달"), "": re.compile(rf"\b(?:{_MONTHS})\b")}


class _Match:
    """A regex match whose alternative groups (monthb, yy, hh, ...) read as the main ones."""
    _ALIASES = {"year": ("year", "yy", "yearb", "year2"), "month": ("month", "monthb", "month2"),
                "m1": ("m1", "m1b"), "m2": ("m2", "m2b"), "d1": ("d1", "d1b"),
                "d2": ("d2", "d2b"), "y2": ("y2", "y2b"),
                "day": ("day", "day2", "dayb"), "h": ("h", "hh"), "q": ("q", "qq"),
                "n": ("n", "nb"), "unit": ("unit", "unitb", "unitc"),
                "rel": ("rel", "relb")}

    def __init__(self, m: re.Match):
        self.m = m

    def group(self, name=0):
        if name == 0:
            return self.m.group()
        for alias in self._ALIASES.get(name, (name,)):
            if alias in self.m.re.groupindex and self.m.group(alias) is not None:
                value = self.m.group(alias)
                if name == "h" and value in ("1", "2"):
                    return {"1": "first", "2": "second"}[value]
                return value
        return None

    def groupdict(self):
        return {k: self.group(k) for k in set(self.m.re.groupindex) | set(self._ALIASES)}

    def start(self):
        return self.m.start()

    def end(self):
        return self.m.end()


def find_periods(text: str, language: str, published: Published | None) -> list[Period]:
    """Every time expression in `text`, resolved where the publication date allows."""
    found: list[Period] = []
    taken = bytearray(len(text))
    language = language if language in ("en", "nl", "ko") else "en"
    folded = fold_text(text)
    # the stretches a rule is run on, by what finds them (rules share the month words)
    around: dict[re.Pattern | None, list[tuple[int, int]]] = {None: [(0, len(text))]}
    for pattern, resolve, where in _compiled(language):
        if where not in around:
            around[where] = stretches(folded, where)
        for stretch_start, stretch_end in around[where]:
            _scan(text, folded, pattern, resolve, stretch_start, stretch_end, language,
                  published, taken, found)
    if language == "ko":  # "징역 8월", "징역 1년 6월": a court's term in months, no month
        found = [p for p in found if not (p.surface.endswith("월") and TERM_MONTHS_BEFORE.search(
            text, max(0, p.char_start - 12), p.char_start))]
    return _national_fiscal_years(text, _anchored(
        text, _joined_ranges(text, sorted(found, key=lambda p: p.char_start)), published))


# Countries whose government's financial year runs from July to June, and those where it does
# not (April to March in Britain, India, Japan, Canada; October to September in the US): an
# article that names the first more is read with their year.
_JULY_YEAR_COUNTRIES = re.compile(
    r"\b(?:kenya\w*|kenia\w*|uganda\w*|oegand\w*|tanzania\w*|australi\w*|"
    r"new zealand\w*|nieuw-zeeland\w*|pakistan\w*|egypt\w*|egypte\w*|bangladesh\w*)\b|"
    r"케냐|우간다|탄자니아|호주|오스트레일리아|뉴질랜드|파키스탄|이집트|방글라데시", re.I)
_OTHER_YEAR_COUNTRIES = re.compile(
    r"\b(?:britain|british|brits\w*|england|english|engels\w*|india\w*|japan\w*|"
    r"canad\w*|united states|amerika\w*|american)\b|(?-i:\bU\.?S\.?\b|\bUK\b)|"
    r"영국|인도|일본|캐나다|미국", re.I)
# How a financial year is written: "2019/20", "fiscal 2017", "FY2015" (only English rules read
# a financial year yet; the Dutch and Korean words are there for when they do).
_FINANCIAL_YEAR_WRITTEN = re.compile(
    r"\d{4}\s?[/-]\s?\d{2}\b|fiscal|financial|\bfy|boekjaar|begrotingsjaar|회계", re.I)


def _national_fiscal_years(text: str, periods: list[Period]) -> list[Period]:
    """"The 2019/20 financial year" in a Ugandan or Australian story: July to June, not the
    British April to March or the American October to September the rules read."""
    def financial(p: Period) -> bool:
        return p.role == "span" and p.start is not None and p.end is not None and \
            (p.start.month, p.end.month) in ((4, 3), (10, 9)) and p.start.day == 1 and \
            p.end.year == p.start.year + 1 and bool(_FINANCIAL_YEAR_WRITTEN.search(p.surface))

    if not any(financial(p) for p in periods):
        return periods
    july = len(_JULY_YEAR_COUNTRIES.findall(text))
    if july <= len(_OTHER_YEAR_COUNTRIES.findall(text)):
        return periods
    return [evolve(p, start=dt.date(p.start.year, 7, 1), end=dt.date(p.start.year + 1, 6, 30))
            if financial(p) else p for p in periods]



# How far before "the past year" a statement's day may stand to anchor it.
ANCHOR_CHARS = 60


def _anchored(text: str, periods: list[Period], published: Published | None) -> list[Period]:
    """"In a statement on 1 August it said that over the past year ...": the months back are
    counted from the statement's day, not from publication, when that day comes just before
    them in the same sentence."""
    out: list[Period] = []
    for p in periods:
        q = out[-1] if out else None
        if p.months_back and published is not None and p.end == published.end and \
                q is not None and q.role == "point" and q.precision == "day" and \
                q.start is not None and q.start < published.date and \
                p.char_start - q.char_end <= ANCHOR_CHARS and \
                not MAY_END_SENTENCE.search(text, q.char_end, p.char_start):
            p = evolve(p, start=q.start - relativedelta(months=p.months_back), end=q.start)
        out.append(p)
    return out


# "2021년부터 올해 8월까지", "2010년 9월부터 올해 8월 말까지", "2009년 12월부터 (...) 지난해
# 상반기까지": a start marked 부터 and the next end marked 까지, in one sentence, are one range
# (each was found by a rule of its own). An end that names no year is in the start's year
# ("2012년 10월 15일부터 그해 12월 19일까지").
_RANGE_FROM = re.compile(r"\s?부터")
_RANGE_TO = re.compile(r"\s?(?:말\s?)?까지")
RANGE_GAP_CHARS = 80  # how far apart the start and the end of one range may stand
# (so does one counted back from publication: "2011년부터 지난달까지" ends last month)
_NAMES_YEAR = re.compile(rf"{_YEAR}|올해|올 |지난해|작년|지난 해|내년|지난달|지난 달|이달|이번 달")


def _joined_ranges(text: str, periods: list[Period]) -> list[Period]:
    out: list[Period] = []
    for p in periods:
        a = out[-1] if out else None
        # "출범 이후 지난해 8월 말까지": from a start the context gives
        since = a is not None and a.role == "since"
        if a is not None and (a.start is not None or since) and p.end is not None and \
                p.char_start - a.char_end <= RANGE_GAP_CHARS:
            opened = since or a.surface.endswith("부터") or _RANGE_FROM.match(text, a.char_end)
            closed = p.surface.endswith("까지") or _RANGE_TO.match(text, p.char_end)
            end = p.end
            if not since and p.role != "since" and not _NAMES_YEAR.search(p.surface) and \
                    end.year != a.start.year:
                end = _in_year_of(end, a.start)
            if opened and closed and end is not None and (since or a.start < end) and \
                    not MAY_END_SENTENCE.search(text, a.char_end, p.char_start):
                out[-1] = evolve(a, char_end=p.char_end, surface=text[a.char_start:p.char_end],
                                 end=end, role="since" if since else "span",
                                 precision=a.precision if p.role == "since" else p.precision,
                                 said=False)
                continue
        out.append(p)
    return out


def _in_year_of(day: Date, start: Date) -> Date | None:
    """`day` moved into `start`'s year, or the year after when it would come before it."""
    try:
        moved = day.replace(year=start.year)
        return moved if moved >= start else day.replace(year=start.year + 1)
    except ValueError:  # 29 February
        return None


def _scan(text: str, folded: str, pattern: re.Pattern, resolve: Resolver, pos: int,
          stop: int, language: str, published: Published | None, taken: bytearray,
          found: list[Period]) -> None:
    """One rule's expressions in text[pos:stop] (matched on its `folded` copy), those not
    overlapping one already found."""
    while (raw := pattern.search(folded, pos, stop)) is not None:
        start, end = raw.span()
        if end == start or any(taken[start:end]):
            # a longer expression here is taken ("지난해" of "지난해 9월"): try again
            # from the next character, so a shorter one inside ("9월") is still found
            pos = start + 1
            continue
        pos = end
        m = _Match(raw)
        try:
            first, last, precision, role = resolve(m, published, language)
        except (ValueError, OverflowError):
            first, last, precision, role = None, None, "unknown", "span"
        surface = text[start:end]
        trimmed = len(surface) - len(surface.rstrip())
        months_back = 0
        if resolve in (_past_n, _n_years_by_tense) and published is not None and \
                first is not None and last == published.end:
            back = relativedelta(last, first)
            months_back = back.years * 12 + back.months if not back.days else 0
        said = role == "point" and precision in ("day", "month") and bool(
            _SAID.match(text, end, min(len(text), end + 24))
            or _RELEASED.search(text, max(0, start - 24), start))
        if resolve in (_LAST_WEEK, _THIS_WEEK):
            # "said this week", "het rapport dat deze week verscheen", "지난주 밝혔다": the week
            # something was said; "seized ... last week, the ministry said" is the seizure's
            said = bool(_SAID_BEFORE.search(text, max(0, start - 24), start)
                        or _RELEASED.search(text, max(0, start - 24), start)
                        or _MADE_PUBLIC.match(text, end, min(len(text), end + 40))
                        or _SAID_KO.match(text, end, min(len(text), end + 12)))
        found.append(Period(start, end - trimmed, surface.rstrip(), first, last, precision,
                            role, getattr(resolve, "offset_years", 0), months_back, said,
                            # a relative that names a month is that month of the context's year
                            (_month_of(m.group("month"), language) or 0)
                            if role == "relative" and m.group("month") else 0))
        taken[start:end] = b"\x01" * (end - start)
