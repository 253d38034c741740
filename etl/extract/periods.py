"""Find time expressions and resolve them against the source's publication date.

"in the past two months" said on 2023-12-06 is 2023-10-06 .. 2023-12-06 (precision day);
"in the first quarter" is Q1 of the publication year; "sinds april dit jaar" in a September
2017 magazine is 2017-04 .. 2017-09 (precision month). When the publication date is unknown,
or too coarse for the expression ("on the 6th" in a month-dated source), the expression is kept
as text with precision `unknown`: never guessed.

Month names and full dates are read by dateparser (every language it knows); the relative
arithmetic is dateutil's relativedelta.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from etl.extract.numbers import word_value

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
    precision: str  # day, month, quarter, year, unknown
    role: str  # span (a window figures refer to), point (an event date), start (since ...)

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
_KOREAN_NATIVE = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7,
                  "여덟": 8, "아홉": 9, "열": 10}
_ORDINAL_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                    "3rd": 3, "4th": 4, "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
_DECADES = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
            "zeventig": 70, "tachtig": 80, "negentig": 90}
_MONTHS_RE = (r"january|february|march|april|may|june|july|august|september|october|"
              r"november|december|januari|februari|maart|mei|juni|juli|augustus|oktober")
_NUM = r"\d+|[a-z\u00e0-\u00ff]+"


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
    return word_value(token, language)


def _month_bounds(year: int, month: int) -> tuple[Date, Date]:
    start = dt.date(year, month, 1)
    return start, start + relativedelta(months=1, days=-1)


def _latest_month_not_after(pub: Published, month: int) -> int:
    return pub.date.year if month <= pub.date.month else pub.date.year - 1


# Each rule: (pattern, resolver). A resolver gets the match, the publication and the language
# and returns (start, end, precision, role); start None means "could not resolve".
Resolved = tuple[Date | None, Date | None, str, str]


def _past_n(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    n = _count(m.group("n"), lang)
    unit = _UNIT_WORDS[m.group("unit").lower()]
    if pub is None or n is None:
        return None, None, "unknown", "span"
    precision = pub.precision if unit in ("day", "week") else (
        "day" if pub.precision == "day" else "month")
    return pub.date - relativedelta(**{_UNIT_DELTA[unit]: n}), pub.end, precision, "span"


def _quarter(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    q = int(m.group("q")) if m.group("q").isdigit() else _ORDINAL_QUARTER[m.group("q").lower()]
    if pub is None and not m.groupdict().get("year"):
        return None, None, "unknown", "span"
    year = int(m.group("year")) if m.groupdict().get("year") else pub.date.year
    start = dt.date(year, 3 * q - 2, 1)
    if pub is not None and not m.groupdict().get("year") and start > pub.end:
        start = start.replace(year=year - 1)
    return start, start + relativedelta(months=3, days=-1), "quarter", "span"


def _year_offset(offset: int, role: str = "span"):
    def resolve(m: re.Match, pub: Published | None, lang: str) -> Resolved:
        if pub is None:
            return None, None, "unknown", role
        year = pub.date.year + offset
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", role
    return resolve


def _last_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    if pub is None or pub.precision == "year":
        return None, None, "unknown", "span"
    first = pub.date.replace(day=1) - relativedelta(months=1)
    return (*_month_bounds(first.year, first.month), "month", "span")


def _since_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    month = month_number(m.group("month"), lang)
    if pub is None or month is None:
        return None, None, "unknown", "start"
    year = _latest_month_not_after(pub, month)
    return dt.date(year, month, 1), pub.end, "month", "start"


def _since_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    year = int(m.group("year"))
    return dt.date(year, 1, 1), (pub.end if pub else None), "year", "start"


def _in_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    month = month_number(m.group("month"), lang)
    explicit = m.groupdict().get("year")
    if month is None or (pub is None and not explicit):
        return None, None, "unknown", "point"
    year = int(explicit) if explicit else _latest_month_not_after(pub, month)
    return (*_month_bounds(year, month), "month", "point")


def _day_month(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    month = month_number(m.group("month"), lang)
    explicit = m.groupdict().get("year")
    if month is None or (pub is None and not explicit):
        return None, None, "unknown", "point"
    # A bare "11 november" in a magazine talks about this year's date, past or coming.
    year = int(explicit) if explicit else pub.date.year
    try:
        day = dt.date(year, month, int(m.group("day")))
    except ValueError:
        return None, None, "unknown", "point"
    return day, day, "day", "point"


def _on_the_nth(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    if pub is None or pub.precision != "day":
        return None, None, "unknown", "point"
    day = int(m.group("day"))
    if day > pub.date.day:  # "on the 28th" said on the 6th is last month's 28th
        base = pub.date.replace(day=1) - relativedelta(months=1)
    else:
        base = pub.date
    try:
        when = base.replace(day=day)
    except ValueError:
        return None, None, "unknown", "point"
    return when, when, "day", "point"


def _years_ago(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    n = _count(m.group("n"), lang)
    if pub is None or n is None:
        return None, None, "unknown", "point"
    year = pub.date.year - n
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "point"


def _in_year(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "span"


def _over_n_years(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    n = _count(m.group("n"), lang)
    if pub is None or n is None:
        return None, None, "unknown", "span"
    return pub.date, pub.date + relativedelta(years=n, days=-1), "year", "span"


def _decade(m: re.Match, pub: Published | None, lang: str) -> Resolved:
    tens = _DECADES[m.group("tens").lower()]
    start = 1900 + tens
    if m.group("late"):
        return dt.date(start + 7, 1, 1), dt.date(start + 9, 12, 31), "year", "point"
    return dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "year", "point"


def _unresolvable(role: str):
    def resolve(m: re.Match, pub: Published | None, lang: str) -> Resolved:
        return None, None, "unknown", role
    return resolve


_UNITS_RE = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
_RULES: list[tuple[re.Pattern, object]] = [(re.compile(p, re.I), r) for p, r in [
    # English
    (rf"\b(?:in |over |during )?the (?:past|last|previous) (?P<n>{_NUM}) (?P<unit>days|weeks|months|years)\b", _past_n),
    (r"\b(?:in )?the (?P<q>first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (?P<year>\d{4}))?", _quarter),
    # "since April this year" before "this year": the longer expression wins.
    (rf"\bsince (?P<month>{_MONTHS_RE})\b(?: this year)?", _since_month),
    (rf"\bsinds (?P<month>{_MONTHS_RE})\b(?: dit jaar)?", _since_month),
    (r"\b(?:starting|since|from) this year\b", _year_offset(0, "start")),
    (r"\bthis year(?:['’]s)?\b", _year_offset(0)),
    (r"\blast year(?:['’]s)?\b", _year_offset(-1)),
    (r"\blast month(?:['’]s)?\b", _last_month),
    (r"\bsince (?P<year>(?:19|20)\d\d)\b", _since_year),
    (r"\bon the (?P<day>\d{1,2})(?:st|nd|rd|th)\b", _on_the_nth),
    (rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTHS_RE})(?: (?P<year>\d{{4}}))?\b", _day_month),
    (rf"\b(?:earlier |later )?in (?P<month>{_MONTHS_RE})(?: (?P<year>\d{{4}}))?\b", _in_month),
    (rf"\b(?P<n>{_NUM}) years ago\b", _years_ago),
    (rf"\bover (?P<n>{_NUM}) years\b", _over_n_years),
    (r"\b(?:in|since|from|during) (?P<year>(?:19|20)\d\d)\b", _in_year),
    (r"\brecently\b", _unresolvable("point")),
    # Dutch
    (rf"\b(?:de |in de )?afgelopen (?P<n>{_NUM}) (?P<unit>dagen|weken|maanden|jaar)\b", _past_n),
    (r"\b(?:in )?het (?P<q>eerste|tweede|derde|vierde) kwartaal(?: van (?P<year>\d{4}))?", _quarter),
    (r"\bdit jaar\b", _year_offset(0)),
    (r"\bvorig jaar\b", _year_offset(-1)),
    (r"\bvorige maand\b", _last_month),
    (r"\bsinds (?P<year>(?:19|20)\d\d)\b", _since_year),
    (rf"\b(?P<n>{_NUM}) jaar geleden\b", _years_ago),
    (r"\b(?P<late>eind )?(?:de )?jaren (?P<tens>twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)\b", _decade),
    (r"\bsinds kort\b", _unresolvable("start")),
    # Korean
    (r"지난\s?(?P<n>\d+|한|두|세|네|다섯|여섯)\s?(?P<unit>개월|달|주|일|년)(?:간|동안)?", _past_n),
    (r"(?P<q>[1-4])\s?분기", _quarter),
    (r"(?P<n>\d+)\s?년\s?(?:간|동안)", _over_n_years),
    (r"올해|올 한 해", _year_offset(0)),
    (r"작년|지난해", _year_offset(-1)),
    (r"지난달", _last_month),
    (r"(?P<year>(?:19|20)\d\d)년(?!\s?\d+월)", _in_year),
]]


def find_periods(text: str, language: str, published: Published | None) -> list[Period]:
    """Every time expression in `text`, resolved where the publication date allows."""
    found: list[Period] = []
    taken: list[tuple[int, int]] = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            start, end, precision, role = resolve(m, published, language)
            found.append(Period(m.start(), m.end(), m.group(), start, end, precision, role))
            taken.append(m.span())
    return sorted(found, key=lambda p: p.char_start)
