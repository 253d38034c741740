import pytest

from etl.extract.classify import classify
from etl.extract.figures import extract
from etl.extract.periods import Published


def metric_of(sentence, number, language, unit_kind=None):
    start = sentence.index(number)
    return classify(sentence, (start, start + len(number)), language, unit_kind).metric


@pytest.mark.parametrize("sentence,number,language,unit_kind,metric", [
    ("we have removed 977,151 counterfeit products", "977,151", "en", None, "removed_listings"),
    ("1,193 stores have been closed due to violations", "1,193", "en", None, "closed_stores"),
    ("it will invest 10 billion KRW to eradicate counterfeit products", "10 billion KRW", "en",
     "currency", "anti_counterfeit_budget"),
    ("investing 100 billion KRW to improve the logistics system", "100 billion KRW", "en",
     "currency", "logistics_investment"),
    ("Het platform heeft 240.000 namaakproducten verwijderd", "240.000", "nl", None,
     "removed_listings"),
    ("ruim tienduizend winkels", "tienduizend", "nl", None, "stores_on_platform"),
    ("가품 12만3456개를 삭제했다", "12만3456개", "ko", None, "removed_listings"),
    ("판매자 상점 350곳을 폐쇄했다", "350곳", "ko", None, "closed_stores"),
    ("bijna veertien miljard euro aan omzet", "veertien miljard euro", "nl", "currency", "sales"),
    ("Guo Dongbai (45) said", "45", "en", None, "other"),
])
def test_metric_from_the_sentence(sentence, number, language, unit_kind, metric):
    assert metric_of(sentence, number, language, unit_kind) == metric


def test_unsure_is_other_with_low_confidence():
    result = classify("The figure was 42.", (15, 17), "en", None)
    assert result.metric == "other" and result.confidence < 0.5


def test_aside_numbers_take_the_aside_as_context():
    text = ("Het aantal klanten – dat toegang heeft tot meer dan tienduizend winkels – ligt "
            "boven de honderd miljoen.")
    figures = extract(text, "nl", Published.parse("2017-09"), "t").figures
    assert [f.metric for f in figures] == ["stores_on_platform", "customers"]


def test_each_number_takes_its_own_clause():
    text = "We removed 977,151 counterfeit products, and 1,193 stores have been closed."
    figures = extract(text, "en", Published.parse("2023-12-06"), "t").figures
    assert [f.metric for f in figures] == ["removed_listings", "closed_stores"]
