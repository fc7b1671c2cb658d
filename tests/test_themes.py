"""Theme data: every text pair at 7:1 and every focus/border pair at 3:1 (WCAG AAA, 1.4.11)."""
import pytest

from desktop_app.core.themes import NON_TEXT_PAIRS, TEXT_PAIRS, THEMES, contrast


def test_contrast_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("theme_id", sorted(THEMES))
def test_theme_contrast(theme_id):
    theme = THEMES[theme_id]
    for a, b in TEXT_PAIRS:
        assert contrast(getattr(theme, a), getattr(theme, b)) >= 7.0, (theme_id, a, b)
    for a, b in NON_TEXT_PAIRS:
        assert contrast(getattr(theme, a), getattr(theme, b)) >= 3.0, (theme_id, a, b)


def test_required_themes_exist():
    assert {"light", "dark", "hc-dark", "hc-light", "yellow-black"} <= set(THEMES)
