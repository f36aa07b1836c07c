from datetime import date, timedelta

from tribune.analytics import charts


def series(values: list[int], last: date = date(2026, 3, 31)) -> list[tuple]:
    first = last - timedelta(days=len(values) - 1)
    return [(first + timedelta(days=n), value) for n, value in enumerate(values)]


def test_a_month_of_bars_carries_every_number_and_about_seven_dates():
    chart = charts.bar_chart(series([n % 4 + 1 for n in range(30)]))

    assert all(bar.show_value for bar in chart.bars)
    assert 6 <= sum(bar.show_label for bar in chart.bars) <= 8
    assert chart.bars[-1].show_label  # the latest day is always dated


def test_bars_too_narrow_for_every_number_carry_the_peaks_and_the_latest_days():
    values = [1] * 90
    values[40] = 50
    chart = charts.bar_chart(series(values))

    shown = [index for index, bar in enumerate(chart.bars) if bar.show_value]

    assert shown == [40, 89]
    assert chart.peak.value == 50 and chart.total == 139


def test_the_unfinished_day_is_marked_partial_and_no_other():
    data = series([3, 4, 5])
    chart = charts.bar_chart(data, partial_day=data[-1][0])

    assert [bar.partial for bar in chart.bars] == [False, False, True]
    assert chart.has_partial_day


def test_an_empty_period_draws_flat_bars_without_a_peak():
    chart = charts.bar_chart(series([0, 0, 0]))

    assert chart.peak is None and {bar.height for bar in chart.bars} == {0}
    assert not any(bar.show_value for bar in chart.bars)


def test_the_tallest_bar_fills_the_drawing_area():
    chart = charts.bar_chart(series([10, 5]))

    assert chart.bars[0].height == charts.HEIGHT - charts.TOP - charts.BOTTOM
    assert chart.bars[1].height == chart.bars[0].height / 2


def test_shares_are_of_the_whole_and_bars_of_the_largest():
    rows = charts.with_shares([{"total": 60}, {"total": 30}, {"total": 10}])

    assert [row["share"] for row in rows] == [60, 30, 10]
    assert [row["bar"] for row in rows] == [100, 50, 16.7]


def test_shares_of_nothing_are_zero():
    assert charts.with_shares([{"total": 0}]) == [{"total": 0, "share": 0, "bar": 0}]
