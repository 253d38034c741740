"""The metric of a figure comes from its act, what it counts and its unit (pure: text in)."""

import pytest

from etl.extract.figures import extract
from etl.extract.periods import Published

PUB = Published.parse("2024-03-01")


def figure_at(sentence, number, language, reader=None):
    """The figure at `number`, as the rules read it (the learned second opinion has its own
    tests, tests/unit/test_learned.py), or as `reader` has it."""
    start = sentence.index(number)
    figures = extract(sentence, language, PUB, "t", reader=reader).figures
    found = [f for f in figures
             if f.quantity.char_start <= start < f.quantity.char_end]
    assert len(found) == 1, (number, [f.quantity.surface for f in figures])
    return found[0]


@pytest.mark.parametrize("sentence,number,language,metric", [
    ("we have removed 977,151 counterfeit products", "977,151", "en", "removed_listings"),
    ("1,193 stores have been closed due to violations", "1,193", "en", "closed_stores"),
    ("it will invest 10 billion KRW to eradicate counterfeit products", "10 billion KRW", "en",
     "anti_counterfeit_budget"),
    ("investing 100 billion KRW to improve the logistics system", "100 billion KRW", "en",
     "logistics_investment"),
    ("Het platform heeft 240.000 namaakproducten verwijderd", "240.000", "nl",
     "removed_listings"),
    ("AliExpress telt ruim tienduizend winkels op het platform", "tienduizend", "nl",
     "stores_on_platform"),
    ("가품 12만3456개를 삭제했다", "12만3456개", "ko", "removed_listings"),
    ("판매자 상점 350곳을 폐쇄했다", "350곳", "ko", "closed_stores"),
    ("bijna veertien miljard euro aan omzet", "veertien miljard euro", "nl", "sales"),
    # the act decides, not the noun it acts on
    ("The platform took down 1.4 million listings last year.", "1.4 million", "en",
     "removed_listings"),
    ("Officers seized and destroyed 40,000 counterfeit handbags.", "40,000", "en",
     "seized_items"),
    ("De douane sloot 300 webwinkels.", "300", "nl", "closed_stores"),
    ("De politie hield 12 verdachten aan.", "12", "nl", "enforcement_cases"),
    ("경찰은 피의자 12명을 검거했다.", "12명", "ko", "enforcement_cases"),
    ("세관은 가전제품 3천 개를 압수했다.", "3천 개", "ko", "seized_items"),
    ("Amazon blocked 700,000 attempts to open seller accounts.", "700,000", "en",
     "closed_stores"),
    ("The goods were worth €3.4 million.", "€3.4 million", "en", "seized_value"),
    ("He was sentenced to 18 months in prison.", "18 months", "en", "prison_sentence"),
    ("The court fined the company €2 million.", "€2 million", "en", "fines_penalties"),
    ("Rights holders sent 12,000 takedown notices.", "12,000", "en", "notices_received"),
    # percentages: a share of a whole, or a change
    ("71,5 procent kwam uit China.", "71,5 procent", "nl", "share_percent"),
    ("Seizures rose by 35% last year.", "35%", "en", "growth_rate"),
    ("중국산이 전체의 85%를 차지했다.", "85%", "ko", "share_percent"),
    ("세관은 올해 적발한 물품의 64%를 폐기했다.", "64%", "ko", "share_percent"),
    ("적발 건수는 늘었고, 그중 41%는 해외 직구였다.", "41%", "ko", "share_percent"),
    # money lost, prices and market values are context, not sales or seized goods
    ("Fakes cost the industry €2.3 billion in lost sales every year.", "€2.3 billion", "en",
     "other"),
    ("위조품 유통으로 업계가 입은 피해액은 350억원으로 추산된다.", "350억원", "ko", "other"),
    ("Een nagemaakte tas kost 45 euro op de markt.", "45 euro", "nl", "other"),
    ("정품 가격은 80만원이지만 가짜는 8만원에 팔렸다.", "8만원", "ko", "other"),
    ("주가가 떨어지며 시가총액 20억 달러가 사라졌다.", "20억 달러", "ko", "other"),
    ("압수품 가운데 가장 비싼 가방은 정품 값이 500만원이었다.", "500만원", "ko", "other"),
    ("The fakes sold well online, and a bag cost $950 on the site.", "$950", "en", "other"),
    ("Customs put a retail price of £1.2 million on the seized goods.", "£1.2 million", "en",
     "seized_value"),
    # what an attempt was at is what is counted; whose brands an agent watches are brands
    ("The platform stopped 90,000 attempts to open new selling accounts.", "90,000", "en",
     "closed_stores"),
    ("이 업체는 고객사 12개 브랜드를 감시한다.", "12개", "ko", "brands_protected"),
    ("특사경은 위조품을 들여온 3개 조직을 검거했다.", "3개", "ko", "enforcement_cases"),
    ("Users raised 4,100 flags about fake listings.", "4,100", "en", "notices_received"),
    ("Dit jaar gingen 600 nepwinkels dicht.", "600", "nl", "closed_stores"),
    ("회사는 위조 의심 상품 300만개를 퇴출했다.", "300만개", "ko", "removed_listings"),
    # seizures counted as acts (shipments, consignments, 건) are cases; goods by weight are goods
    ("CBP seized 26,503 shipments containing fakes.", "26,503", "en", "enforcement_cases"),
    ("세관은 올해 1만2000건을 적발했다.", "1만2000건", "ko", "enforcement_cases"),
    ("De douane deed 49.000 onderscheppingen van namaakgoederen.", "49.000", "nl",
     "enforcement_cases"),
    ("Customs made 4,100 interceptions of fake goods.", "4,100", "en", "enforcement_cases"),
    ("Both admitted 14 offences under the Trade Marks Act.", "14", "en", "enforcement_cases"),
    # letters that warn are enforcement, not notices received
    ("Officers sent 217 warning notices to sellers.", "217", "en", "enforcement_cases"),
    ("The unit delivered 24 cease and desist letters.", "24", "en", "enforcement_cases"),
    # accounts by another name are stores
    ("Moderators took down 20 profiles that sold fakes.", "20", "en", "closed_stores"),
    # "suspect" before a noun names no act; flagging listings is a notice
    ("The brand reported 20,915 suspect listings to the marketplace.", "20,915", "en",
     "notices_received"),
    # "without" negates the first act after it only
    ("Er werden 9.000 stuks content zonder voorafgaande melding verwijderd.", "9.000", "nl",
     "removed_listings"),
    ("De douane vernietigde 55 ton nagemaakte handtassen.", "55 ton", "nl", "seized_items"),
    ("The port moves more than 90 million tonnes of cargo.", "90 million tonnes", "en",
     "other"),
    # a stock is a platform's only on a platform
    ("The report names 47 products.", "47", "en", "other"),
    ("AliExpress now lists 100 million products.", "100 million", "en",
     "products_on_platform"),
    # paying is a fine only where a court or a regulator orders it
    ("Vanaf 1 juli betalen verkopers een vast douanerecht van 3 euro per artikel.", "3 euro",
     "nl", "other"),
    ("The judge ordered the reseller to pay Chanel more than $560,000 in costs.", "$560,000",
     "en", "fines_penalties"),
    ("De rechter bepaalde dat de vrouw 8.758 euro moet betalen.", "8.758 euro", "nl",
     "fines_penalties"),
    # places searched count searches, where the sentence says they were searched
    ("De FIOD trof in drie loodsen ruim tienduizend paar sneakers aan.", "drie", "nl",
     "enforcement_cases"),
    ("Police raided three warehouses in Leeds.", "three", "en", "enforcement_cases"),
    ("The company runs 200 warehouses.", "200", "en", "other"),
    # a port's or a platform's throughput is said as a rate as often as a total
    ("The hub now clears roughly 8 million parcels a day.", "8 million", "en",
     "parcels_handled"),
    ("De marktplaats trekt zo'n 40 miljoen gebruikers per maand.", "40 miljoen", "nl",
     "customers"),
    # a weight in a seizure story is the goods seized; a port's cargo is not
    ("Inspecteurs namen bij een razzia namaakparfum in beslag. In de loods lag 12 ton "
     "nagemaakte zeep.", "12 ton", "nl", "seized_items"),
    ("Officers seized fake watches at the port, which handles 40 million tonnes of cargo "
     "a year.", "40 million tonnes", "en", "other"),
    # "put at" values goods; it does not put money into them
    ("Police found 300 fake handbags that the brand put at £90,000.", "£90,000", "en",
     "seized_value"),
    ("The ministry will contribute £2 million to the fight against counterfeit goods.",
     "£2 million", "en", "anti_counterfeit_budget"),
    # inspections and checks are enforcement acts of their own
    ("Trading standards carried out 212 inspections of market stalls.", "212", "en",
     "enforcement_cases"),
    ("De dienst voerde vorig jaar 341 controles uit bij webwinkels.", "341", "nl",
     "enforcement_cases"),
    # what an attempt was at: a selling account
    ("in 2020 those checks stopped more than 6 million attempts to open a selling account",
     "6 million", "en", "closed_stores"),
    # a part of a whole counts what the whole counts
    ("België goed voor 1.096 van de 3.093 inbeslagnames bij de postactie", "1.096", "nl",
     "enforcement_cases"),
    ("customs stopped 1 million of the 2.5 million parcels it opened", "1 million", "en",
     "enforcement_cases"),
    # fourteenth round: 건 counts the listings named before it, and fakes found online (or by
    # a monitoring team) are listings; a customs case stays a case
    ("위조상품 게시물 14만4000건을 찾아내 차단했다고 19일 밝혔다.", "14만4000건", "ko",
     "removed_listings"),
    ("모니터링단이 온라인 위조상품 5만건을 적발했다.", "5만건", "ko", "removed_listings"),
    ("정부의 기획 모니터링에서 K팝 굿즈 6710건을 적발했다.", "6710건", "ko",
     "removed_listings"),
    ("관세청이 온라인 거래를 단속해 지식재산권 침해 사범 850건을 적발했다.", "850건", "ko",
     "enforcement_cases"),
    # goods bought (test purchases) are neither a catalogue nor seized
    ("Working undercover on the platforms, GAO staff bought 47 items from third-party "
     "sellers.", "47", "en", "other"),
    ("De inspecteurs kochten 12 producten bij verschillende verkopers op het platform.", "12",
     "nl", "other"),
])
def test_metric_from_the_sentence(sentence, number, language, metric):
    assert figure_at(sentence, number, language).metric == metric


