import pytest

from etl.extract.numbers import (
    ABOUT_TOLERANCE,
    NOT_FIGURE_KINDS,
    find_quantities,
    parse_korean,
    parse_numeral,
)


def only(text, language):
    found = [q for q in find_quantities(text, language) if q.kind == "figure"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,language,value", [
    ("977,151", "en", 977151), ("3.5", "en", 3.5), ("240.000", "nl", 240000),
    ("1,2", "nl", 1.2), ("1,193", "en", 1193), ("12.345,6", "nl", 12345.6),
])
def test_numerals_follow_the_language_separators(text, language, value):
    assert float(parse_numeral(text, language)) == value


@pytest.mark.parametrize("text,language,value", [
    ("ten thousand listings", "en", 10_000), ("tienduizend winkels", "nl", 10_000),
    ("honderd miljoen klanten", "nl", 100_000_000), ("veertien miljard", "nl", 14e9),
    ("3.5 million boxes", "en", 3.5e6), ("1,2 miljard", "nl", 1.2e9),
    ("100 billion KRW", "en", 1e11),
])
def test_words_and_scales(text, language, value):
    assert only(text, language).value == value


@pytest.mark.parametrize("text,value", [
    ("97만7151", 977151), ("100억", 1e10), ("600만", 6e6), ("1조 2000억", 1.2e12),
    # the news agencies write the thousands of a myriad group with 천
    ("9천338억", 9338e8), ("4천만", 4e7), ("9억3천만", 9.3e8), ("3조2천459억", 3.2459e12),
    ("1천800", 1800), ("1천69억", 1069e8), ("3백만", 3e6), ("1천여만", 1e7), ("5천", 5000)])
def test_korean_myriad_units(text, value):
    assert float(parse_korean(text)[0]) == value


@pytest.mark.parametrize("text,digits", [
    ("1천5억", 4), ("1천69억", 4), ("2천50만", 3), ("97만7151", 6), ("1조 2000억", 2),
    ("100억", 1)])
def test_korean_significant_digits_are_the_composed_numbers(text, digits):
    assert parse_korean(text)[1] == digits  # 1천5억 is no rounding of 1천94억


@pytest.mark.parametrize("text,value,unit", [
    ("배상액을 4천만원에서 4억원으로", 4e7, "KRW"), ("적발액은 9천338억원으로", 9338e8, "KRW"),
    ("운동화 1천800켤레를", 1800, None), ("지난해 1천여만원을", 1e7, "KRW"),
    ("시계 부품 2천 조각을 압수했다", 2000, None), ("부품 2천조각을", 2000, None)])
def test_korean_thousands_inside_a_myriad_group_are_one_number(text, value, unit):
    first = find_quantities(text, "ko")[0]
    assert (first.value, first.currency if unit else None) == (value, unit)


@pytest.mark.parametrize("text,language,kind", [
    ("selecteerde het platform 1.000 merken", "nl", "figure"),
    ("kocht via het platform vier paar schoenen", "nl", "figure"),
    ("the platform 40,000 sellers had joined", "en", "figure"),
    ("trains leave from platform 9 every hour", "en", "reference"),
    ("from platform nine every hour", "en", "reference"),
    ("passengers at gate 12 were searched", "en", "reference"),
    ("passengers from flight 1549 were searched", "en", "reference"),
    ("arrested in room 1204 of the hotel", "en", "reference"),
    ("At Terminal Two, officers searched bags", "en", "reference"),
    ("in zaal 1.12 van de rechtbank", "nl", "reference")])
def test_a_platform_number_is_small_other_places_any(text, language, kind):
    assert find_quantities(text, language)[0].kind == kind


def test_korean_currency_and_counter_units():
    won = only("100억원을 투자", "ko")
    assert (won.value, won.currency) == (1e10, "KRW")
    people = only("600만명 이상", "ko")
    assert (people.value_low, people.value_high, people.qualifier, people.unit) == (
        6e6, None, "over", "person")


