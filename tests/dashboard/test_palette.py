"""Colours that carry meaning stay distinguishable for the common colour-vision deficiencies and
meet WCAG 2.1 contrast for graphics (1.4.11, 3:1 against the white background).

Deficiencies simulated with the Machado, Oliveira & Fernandes (2009) matrices at full severity,
applied in linear sRGB; distance is CIE76 Delta E in CIELAB (D65). A Delta E above 20 is a clear
difference at a glance; 2.3 is the just-noticeable difference.
"""

from __future__ import annotations

import numpy as np
import plotly.colors as pc
import pytest

from dashboard import charts

MACHADO = {
    "protanopie": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopie": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopie": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
    "normaal": np.eye(3),
}
WHITE = "#FFFFFF"


def _scale_colours() -> list[str]:
    """The map scale's colours, low to high, as #RRGGBB."""
    colours = [str(c) for _, c in charts.MAP_COLOURSCALE]
    rgb = [pc.unlabel_rgb(c) if c.startswith("rgb") else pc.hex_to_rgb(c) for c in colours]
    return ["#{:02X}{:02X}{:02X}".format(*(round(v) for v in c)) for c in rgb]


def _lightest_map_colour() -> str:
    """The low end of the map scale (light for low values)."""
    return _scale_colours()[0]


LIGHTEST_MAP = _lightest_map_colour()

#: (what the pair distinguishes, colour a, colour b)
PAIRS = [
    ("focus against other regions (ranking, funnel)", charts.VERMILLION, charts.BLUE),
    ("region against the country (trend lines)", charts.VERMILLION, charts.BLUE),
    ("99,8%- against 95%-control limits (also dashed differently)", charts.BLACK, charts.MUTED),
    ("regions without a figure against the lightest map colour", charts.NO_DATA, LIGHTEST_MAP),
]


def _linear(hex_colour: str) -> np.ndarray:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(linear_rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, deficiency: str) -> float:
    """CIE76 distance between two colours as a person with `deficiency` sees them."""
    matrix = MACHADO[deficiency]
    return float(np.linalg.norm(_lab(matrix @ _linear(a)) - _lab(matrix @ _linear(b))))


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    lum = [float(np.array([0.2126, 0.7152, 0.0722]) @ _linear(c)) for c in (a, b)]
    high, low = max(lum), min(lum)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("deficiency", sorted(MACHADO))
@pytest.mark.parametrize(("meaning", "a", "b"), PAIRS)
def test_meaningful_colours_stay_apart(meaning: str, a: str, b: str, deficiency: str) -> None:
    assert delta_e(a, b, deficiency) > 20, f"{meaning} too close for {deficiency}"


@pytest.mark.parametrize("colour", [charts.BLUE, charts.VERMILLION, charts.BLACK, charts.MUTED])
def test_marks_and_lines_have_graphics_contrast_on_white(colour: str) -> None:
    assert contrast(colour, WHITE) >= 3.0


def test_no_figure_outline_stands_out_from_white_and_from_the_grey_fill() -> None:
    """'Geen cijfer' is told apart by a dark outline with graphics contrast (3:1) against the
    background and against its own grey fill, not by the grey alone."""
    assert contrast(charts.NO_DATA_OUTLINE, WHITE) >= 3.0
    assert contrast(charts.NO_DATA_OUTLINE, charts.NO_DATA) >= 3.0


def test_reference_contrast_values() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast(charts.MUTED, WHITE) == pytest.approx(7.0, abs=0.05)


def _map_scale_samples(steps: int = 5) -> list[str]:
    scale = [pc.hex_to_rgb(c) for c in _scale_colours()]
    samples = [
        pc.find_intermediate_color(a, b, t)
        for a, b in zip(scale, scale[1:], strict=False)
        for t in np.linspace(0, 1, steps)
    ]
    return ["#{:02X}{:02X}{:02X}".format(*(round(v) for v in c)) for c in samples]


@pytest.mark.parametrize("deficiency", sorted(MACHADO))
def test_no_figure_grey_differs_from_every_map_colour(deficiency: str) -> None:
    """'Geen cijfer' must not read as some value on the map: at least Delta E 10 (clearly
    noticeable) from every colour of the scale, for every deficiency."""
    nearest = min(delta_e(charts.NO_DATA, c, deficiency) for c in _map_scale_samples())
    assert nearest > 10


def test_map_scale_is_coloured_in_the_middle_and_runs_light_to_dark() -> None:
    """The middle of the scale must not be grey (cividis' middle, CIELAB chroma about 3, read
    as "geen cijfer"): chroma above 30 from 20% to 80% of the scale, and lightness falling
    from low to high values so darker always means higher, also without colour vision."""
    samples = _map_scale_samples()
    labs = [_lab(_linear(c)) for c in samples]
    middle = labs[len(labs) // 5 : len(labs) * 4 // 5 + 1]
    assert min(float(np.hypot(lab[1], lab[2])) for lab in middle) > 30
    lightness = [float(lab[0]) for lab in labs]
    assert all(a >= b - 0.5 for a, b in zip(lightness, lightness[1:], strict=False))
    assert lightness[0] - lightness[-1] > 50