def test_a_speech_verb_after_listings_is_not_a_notice():
    figure = figure_at("In 2013 waren het 350 miljoen advertenties, meldt het bedrijf.",
                       "350 miljoen", "nl")
    assert figure.metric != "notices_received"


def test_paying_is_a_fine_where_a_court_further_off_orders_it():
    # the actor nearest the amount is Chanel; the judge who orders the payment is further off
    figure = figure_at("The judge denied the motions and ordered the reseller to pay Chanel "
                       "more than $560,000.", "$560,000", "en")
    assert (figure.metric, figure.cue) == ("fines_penalties", "pay")


def test_a_place_nobody_searched_counts_nothing():
    assert figure_at("The company runs 200 warehouses.", "200", "en").counted is None
    searched = figure_at("De FIOD deed invallen, onder meer in drie loodsen.", "drie", "nl")
    assert (searched.metric, searched.counted) == ("enforcement_cases", "cases")


def test_unsure_is_other_with_low_confidence():
    result = figure_at("The figure was 42.", "42", "en")
    assert result.metric == "other" and result.confidence < 0.5 and result.cue is None


def test_every_decision_records_its_cue():
    result = figure_at("Customs intercepted 3,400 fake watches.", "3,400", "en")
    assert (result.metric, result.cue) == ("seized_items", "intercept")
    # parcels held are counted as seizures (seeds/eval/README.md, "Seizures as acts")
    parcels = figure_at("Customs intercepted 3,400 parcels.", "3,400", "en")
    assert (parcels.metric, parcels.cue) == ("enforcement_cases", "intercept")