@pytest.mark.parametrize("text,language,value,currency", [
    ("seized ₱34.7 billion in fakes", "en", 34.7e9, "PHP"),
    ("goods worth ₹2.5 million", "en", 2.5e6, "INR"),
    ("sold for 300 baht", "en", 300, "THB"),
    ("A$1.2 million in fines", "en", 1.2e6, "AUD"),
    ("HK$7.9 million", "en", 7.9e6, "HKD"),
    # Philippine papers write the peso as a P, as Nigerian ones the naira as an N
    ("fakes worth P14.5 million were seized", "en", 14.5e6, "PHP"),
    ("goods valued at P72,319,500", "en", 72319500, "PHP"),
    # and South African ones the rand as an R
    ("goods worth about R37 million were seized", "en", 37e6, "ZAR"),
    ("officers found R200,000 in cash", "en", 200_000, "ZAR"),
    # Indian papers write the rupee as Rs, with lakh and crore
    ("items worth nearly Rs 2 crore", "en", 20_000_000, "INR"),
    ("machines valued at Rs. 49 lakh", "en", 4_900_000, "INR"),
])
def test_currencies_beyond_the_seed_articles(text, language, value, currency):
    money = only(text, language)
    assert (money.value, money.currency, money.unit_kind) == (value, currency, "currency")


@pytest.mark.parametrize("text,language,value,unit", [
    ("2,030kg of cosmetics", "en", 2030, "kg"),
    ("55 tonnes of handbags", "en", 55, "tonne"),
    ("ongeveer 55 ton nagemaakte tassen", "nl", 55, "tonne"),
    ("가짜 가방 3톤을", "ko", 3, "tonne"),
])
def test_weights_keep_their_unit(text, language, value, unit):
    weight = only(text, language)
    assert (weight.value, weight.unit, weight.unit_kind) == (value, unit, "mass")


@pytest.mark.parametrize("text,language,low,high,qualifier", [
    ("over 9 million boxes", "en", 9e6, None, "over"),
    ("meer dan tienduizend winkels", "nl", 1e4, None, "over"),
    ("boven de honderd miljoen", "nl", 1e8, None, "over"),
    ("bijna veertien miljard euro", "nl", 14e9 * 0.9, 14e9, "nearly"),
    ("up to 500 stores", "en", None, 500, "up_to"),
    ("tens of millions of products", "en", 1e7, 1e8, "order_of_magnitude"),
    ("tientallen miljoenen producten", "nl", 1e7, 1e8, "order_of_magnitude"),
    ("hundreds of thousands of items", "en", 1e5, 1e6, "order_of_magnitude"),
    ("수십만 개", "ko", 1e5, 1e6, "order_of_magnitude"),
])
def test_qualifiers_become_bounds(text, language, low, high, qualifier):
    q = only(text, language)
    assert q.qualifier == qualifier
    assert q.value_low == pytest.approx(low) if low is not None else q.value_low is None
    assert q.value_high == pytest.approx(high) if high is not None else q.value_high is None


def test_about_has_documented_tolerance():
    q = only("about 3.5 million", "en")
    assert q.value_low == pytest.approx(3.5e6 * (1 - ABOUT_TOLERANCE))
    assert q.value_high == pytest.approx(3.5e6 * (1 + ABOUT_TOLERANCE))


@pytest.mark.parametrize("text,language,low,high,unit", [
    ("3 to 5 days", "en", 3, 5, "day"), ("1-2 weeks", "en", 1, 2, "week"),
    ("vijf à zeven dagen", "nl", 5, 7, "day"), ("vijf a zeven dagen", "nl", 5, 7, "day"),
    ("between 10 and 20 percent", "en", 10, 20, "percent"),
])
def test_ranges(text, language, low, high, unit):
    q = only(text, language)
    assert (q.qualifier, q.value_low, q.value_high, q.unit) == ("range", low, high, unit)


@pytest.mark.parametrize("text,language,currency,value", [
    ("10 billion KRW", "en", "KRW", 1e10), ("100 Billion Won", "en", "KRW", 1e11),
    ("$12 million", "en", "USD", 1.2e7), ("22 euro", "nl", "EUR", 22),
    ("5 million dollars", "en", "USD", 5e6), ("€ 40", "nl", "EUR", 40), ("50억원", "ko", "KRW", 5e9),
])
def test_currencies(text, language, currency, value):
    q = only(text, language)
    assert (q.currency, q.value, q.unit_kind) == (currency, value, "currency")


