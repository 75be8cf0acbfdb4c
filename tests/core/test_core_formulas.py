"""One test per published formula, from the formula's own arithmetic."""

from __future__ import annotations

import pytest

from calculators import one_rm
from calculators.load import IncrementTooLarge, prescribe, round_to_increment
from calculators.numbers import KG_PER_LB, kg_to_lb, lb_to_kg


def test_epley() -> None:
    # Epley 1985: w (1 + r/30); 100 kg x 10 = 100 * 40/30
    assert one_rm.estimate("epley", 100.0, 10) == pytest.approx(400.0 / 3.0)
    assert one_rm.estimate("epley", 90.0, 6) == pytest.approx(108.0)


def test_brzycki() -> None:
    # Brzycki 1993: w * 36 / (37 - r); 100 x 10 = 3600/27
    assert one_rm.estimate("brzycki", 100.0, 10) == pytest.approx(3600.0 / 27.0)
    assert one_rm.estimate("brzycki", 64.0, 5) == pytest.approx(72.0)  # 64 * 36/32


def test_lander() -> None:
    # Lander 1985: 100 w / (101.3 - 2.67123 r); 100 x 5 = 10000 / 87.94385
    assert one_rm.estimate("lander", 100.0, 5) == pytest.approx(10000.0 / 87.94385)


def test_lombardi() -> None:
    # Lombardi 1989: w r^0.10; 2^0.1 = 1.0717735
    assert one_rm.estimate("lombardi", 100.0, 2) == pytest.approx(107.17735, abs=1e-4)


def test_mayhew() -> None:
    # Mayhew 1992: 100 w / (52.2 + 41.9 e^(-0.055 r)); e^-0.55 = 0.5769498
    assert one_rm.estimate("mayhew", 100.0, 10) == pytest.approx(
        10000.0 / (52.2 + 41.9 * 0.5769498), abs=1e-4
    )


def test_oconner() -> None:
    # O'Conner 1989: w (1 + 0.025 r); 80 x 8 = 80 * 1.2
    assert one_rm.estimate("oconner", 80.0, 8) == pytest.approx(96.0)


def test_wathen() -> None:
    # Wathen 1994: 100 w / (48.8 + 53.8 e^(-0.075 r)); e^-0.75 = 0.4723666
    assert one_rm.estimate("wathen", 100.0, 10) == pytest.approx(
        10000.0 / (48.8 + 53.8 * 0.4723666), abs=1e-4
    )


@pytest.mark.parametrize("name", sorted(one_rm.FORMULAS))
def test_one_repetition_returns_the_load(name: str) -> None:
    assert one_rm.estimate(name, 83.5, 1) == 83.5


def test_reps_above_ten_warn() -> None:
    assert one_rm.one_rm(100.0, 10, "kg").warnings == ()
    assert one_rm.one_rm(100.0, 11, "kg").warnings == ("reps_above_10",)


def test_reps_outside_range_raise() -> None:
    with pytest.raises(ValueError):
        one_rm.estimate("brzycki", 100.0, 13)


def test_default_is_brzycki() -> None:
    assert one_rm.DEFAULT_FORMULA == "brzycki"
    assert "Reynolds" in (one_rm.__doc__ or "")


def test_pound_is_exact() -> None:
    assert KG_PER_LB == 0.45359237
    assert lb_to_kg(1.0) == 0.45359237
    assert kg_to_lb(0.45359237) == pytest.approx(1.0)


def test_rounding_nearest_and_ties_down() -> None:
    assert round_to_increment(28.5, 2.5) == 27.5
    assert round_to_increment(31.25, 2.5) == 30.0  # tie -> lighter
    assert round_to_increment(31.26, 2.5) == 32.5
    assert round_to_increment(0.3, 0.1) == 0.3
    assert round_to_increment(29.0, 1.25) == 28.75


def test_rounding_never_returns_zero_for_positive_target() -> None:
    with pytest.raises(IncrementTooLarge):
        round_to_increment(1.25, 2.5)  # tie at half a step would give 0
    assert round_to_increment(1.26, 2.5) == 2.5


def test_prescription_scheme() -> None:
    p = prescribe(100.0, 30.0, 2.5, "kg")
    assert (p.target_load, p.set_load, p.set_percent) == (30.0, 30.0, 30.0)
    assert (p.conventional_load_min, p.conventional_load_max) == (70.0, 80.0)