def test_a_fall_is_a_negative_change():
    result = figure_at("Seizures fell by 57% in 2023.", "57%", "en")
    assert result.metric == "growth_rate" and result.quantity.value == -57


@pytest.mark.parametrize("sentence,number,language,counted,actor", [
    ("Customs seized 40,000 fake watches.", "40,000", "en", "items", "customs"),
    ("Police arrested 12 suspects.", "12", "en", "people", "police"),
    ("경찰은 피의자 12명을 검거했다.", "12명", "ko", "people", "police"),
    ("De rechtbank legde een boete op van 20.000 euro.", "20.000 euro", "nl", "money", "court"),
])
def test_what_is_counted_and_who_acted(sentence, number, language, counted, actor):
    f = figure_at(sentence, number, language)
    assert (f.counted, f.actor) == (counted, actor)


def test_aside_numbers_take_the_aside_as_context():
    text = ("Het aantal klanten – dat toegang heeft tot meer dan tienduizend winkels op het "
            "platform – ligt boven de honderd miljoen.")
    figures = extract(text, "nl", Published.parse("2017-09"), "t").figures
    assert [f.metric for f in figures] == ["stores_on_platform", "customers"]


def test_each_number_takes_its_own_clause():
    text = "We removed 977,151 counterfeit products, and 1,193 stores have been closed."
    figures = extract(text, "en", Published.parse("2023-12-06"), "t").figures
    assert [f.metric for f in figures] == ["removed_listings", "closed_stores"]