def test_percentages():
    assert only("increased by 386%", "en").unit == "percent"
    assert only("a triple-digit growth rate", "en").value_high == 999


@pytest.mark.parametrize("text,language", [
    ("it will invest 10 billion KRW (about $7.7 million) in quality", "en"),
    ("품질 개선에 100억원(약 770만 달러)을 투자한다", "ko"),
    ("het stak 10 miljard won (omgerekend ongeveer 7,7 miljoen dollar) in kwaliteit", "nl"),
])
def test_a_currency_conversion_is_a_linked_figure_of_its_own(text, language):
    original, converted = [q for q in find_quantities(text, language) if q.kind == "figure"]
    assert (original.value, original.currency, original.link) == (1e10, "KRW", None)
    assert (converted.value, converted.currency, converted.qualifier) == (7.7e6, "USD", "about")
    assert (converted.link, converted.linked_index) == ("converted", 0)


@pytest.mark.parametrize("text,language,before,after", [
    ("rose from 2.97 million in 2019 to 6.13 million in 2022", "en", 2.97e6, 6.13e6),
    ("steeg van 7.298 vorig jaar naar 24.860 dit jaar", "nl", 7298, 24860),
    ("2023년 752건에서 지난해 4414건으로 늘어", "ko", 752, 4414),
    ("7 million in 2023, up from 6 million the year before", "en", 6e6, 7e6),
])
def test_a_change_is_two_linked_figures_never_a_midpoint(text, language, before, after):
    figures = {q.link: q for q in find_quantities(text, language) if q.kind == "figure"}
    assert set(figures) == {"before", "after"}
    assert (figures["before"].value, figures["after"].value) == (before, after)
    assert figures["before"].qualifier == figures["after"].qualifier == "exact"


@pytest.mark.parametrize("text,language", [
    ("na 9.578 controles aangifte tegen 8.424 personen", "nl"),
    ("it filed 40 lawsuits and brought cases against 120 sellers", "en"),
])
def test_against_whom_an_act_is_aimed_is_no_comparison(text, language):
    assert all(q.link is None for q in find_quantities(text, language))


@pytest.mark.parametrize("text,language", [
    ("Customs recorded 1,200 cases against 800 in 2020", "en"),
    ("1.200 zaken tegen 800 een jaar eerder", "nl"),
])
def test_a_values_own_noun_before_against_still_compares(text, language):
    links = [q.link for q in find_quantities(text, language) if q.kind == "figure"]
    assert links == ["after", "before"]


def test_a_range_stays_one_figure():
    q = only("Fines ranged from 2 million to 4 million won", "en")
    assert (q.qualifier, q.value_low, q.value_high, q.link) == ("range", 2e6, 4e6, None)


