"""Figures: money, percentages, fractions, people and quantities with their values, and the numbers that are not."""

import pytest

from .conftest import analysed


def figures(body: str, **zones) -> list[tuple[str, float, str]]:
    return [(figure["text"], figure["value"], figure["unit"]) for figure in analysed(body, **zones)["figures"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The loan is worth $1.2 billion.", ("$1.2 billion", 1_200_000_000, "USD")),
        ("Germany added €300m.", ("€300m", 300_000_000, "EUR")),
        ("The budget set aside Rs 5,000 crore.", ("Rs 5,000 crore", 50_000_000_000, "INR")),
        ("Capital spending is Rs 11.11 lakh crore.", ("Rs 11.11 lakh crore", 11_110_000_000_000, "INR")),
        ("Incomes up to ₹12 lakh pay no tax.", ("₹12 lakh", 1_200_000, "INR")),
        ("Britain pledged £4bn.", ("£4bn", 4_000_000_000, "GBP")),
        ("Banks lent 1.5 trillion yuan.", ("1.5 trillion yuan", 1_500_000_000_000, "CNY")),
        ("The bank approved US$32 billion.", ("US$32 billion", 32_000_000_000, "USD")),
        ("A fund of 150 billion CFA francs.", ("150 billion CFA francs", 150_000_000_000, "XOF")),
        ("Each refugee gets $8 a month.", ("$8", 8, "USD")),
    ],
)
def test_money_has_its_currency_and_multiplier(body, expected):
    assert figures(body) == [expected]


def test_rupees_follow_the_country_the_article_is_about():
    body = "Pakistan's circular debt has passed Rs 2.4 trillion, and Pakistan cannot wait."

    assert figures(body) == [("Rs 2.4 trillion", 2_400_000_000_000, "PKR")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Growth was 12.5%.", ("12.5%", 12.5, "percent")),
        ("Growth was 12.5 per cent.", ("12.5 per cent", 12.5, "percent")),
        ("Growth was 12.5 percent.", ("12.5 percent", 12.5, "percent")),
        ("Growth was five per cent.", ("five per cent", 5, "percent")),
        ("Rates fell by 0.5 percentage points.", ("0.5 percentage points", 0.5, "percentage_points")),
    ],
)
def test_percentages(body, expected):
    assert figures(body) == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("It leaves a third of filers out.", ("a third", 1 / 3, "fraction")),
        ("Companies fund two-thirds of spending.", ("two-thirds", 2 / 3, "fraction")),
        ("America carries 3/4 of the cost.", ("3/4", 0.75, "fraction")),
        ("Russia takes more than half of the wine.", ("half", 0.5, "fraction")),
        ("Only a quarter in local currencies.", ("a quarter", 0.25, "fraction")),
    ],
)
def test_fractions(body, expected):
    [(text, value, unit)] = figures(body)

    assert (text, unit) == (expected[0], expected[2])
    assert value == pytest.approx(expected[1])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("About 1.3 million people fled.", ("1.3 million people", 1_300_000, "people")),
        ("The camps hold 40,000 refugees.", ("40,000 refugees", 40_000, "people")),
        ("They sent 200 troops.", ("200 troops", 200, "people")),
        ("Nearly one million Rohingya refugees live there.", ("one million Rohingya refugees", 1_000_000, "people")),
        ("Pakistan deported 800,000 Afghans.", ("800,000 Afghans", 800_000, "people")),
    ],
)
def test_counts_of_people(body, expected):
    assert figures(body) == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Output is 2 million barrels a day.", ("2 million barrels a day", 2_000_000, "barrels_per_day")),
        ("Output is 2 million barrels per day.", ("2 million barrels per day", 2_000_000, "barrels_per_day")),
        ("Imports average 450,000 bpd.", ("450,000 bpd", 450_000, "barrels_per_day")),
        ("The line runs 1,000 km.", ("1,000 km", 1_000, "km")),
        ("The 3,488-km frontier is disputed.", ("3,488-km", 3_488, "km")),
        ("Gangs stole 3,500 tonnes of fuel.", ("3,500 tonnes", 3_500, "tonnes")),
        ("The dam holds 5.4 billion cubic metres.", ("5.4 billion cubic metres", 5_400_000_000, "cubic_metres")),
        ("The plant makes 1,860 MW.", ("1,860 MW", 1_860, "MW")),
        ("Forty megawatts is a symbol.", ("Forty megawatts", 40, "MW")),
    ],
)
def test_quantities_with_units(body, expected):
    assert figures(body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "In 2024 people voted.",
        "Between 2019–2023 trade grew.",
        "It took three years.",
        "The wait is 90 days.",
        "On 12 March 2024 the talks began.",
        "The 23rd round ended.",
        "The G20 met.",
        "Resolution 2719 passed.",
        "COVID-19 hit trade.",
        "It bought F-16 jets.",
        "See page 14 and Section 80C.",
        "The 2025-26 budget is out.",
        "Its three members met.",
        "The first half of the year was calm.",
        "She won a third term.",
        "Kambarata-1 will generate power.",
    ],
)
def test_years_durations_dates_ordinals_and_names_are_not_figures(body):
    assert figures(body) == []


def test_a_range_keeps_its_lower_value_and_its_upper_bound():
    [figure] = analysed("Tariffs must rise by 15-20 per cent.")["figures"]

    assert (figure["text"], figure["value"], figure["value_max"], figure["unit"]) == (
        "15-20 per cent",
        15,
        20,
        "percent",
    )


def test_each_figure_keeps_its_sentence():
    [figure] = analysed("Trade fell. It fell by 12%.")["figures"]
    text = "\n\n\n\nTrade fell. It fell by 12%."

    assert text[figure["sentence"]["start"] : figure["sentence"]["end"]] == "It fell by 12%."