def test_a_list_shares_its_act():
    text = ("De douane onderschepte een lading van 502.000 pakjes sigaretten, een zending van "
            "106.800 cd's en een partij van 94.800 speelkaarten.")
    figures = extract(text, "nl", PUB, "t").figures
    assert [f.metric for f in figures] == ["seized_items"] * 3


@pytest.mark.parametrize("sentence,number,language", [
    ("A genuine watch of that model costs more than $5,000.", "$5,000", "en"),
    ("De rechter hoorde dat een echte jas al snel ruim 900 euro kost.", "900 euro", "nl"),
    ("법원에 따르면 가짜 지갑은 한 점에 평균 3만원을 받고 팔렸다.", "3만원", "ko"),
    ("손해배상 소송에서 정품은 개당 150만원에 팔린다고 밝혔다.", "150만원", "ko"),
])
def test_one_things_price_is_a_price_whatever_the_sentence_is_about(sentence, number,
                                                                    language):
    """Hedges between the price verb and the amount, a Dutch verb after it, a Korean counter
    of one thing before it: still one thing's price, not goods' value, a fine or damages."""
    found = figure_at(sentence, number, language)
    assert (found.metric, found.cue) == ("other", "(a price)")


def test_a_total_cost_is_not_a_price():
    """"put the cost at $900 million" is what the whole costs; "cost $950" one thing's price."""
    total = figure_at("In 2021 it had put the cost at over $900 million.", "$900 million", "en")
    assert total.cue != "(a price)"
    one = figure_at("The fakes sold well, and a bag cost $950.", "$950", "en")
    assert one.cue == "(a price)"


@pytest.mark.parametrize("sentence,number,language,metric", [
    # the worth of fakes at genuine prices is their value, whatever was done with them
    ("일당은 위조 가방 2만여점을 팔았는데, 정품이었다면 120억원어치다.", "120억원", "ko",
     "seized_value"),
    ("짝퉁 시계 3000점 유통…정품가 95억원 규모", "95억원", "ko", "seized_value"),
    # parcels that held the fakes are seizures; parcels with fakes merely nearby are traffic
    ("De namaak zat verspreid over ruim 4.000 zendingen.", "ruim 4.000", "nl",
     "enforcement_cases"),
    ("Er komen 900 pakketjes per minuut binnen, en namaak glipt erdoorheen.", "900", "nl",
     "parcels_handled"),
    ("Vorig jaar registreerde de douane 2 miljard e-commerceaangiftes.", "2 miljard", "nl",
     "parcels_handled"),
    ("De dienst noteerde 1.500 gevallen van onderwaardering.", "1.500", "nl",
     "enforcement_cases"),
    # a reward for reporting fakes is neither their value nor a budget
    ("특허청은 위조품 판매를 신고한 시민에게 최고 300만원의 포상금을 준다.", "300만원", "ko", "other"),
    ("Informants can receive a reward of up to $5,000 for reporting counterfeit sellers.",
     "$5,000", "en", "other"),
    # fakes named in another clause of the sentence still make the money theirs
    ("온라인에서 거래된 위조품은 50억원 규모였고, 이 가운데 한 쇼핑몰이 12억원을 차지했다.",
     "12억원", "ko", "seized_value"),
    # a noun whose metric needs a platform leaves the act to decide: no catalogue here
    ("More than 40,000 fake items worth over £3 million were seized at the port last year.",
     "40,000", "en", "seized_items"),
    # people are never parcels ("택배" names the business, not what is counted)
    ("택배대리점 업주 B씨 등 4명이 조직을 꾸렸다.", "4명", "ko", "other"),
    # a separable verb's particle at the clause's end: "maakt ... vrij" is vrijmaken
    ("De regering maakt 12 miljoen euro vrij voor de douanecontrole op namaak.",
     "12 miljoen euro", "nl", "anti_counterfeit_budget"),
    # acting against sites is enforcement, not closing them
    ("The brand took action against 5,000 websites selling fakes last year.", "5,000", "en",
     "enforcement_cases"),
    # money for customs supervision is money against fakes
    ("Het kabinet heeft 20 miljoen euro vrijgemaakt voor extra toezicht op pakjes.",
     "20 miljoen euro", "nl", "anti_counterfeit_budget"),
])
def test_value_words_stock_nouns_and_funding(sentence, number, language, metric):
    assert figure_at(sentence, number, language).metric == metric