@pytest.mark.parametrize("text,language,kind", [
    ("a 45-year-old man", "en", "age"), ("een 45-jarige vrouw", "nl", "age"),
    ("40대 남성", "ko", "age"), ("three times as many", "en", "multiplier"),
    ("3배 늘었다", "ko", "multiplier"), ("packs of 20 cigarettes", "en", "pack_size"),
    ("pakjes van 20 stuks", "nl", "pack_size"), ("a two-year pilot", "en", "programme_length"),
    ("Article 5 of the law", "en", "reference"), ("상표법 제2조", "ko", "reference"),
    ("오전 6시 반부터", "ko", "time_of_day"), ("the second-largest, ranked No. 3", "en", "rank"),
    ("1.000.000,5 items", "en", "unreadable"),
    ("Dai Zhensong, 28, had pleaded guilty", "en", "age"), ("Guo Dongbai (45) said", "en", "age"),
    ("naast oprichter Daniël Kerckhof (84) stonden", "nl", "age"),
    ("mannen van 19, 21 en 30 jaar", "nl", "age"), ("남모(40)씨에게", "ko", "age"),
    ("판매총책 A(38·여)씨와", "ko", "age"), ("업주 A씨(39) 등", "ko", "age"),
    ("on duty 24 hours a day", "en", "around_the_clock"),
    ("24시간 감시 체계를", "ko", "around_the_clock"), ("코로나19 이후", "ko", "reference"),
    # a span that says when a count was made, a time between events, a frequency
    ("pulls fake listings in six months", "en", "time_span"),
    ("over the same twelve months", "en", "time_span"),
    ("In the 14 days before Easter", "en", "time_span"),
    ("three years after sending a letter", "en", "time_span"),
    ("a theft every three minutes", "en", "time_span"),
    ("onderschept in drie maanden bijna", "nl", "time_span"),
    ("laat om de twee jaar onderzoeken", "nl", "time_span"),
    ("적발 건수는 1년 새 늘었다", "ko", "time_span"), ("약 50일 만에 나왔다", "ko", "time_span"),
    ("작년 1년치를 넘었다", "ko", "time_span"),
    # a court's panel, a telephone number
    ("서울중앙지법 형사18단독 박상구 부장판사", "ko", "reference"),
    ("민사합의11부(김기영 부장판사)", "ko", "reference"),
    ("melden via 0900-8844 of", "nl", "reference"), ("call 03454 040506.", "en", "reference"),
    # shares in words, which the corpus leaves unlabelled
    ("Een op de vijf bedrijven", "nl", "fraction"),
    ("Two out of every three consumers", "en", "fraction"),
    ("aged 43, 42, 32 and 32, were", "en", "age"),
    ("the hearing opened at 9:59 a.m.", "en", "time_of_day"),
    ("5톤 트럭 분량", "ko", "pack_size"), ("a 40-foot container", "en", "pack_size"),
    ("a 40 ft container", "en", "pack_size"), ("서울중앙지검 형사7부는", "ko", "reference"),
    ("형사 3부는", "ko", "reference"), ("010-1234-5678로 신고", "ko", "reference"),
    ("최근 1년 사이에 크게", "ko", "time_span"),
])
def test_numbers_that_are_not_figures_say_what_they_are(text, language, kind):
    kinds = [q.kind for q in find_quantities(text, language)]
    assert kind in kinds and "figure" not in kinds
    assert kind in NOT_FIGURE_KINDS  # a skip of this kind says why


@pytest.mark.parametrize("text,language", [
    ("Nike (45) and Adidas (1,200)", "en"), ("In March, 28 people were arrested", "en"),
    ("removed within 24 hours", "en"), ("24시간 안에 삭제", "ko"),
    ("20억원대 위조품을 거래한 일당", "ko"),  # an amount's range, not people in their twenties
    # a time to act and a term are what is told, not when
    ("removed in two days", "en"), ("jailed for 11 months after admitting", "en"),
    ("binnen drie maanden", "nl"), ("징역 1년 6개월", "ko"), ("a ratio of 3:10", "en"),
    ("seized 3 trucks", "en"), ("3톤을 압수", "ko"), ("트럭 3대", "ko"),
    ("Man jailed 18 months after selling fakes", "en"),
    ("removed 90 percent of reported listings in two weeks", "en"),
    ("beroepsverbod gedurende vijf jaar", "nl"),
    # "five in one raid" is no share; nor are thousands before a dash a telephone number
    ("Police arrested five in one raid", "en"), ("arrested two in three raids", "en"),
    ("seized 10,000-15,000 items", "en"),
])
def test_numbers_beside_names_and_hours_stay_figures(text, language):
    assert all(q.kind == "figure" for q in find_quantities(text, language))


def test_years_ordinals_and_references_are_not_figures():
    kinds = {q.surface: q.kind for q in find_quantities(
        "In 2023 on the 6th, rumours about 11st, issue #160", "en")}
    assert kinds["2023"] == "year" and kinds["6"] == "ordinal"
    assert kinds["11"] == "ordinal" and kinds["160"] == "reference"


def test_a_korean_anniversary_is_no_count_of_weeks():
    kinds = {q.surface: q.kind for q in find_quantities(
        "제도를 시작한 지 1주년 행사에서 3주 동안의 단속 결과를 밝혔다.", "ko")}
    assert kinds == {"1주": "ordinal", "3주": "figure"}


