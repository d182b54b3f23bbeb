"""Themes as data files: TOML whose keys match Textual's Theme, checked with pydantic.

Our own colours (the timer's three states, the phase kinds' accents) are theme
variables with defaults, so a theme may leave them out and CSS still resolves.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator
from textual.color import Color, ColorParseError
from textual.theme import Theme

from sessiontui.resources import themes_dir
from sessiontui.ui.look import MUTED_STYLES

DEFAULT_THEME = "calm"

VARIABLE_DEFAULTS: dict[str, str] = {
    "timer-normal": "#E0E0E0",
    "timer-warning": "#F0C36A",
    "timer-overtime": "#F08C7A",
    "phase-check-in": "#6A9FB5",
    "phase-ground-rules": "#8FA9A0",
    "phase-discussion": "#D9A05B",
    "phase-breakout": "#A58FC9",
    "phase-guest-speaker": "#6FB59B",
    "phase-quiz": "#C98FB0",
    "phase-break": "#B5A46A",
    "phase-close": "#6A9FB5",
    **MUTED_STYLES[True],
}


class ThemeError(Exception):
    """A theme file that cannot be used; the message is one line."""


class ThemeFile(BaseModel):
    """One `themes/*.toml` file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,40}$")
    description: str = ""
    dark: bool = True
    primary: str
    secondary: str | None = None
    accent: str | None = None
    warning: str | None = None
    error: str | None = None
    success: str | None = None
    foreground: str | None = None
    background: str | None = None
    surface: str | None = None
    panel: str | None = None
    boost: str | None = None
    dim_text: bool = True
    """False: secondary text is shown at full strength (high-contrast themes)."""
    variables: dict[str, str] = Field(default_factory=dict)

    @field_validator(
        "primary", "secondary", "accent", "warning", "error", "success", "foreground",
        "background", "surface", "panel", "boost",
    )
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                Color.parse(value)
            except ColorParseError:
                raise ValueError(f'"{value}" is not a colour; write e.g. "#1B2229"') from None
        return value

    def to_theme(self) -> Theme:
        """The Textual Theme, with our variables filled in from the defaults."""
        fields = self.model_dump(
            exclude_none=True, exclude={"description", "variables", "dim_text"})
        muted = MUTED_STYLES[self.dim_text]
        return Theme(**fields, variables={**VARIABLE_DEFAULTS, **muted, **self.variables})


def load_theme_file(path: Path) -> ThemeFile:
    """Read and check one theme file, or raise ThemeError with a one-line reason."""
    from sessiontui.config import load_toml_model

    try:
        return load_toml_model(path, ThemeFile, ThemeError, "theme")
    except FileNotFoundError:
        raise ThemeError(f"{path}: no such file") from None


def theme_folders(user_folder: Path | None = None) -> list[Path]:
    """Bundled themes first, then the user's own (which may override by name)."""
    folders = [themes_dir()]
    if user_folder is not None:
        folders.append(user_folder)
    return folders


def discover_themes(user_folder: Path | None = None) -> tuple[dict[str, ThemeFile], list[str]]:
    """Every usable theme by name, and one line for each file that could not be used."""
    found: dict[str, ThemeFile] = {}
    problems: list[str] = []
    for folder in theme_folders(user_folder):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme_file(path)
            except ThemeError as error:
                problems.append(str(error))
                continue
            found[theme.name] = theme
    return found, problems


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    parsed = Color.parse(colour)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(parsed.r) + 0.7152 * channel(parsed.g) + 0.0722 * channel(parsed.b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    a, b = relative_luminance(first), relative_luminance(second)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def text_pairs(theme: ThemeFile) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every text a session screen shows."""
    backgrounds = {
        "background": theme.background or "#000000",
        "surface": theme.surface or theme.background or "#000000",
        "panel": theme.panel or theme.surface or theme.background or "#000000",
    }
    variables = {**VARIABLE_DEFAULTS, **theme.variables}
    texts = {
        "foreground": theme.foreground or ("#FFFFFF" if theme.dark else "#000000"),
        "timer-normal": variables["timer-normal"],
        "timer-warning": variables["timer-warning"],
        "timer-overtime": variables["timer-overtime"],
    }
    return [
        (f"{text_name} on {bg_name}", text, bg)
        for text_name, text in texts.items()
        for bg_name, bg in backgrounds.items()
    ]