@pytest.mark.parametrize("sentence,number,language,metric,counted", [
    # the people who enforce are counted, not anyone they acted upon
    ("The task force, which arrested 40 people last year, has 25 officers and analysts.",
     "25", "en", "other", "people"),
    ("Bij de controle werkten zo'n vijftig douaniers mee aan de inbeslagnames.", "vijftig",
     "nl", "other", "people"),
    ("단속 인력 30명이 위조품 압수에 투입됐다.", "30명", "ko", "other", "people"),
    # the head of a noun phrase is its last noun: imports are consignments, not goods
    ("Border officials blocked 12,400 counterfeit imports in 2024.", "12,400", "en",
     "enforcement_cases", "cases"),
    # a notice verb over a count of seizures states them: they are not notices
    ("The agency reported 418 seizures over the year.", "418", "en", "enforcement_cases",
     "cases"),
    ("The platform received 9,200 complaints from brands.", "9,200", "en",
     "notices_received", "cases"),
])
def test_who_acts_and_what_the_head_noun_counts(sentence, number, language, metric, counted):
    figure = figure_at(sentence, number, language)
    assert (figure.metric, figure.counted) == (metric, counted)


@pytest.mark.parametrize("sentence,number,language", [
    ("A buyer who gets a fake is refunded 200% of what they paid.", "200%", "en"),
    ("가품으로 판명되면 결제금액의 150%를 돌려준다.", "150%", "ko"),
])
def test_no_share_is_larger_than_its_whole(sentence, number, language):
    assert figure_at(sentence, number, language).metric == "other"
    # nor does the learned second opinion make it one
    assert figure_at(sentence, number, language, "shipped").metric != "share_percent"


@pytest.mark.parametrize("text,number,metric", [
    # a funding story whose title names the fight: money set aside in it is for that
    ("Tabaksreus verdeelt geld uit fonds van 100 miljoen dollar tegen namaak\n\n"
     "Het bedrijf zette voor het fonds in totaal 100 miljoen dollar opzij.",
     "in totaal 100 miljoen dollar", "anti_counterfeit_budget"),
    # the same sentence under a title that names no fight says nothing of what for
    ("Tabaksreus verdeelt geld uit nieuw fonds\n\n"
     "Het bedrijf zette voor het fonds in totaal 100 miljoen dollar opzij.",
     "in totaal 100 miljoen dollar", "other"),
])
def test_money_set_aside_in_a_story_about_funding_the_fight(text, number, metric):
    start = text.rindex(number) + len("in totaal ")
    figures = extract(text, "nl", PUB, "t", reader=None).figures  # the rules' reading
    found = next(f for f in figures if f.quantity.char_start == start)
    assert found.metric == metric


def test_money_spent_raiding_markets_is_spent_against_fakes():
    assert figure_at("The agency spent about N996 million raiding the three largest drug "
                     "markets.", "N996 million", "en").metric == "anti_counterfeit_budget"