def test_articles_are_not_the_number_one():
    assert [q for q in find_quantities("één enkel artikel en een boek", "nl")] == []
    assert [q for q in find_quantities("one of the most popular sites", "en")] == []


def test_dutch_over_is_not_more_than():
    q = only("verdeeld over 228 landen", "nl")
    assert q.qualifier == "exact" and q.value == 228


def test_offsets_point_at_the_text():
    text = "We removed 977,151 counterfeit products."
    q = only(text, "en")
    assert text[q.char_start:q.char_end] == "977,151"


@pytest.mark.parametrize("text,links", [
    ("The number of people working on it passed 10,000, from around 8,000.",
     ["after", "before"]),
    ("Sellers in the programme grew to more than 12,000 from over 10,000 a year earlier.",
     ["after", "before"]),
    ("Customs seized 5,000 items from 300 shops.", [None, None]),  # no level reached
])
def test_a_level_reached_from_another_is_a_change(text, links):
    figures = [q for q in find_quantities(text, "en") if q.kind == "figure"]
    assert [q.link for q in figures] == links


@pytest.mark.parametrize("text,value,currency", [
    ("Meesho took down 42 lakh listings", 4_200_000, None),
    ("a fine of ₹40 crore", 400_000_000, "INR"),
    ("drugs worth N996m", 996_000_000, "NGN"),
    ("expenses of N2.537 billion", 2_537_000_000, "NGN"),
    ("each shop paid N500,000", 500_000, "NGN"),
])
def test_indian_scales_and_the_naira_written_n(text, value, currency):
    [q] = [q for q in find_quantities(text, "en") if q.kind == "figure"]
    assert (q.value, q.currency) == (value, currency)


def test_a_code_after_n_is_no_naira():
    assert [q.kind for q in find_quantities("3M sold N95 masks on route N7", "en")] == \
        ["figure", "reference", "reference"]
    # nor a road or a model number after an R, nor a car's RS
    assert [q.currency for q in find_quantities("the R21 road and the R1 model", "en")] == \
        [None, None]
    assert [q.currency for q in find_quantities("fake Audi RS 3 parts, an RS6 grille", "en")] == \
        [None, None]


def test_a_letter_and_a_small_number_is_a_code_not_money():
    assert [q.kind for q in find_quantities("the P2 model", "en")] == ["reference"]


@pytest.mark.parametrize("text,value", [
    ("1,16,323 samples", 116323), ("12,34,567 tablets", 1234567), ("1,234 samples", 1234),
    ("1,234,567 samples", 1234567),
])
def test_indian_digit_grouping(text, value):
    assert only(text, "en").value == value


@pytest.mark.parametrize("text,language,surface,unit,value", [
    # Korean courts write a term's months as 월, and a term of years and months is one term
    ("징역 8월에 집행유예 2년", "ko", "8월", "month", 8),
    ("징역 1년 6월을 선고", "ko", "1년 6월", "month", 18),
    ("징역 1년 2개월을 선고했다", "ko", "1년 2개월", "month", 14),
    ("jailed for two years and six months", "en", "two years and six months", "month", 30),
    ("één jaar cel", "nl", "één jaar", "year", 1),
    ("Eén jaar cel eiste de officier", "nl", "Eén jaar", "year", 1),
])
def test_a_term_is_counted_in_months(text, language, surface, unit, value):
    terms = [q for q in find_quantities(text, language) if q.surface == surface]
    assert [(q.unit, q.unit_kind, q.value) for q in terms] == [(unit, "duration", value)]


@pytest.mark.parametrize("text,language,qualifier,low,high", [
    ("about two years and six months", "en", "about", 27, 33),
    ("징역 1년 6개월여", "ko", "over", 18, None),
])
def test_a_terms_hedge_bounds_the_whole_term(text, language, qualifier, low, high):
    term = only(text, language)
    assert (term.qualifier, term.value_low, term.value_high) == (qualifier, low, high)


