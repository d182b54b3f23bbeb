"""The user's settings: a TOML file in the per-user config folder.

Read at start-up, written only when the user changes something in the app (the theme
picker), atomically: temp file, fsync, rename. No Textual here: the CLI reads it too.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

CONFIG_NAME = "config.toml"

M = TypeVar("M", bound=BaseModel)


class Settings(BaseModel):
    """Everything a user can set; every key optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    theme: str | None = None
    keymap: dict[str, str] = Field(default_factory=dict)
    log_dir: str | None = None
    retention_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    bell: bool = True
    window_title: bool = True
    reduced_motion: bool = False


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line."""


def config_dir() -> Path:
    """The per-user config folder (SESSIONTUI_CONFIG_DIR overrides it)."""
    override = os.environ.get("SESSIONTUI_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("sessiontui", appauthor=False)


def config_path() -> Path:
    return config_dir() / CONFIG_NAME


def user_themes_dir() -> Path:
    """Where a user's own theme files go."""
    return config_dir() / "themes"


def load_toml_model(path: Path, model: type[M], error: type[Exception], what: str) -> M:
    """A small TOML file checked against a pydantic model, or `error` with one line
    (`FILE: key: reason`). FileNotFoundError passes through for the caller to decide.

    Settings and theme files are both read this way, so both fail the same way.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as problem:
        raise error(f"{path}: cannot be read: {problem}") from None
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path}: not valid TOML: {problem}") from None
    try:
        return model.model_validate(data)
    except ValidationError as problem:
        first = problem.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or what
        raise error(f"{path}: {where}: {first['msg']}") from None


def load_settings(path: Path | None = None) -> Settings:
    """The settings in effect: the file's, or the defaults when there is no file."""
    try:
        return load_toml_model(path or config_path(), Settings, ConfigError, "config")
    except FileNotFoundError:
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically (never a half-written config)."""
    import tomli_w

    from sessiontui.journal.files import atomic_write

    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = settings.model_dump(exclude_none=True, exclude_defaults=True)
    text = tomli_w.dumps(data)
    atomic_write(path, text.encode("utf-8"))
    return path