@pytest.mark.parametrize("sentence,number,metric", [
    ("Vorig jaar werden 53.000 advertenties van online marktplaatsen gehaald.", "53.000",
     "removed_listings"),
    ("Hij haalde 2.000 euro van zijn rekening.", "2.000 euro", "other"),
])
def test_dutch_taken_off_a_marketplace_is_removed(sentence, number, metric):
    assert figure_at(sentence, number, "nl").metric == metric


@pytest.mark.parametrize("text,number,language,metric", [
    # brands whose goods were faked: neither the goods nor protected brands
    ("세관은 컨테이너에서 74개 브랜드의 위조 명품 5만1170점을 찾아냈다.", "74개", "ko", "other"),
    ("Customs seized 1.011 million counterfeit pieces belonging to 153 brands.", "153", "en",
     "other"),
    # ... but the goods next to them are still seized
    ("세관은 컨테이너에서 74개 브랜드의 위조 명품 5만1170점을 찾아냈다.", "5만1170점", "ko",
     "seized_items"),
    ("세관에서 걸린 K-브랜드 위조품 11만7000점을 압수했다.", "11만7000점", "ko",
     "seized_items"),
    # brands an anti-counterfeit alliance or federation speaks for are protected brands
    ("Merkenorganisatie React, die ruim driehonderd merken vertegenwoordigt, klaagde.",
     "driehonderd", "nl", "brands_protected"),
    # the clause's subject counts the acts, not the goods named inside it
    ("Seizures of potentially dangerous counterfeits jumped from 30 in 2005 to 210 in 2011.",
     "30", "en", "enforcement_cases"),
    ("Investigations that ended with counterfeit goods being seized rose from 268 in 2005 to "
     "812 in 2011.", "812", "en", "enforcement_cases"),
    # files opened and networks are cases, compounds too
    ("De diensten openden ruim 2.600 administratieve dossiers.", "2.600", "nl",
     "enforcement_cases"),
    ("Een deel van de opgepakte personen hoort volgens Europol bij twee criminele netwerken "
     "die de namaak lieten produceren.", "twee", "nl", "enforcement_cases"),
    # an act on the catalogue outranks the catalogue noun beside the number
    ("TikTok Shop removed 1.2 million listings from its platform. Separately, some 90,000 "
     "listings of restricted or prohibited products were taken down.", "90,000", "en",
     "removed_listings"),
    ("Ongeveer 31.000 verkopers werden van het platform geweerd.", "31.000", "nl",
     "closed_stores"),
    ("TikTok Shop turned away more than 7.5 million products before they could be listed.",
     "7.5 million", "en", "removed_listings"),
    ("쇼핑몰은 위조품으로 의심돼 아예 등록 단계에서 걸러낸 상품도 45만개에 이른다고 밝혔다.",
     "45만개", "ko", "removed_listings"),
    # ... but not when the platform says it has them
    ("The marketplace has 90,000 listings of restricted products.", "90,000", "en",
     "products_on_platform"),
    # the sellers of removed listings are neither the platform's nor closed
    ("Etsy removed 176,137 listings from its marketplace platform last year. The listings came "
     "from 42,526 sellers.", "42,526", "en", "other"),
    ("Het platform verwijderde 176.137 advertenties van 42.526 verkopers.", "42.526", "nl",
     "other"),
    # where the shopping happened, and in how many provinces, is no enforcement figure
    ("Auditors bought 47 products from third-party sellers on five popular shopping websites, "
     "the platform said.", "five", "en", "other"),
    ("Alibaba werkte samen met opsporingsdiensten in 23 Chinese provincies en sloot met de "
     "politie in 12 provincies een overeenkomst.", "23", "nl", "other"),
    # recycling or carting away fakes takes them out of trade, as destroying them does
    ("In 2019 Dubai customs recycled 637,000 counterfeit items.", "637,000", "en",
     "seized_items"),
    ("Officers sealed shops and carted away 12 truckloads of suspect products.", "12", "en",
     "seized_items"),
    # the trademarks the goods bore are no goods
    ("In 2019 Dubai customs seized 637,000 items bearing 190 trademarks.", "190", "en",
     "other"),
    # "22 of 113 similar charges": the part counts what the whole counts
    ("She was jailed after admitting 22 of 113 similar charges, which covered 2,748 fake "
     "products.", "22", "en", "enforcement_cases"),
    ("In 2019 customs handled 337 such disputes over seized goods.", "337", "en",
     "enforcement_cases"),
    # a compound noun the analyser splits (모니터링 + 단) is still the cue written as one word
    ("특허청이 재택 모니터링단 134명을 배치해 온라인 위조상품 129만건을 단속했다.", "134명", "ko", "other"),
    # what a seller earned from fakes is takings, not the goods' value
    ("A씨는 지난해 위조 가방 6만여점을 팔아 8억원가량을 벌어들였다.", "8억원가량", "ko", "sales"),
    ("일당은 가짜 애플 케이블을 10억원 넘게 판 혐의를 받는다.", "10억원", "ko",
     "seized_value"),
    # 벌 is also a counter of clothes, no takings
    ("위조 의류 300벌을 판 금액은 2억원이다.", "2억원", "ko", "seized_value"),
    # businesses caught are cases, not shops closed
    ("현대모비스는 경찰과 합동단속을 벌여 11개 업체를 적발하고 16명을 검거했다.", "11개", "ko",
     "enforcement_cases"),
    ("쇼핑몰은 위조품을 판 판매자 상점 350곳을 폐쇄했다.", "350곳", "ko", "closed_stores"),
    # taking sellers to court is a case
    ("React heeft het afgelopen jaar twintig bedrijven voor de rechter gedaagd.", "twintig",
     "nl", "enforcement_cases"),
    # brands a federation acts for are protected brands
    ("De organisatie tegen namaak treedt inmiddels op namens 235 merken.", "235", "nl",
     "brands_protected"),
])
def test_what_the_numbers_noun_counts(text, number, language, metric):
    assert figure_at(text, number, language).metric == metric