@pytest.mark.parametrize("text", ["1심은 벌금을 선고했다", "벌금형은 1심."])
def test_a_korean_courts_instance_is_no_figure(text):
    assert [q.kind for q in find_quantities(text, "ko")] == ["rank"]


@pytest.mark.parametrize("text,share", [("3분의 1 수준", 33.333333), ("10분의 1로 줄었다", 10.0)])
def test_a_korean_fraction_is_a_share(text, share):
    fraction = only(text, "ko")
    assert (fraction.value, fraction.unit_kind) == (share, "percent")


@pytest.mark.parametrize("text", ["10분의 1만 남았다", "3~4분의 1"])
def test_what_only_looks_like_a_korean_fraction_is_no_share_beyond_the_whole(text):
    # 만 is "only" there, and a range of denominators is not one fraction
    assert all(q.value is None or q.unit_kind != "percent" or q.value <= 100
               for q in find_quantities(text, "ko"))


def test_a_dutch_decimal_comma_after_a_p_is_no_peso():
    assert all(q.currency != "PHP" for q in find_quantities("P2,5 miljoen", "nl"))


def test_a_list_of_ages_ends_where_the_list_does():
    kinds = [(q.surface, q.kind) for q in find_quantities(
        "Two men, aged 25 and 31, and 3 women were arrested", "en")]
    assert kinds == [("Two", "figure"), ("25", "age"), ("31", "age"), ("3", "figure")]


def test_ones_is_no_number():
    assert find_quantities("fewer fakes, but dearer ones", "en") == []


@pytest.mark.parametrize("text,value,currency", [
    ("Kenya fined her Sh3 million", 3e6, "KES"), ("a budget of Ksh2bn", 2e9, "KES"),
    ("Uganda's bureau received Shs59.7 billion", 59.7e9, "UGX"),
    ("Tanzania seized fakes worth Sh3 billion", 3e9, "TZS"), ("TSh3 billion", 3e9, "TZS"),
    ("a fine of 5,000 Kenyan shillings", 5e3, "KES"), ("fined Sh3 million", 3e6, "shilling"),
    ("침해 시가는 4억5천만 대만달러로", 4.5e8, "TWD"), ("738억동이 넘는 과태료", 738e8, "VND"),
    ("2 miljoen Noorse kronen", 2e6, "NOK"), ("a fine of SEK 5 million", 5e6, "SEK")])
def test_shillings_kroner_and_more_currencies(text, value, currency):
    found = [q for q in find_quantities(text, "ko" if text[0] > "z" else "en") if q.currency]
    assert (found[0].value, found[0].currency) == (value, currency)


def test_a_krone_is_the_named_countrys_and_stays_a_krone_where_none_is():
    text = "De Deense douane nam goederen van 172 miljoen kronen in beslag."
    assert find_quantities(text, "nl")[0].currency == "DKK"
    text = "In Zweden kregen de ontwerpers 27 miljoen kronen."
    assert find_quantities(text, "nl")[0].currency == "SEK"
    assert find_quantities("Hij eiste 60 miljoen kronen.", "nl")[0].currency == "krone"


@pytest.mark.parametrize("text", ["101동 주민", "계좌 5억 동결", "경찰 인력 100만 동원"])
def test_dong_after_a_small_number_or_starting_a_word_is_no_money(text):
    assert find_quantities(text, "ko")[0].currency is None


def test_deung_after_a_space_is_and_so_on_not_a_rank():
    first = find_quantities("마스카라 5만3221개 등 위조 화장품", "ko")[0]
    assert (first.kind, first.value) == ("figure", 53221)
    assert find_quantities("대회에서 1등을 했다", "ko")[0].kind == "rank"
    assert find_quantities("위조 가방 120점등을 압수했다", "ko")[0].kind == "figure"


def test_a_korean_country_name_before_a_particle_names_the_krone():
    assert find_quantities("덴마크의 세관은 172만 크로네를", "ko")[0].currency == "DKK"


def test_a_decimal_with_leading_zeros_is_one_number():
    """"0.0004%" is not a thousands group "0.000" and a rest "4%"."""
    share = only("they amount to 0.0004% of the sneakers", "en")
    assert (share.value, share.unit_kind) == (0.0004, "percent")
