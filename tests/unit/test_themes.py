"""Every shipped theme is readable: contrast ratios, and warning vs overtime."""

from __future__ import annotations

import pytest

from sessiontui.ui.themes import (
    ThemeError,
    contrast_ratio,
    discover_themes,
    load_theme_file,
    relative_luminance,
    text_pairs,
)

THEMES, PROBLEMS = discover_themes()


def test_the_four_themes_ship_and_load() -> None:
    assert PROBLEMS == []
    assert {"calm", "daylight", "high-contrast", "colour-safe"} <= set(THEMES)
    assert THEMES["daylight"].dark is False


@pytest.mark.parametrize("name", sorted(THEMES))
def test_text_meets_wcag_aa_in_every_theme(name: str) -> None:
    for what, text, background in text_pairs(THEMES[name]):
        assert contrast_ratio(text, background) >= 4.5, f"{name}: {what}"


def test_high_contrast_meets_wcag_aaa() -> None:
    for what, text, background in text_pairs(THEMES["high-contrast"]):
        assert contrast_ratio(text, background) >= 7.0, what


def test_colour_safe_warning_and_overtime_differ_in_lightness() -> None:
    variables = THEMES["colour-safe"].variables
    warning = relative_luminance(variables["timer-warning"])
    overtime = relative_luminance(variables["timer-overtime"])
    assert contrast_ratio(variables["timer-warning"], variables["timer-overtime"]) >= 1.5
    assert warning > overtime


def test_contrast_formula_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_bad_theme_files_are_one_line(tmp_path) -> None:
    cases = {
        "typo.toml": 'name = "x"\nprimary = "#000000"\nprimry = "#111111"\n',
        "colour.toml": 'name = "x"\nprimary = "blue-ish"\n',
        "syntax.toml": 'name = "x\n',
    }
    for file, text in cases.items():
        path = tmp_path / file
        path.write_text(text)
        with pytest.raises(ThemeError) as caught:
            load_theme_file(path)
        assert "\n" not in str(caught.value) and file in str(caught.value)