@pytest.mark.parametrize("sentence,number,language,metric", [
    # a bound a rule sets, not an amount anyone counted
    ("The law caps it at 12 months where a fine exceeds Sh50,000.", "Sh50,000", "en", "other"),
    ("Reizigers mogen namaak houden zolang de waarde niet boven 3250 kronen uitkomt.", "3250",
     "nl", "other"),
    ("Customs fined the importer Sh50,000 for the fake shoes.", "Sh50,000", "en",
     "fines_penalties"),
    # what happened, not a bound: a relative "where" in the past, a Dutch "als" of comparison
    ("In Kenya, where customs seizures exceeded 10,000 items last year, fines rose.", "10,000",
     "en", "seized_items"),
    ("Net als vorig jaar nam de douane boven de 5000 vervalsingen in beslag.", "5000", "nl",
     "seized_items"),
    ("Fakes cost the brand an estimated loss in revenue of €183,930.", "€183,930", "en",
     "seized_value"),
    # revenue from fakes is their sellers' takings; a loss of revenue is what fakes cost
    ("가짜 이니스프리 제품을 팔아 820만위안의 매출을 올렸다.", "820만위안", "ko", "sales"),
    ("Gardaí seized fake phone cases, an estimated loss of revenue of €183,930.", "€183,930",
     "en", "seized_value"),
    # "put the value at" values goods; it puts no money into anything
    ("He put the value of the counterfeit shoes at Sh146.1 million.", "Sh146.1 million", "en",
     "seized_value"),
    # how long a suspension lasts is not how soon a platform acted
    ("A seller whose fakes are confirmed is suspended for three months.", "three months", "en",
     "other"),
    # Dutch compound plurals with a long vowel ("zaken" of "zaak"), a control as a case
    ("Het aantal namaakzaken bij de douane steeg van 628 naar 1043.", "628", "nl",
     "enforcement_cases"),
    ("De inspecteurs voerden vorige maand 27 winkelcontroles uit.", "27", "nl",
     "enforcement_cases"),
    ("형사처벌한 사건은 적어도 4건이다.", "4건", "ko", "enforcement_cases"),
    ("Het boetebedrag bleef steken op 204.750 euro.", "204.750 euro", "nl", "fines_penalties"),
])
def test_thresholds_takings_valuations_and_compounds(sentence, number, language, metric):
    assert figure_at(sentence, number, language).metric == metric


@pytest.mark.parametrize("sentence,number,language,metric,cue", [
    # cash is the money itself, not the value of goods, unless a court takes it
    ("Justitie legde beslag op ruim 55.000 euro aan contant geld en op auto's.", "55.000 euro",
     "nl", "other", "(cash)"),
    ("경찰은 현금 3000만원과 위조품 5000점을 압수했다.", "3000만원", "ko", "other", "(cash)"),
    ("Police seized fake goods worth $500,000 in the raid.", "$500,000", "en", "seized_value",
     "seize"),
    ("They did not contest the forfeiture of over $41,000 in cash.", "$41,000", "en",
     "fines_penalties", "forfeiture"),
    # "70만원짜리": what one thing costs
    ("정품가 70만원짜리 구찌 벨트는 270개였다.", "70만원", "ko", "other", "(a price)"),
    # what authorities ask a platform for is no notice of fakes
    ("Authorities sent the company more than 16,000 requests for information about users.",
     "16,000", "en", "other", "(information requests)"),
    ("Het bedrijf kreeg 300 verzoeken om gegevens van de politie.", "300", "nl", "other",
     "(information requests)"),
    ("수사기관의 정보 제공 요청 41건에 응했다.", "41건", "ko", "other", "(information requests)"),
    ("It received 12,000 takedown requests from rights holders.", "12,000", "en",
     "notices_received", "receive"),
    # the noun after the number counts the acts: indictments, offences, factories, tips
    ("ICE made 451 arrests, obtained 304 indictments and secured 272 convictions.", "304",
     "en", "enforcement_cases", "indictment"),
    ("Revenue seized counterfeit goods on 1,540 occasions in the first quarter.", "1,540", "en",
     "enforcement_cases", "seize"),
    ("Volgens het overzicht rolden de diensten in 2018 twaalf illegale fabrieken op.", "twaalf",
     "nl", "enforcement_cases", "opgerold"),
    ("Etsy ontving vorig jaar 394.564 signalen over mogelijke overtredingen.", "394.564", "nl",
     "notices_received", "signaal"),
    # a company's result is no loss to a brand, and a "net loss" nets nothing
    ("The net loss narrowed to $80 million from $124 million.", "$80 million", "en", "other",
     "net loss"),
    # labs and factories shut are raids, not stores closed
    ("De speurders sloten tien ondergrondse laboratoria.", "tien", "nl", "enforcement_cases",
     "gesloten"),
    # a percentage a change verb moves is a change, down where the verb says so
    ("Revenue from the core marketplace slid 53% to $19 million.", "53%", "en", "growth_rate",
     "slid"),
    # ... and the same words as nouns are not ("a 30% cut of the profits", bags)
    ("Middlemen take a 30% cut of the profits.", "30%", "en", "share_percent", "of the"),
    # "cash value" values goods; a fine after the cash does not take it
    ("Police seized goods with a $1.2 million cash value.", "$1.2 million", "en",
     "seized_value", "value"),
    ("Police seized $500,000 in cash; the man was later fined.", "$500,000", "en", "other",
     "(cash)"),
    # notices closed are notices, not raids
    ("The platform suspended 300 takedown requests.", "300", "en", "notices_received",
     "take-down request"),
])
def test_cash_prices_information_requests_and_counted_acts(sentence, number, language, metric,
                                                           cue):
    found = figure_at(sentence, number, language)
    assert (found.metric, found.cue) == (metric, cue)


@pytest.mark.parametrize("sentence,number,language", [
    # a rate kept as its act's count would read as a total beside the totals ("seized 66
    # items" in a year): it stays `other`, its cue saying why
    ("Over the year the agencies averaged just over 66 seizures a day.", "66", "en"),
    ("시간당 5755건꼴로 조치한 셈이다.", "5755건", "ko"),
    ("세관은 지난해 하루 66건을 적발했다.", "66건", "ko"),
])
def test_a_rate_is_not_a_total(sentence, number, language):
    found = figure_at(sentence, number, language)
    assert (found.metric, found.cue) == ("other", "(a rate)")


def test_bags_are_no_fall():
    """"zakken" is also the plural of "zak", and cues are read as lemmas: no form of "zakken"
    makes a fall."""
    rose = figure_at("Het aantal inbeslagnames steeg met 20 procent; het ging vooral om zakken "
                     "en tassen.", "20 procent", "nl")
    assert (rose.metric, rose.quantity.value) == ("growth_rate", 20)
