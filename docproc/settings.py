"""Runtime settings, from environment variables (``DOCPROC_*``) or keyword arguments."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _name_list(value: Any) -> Any:
    """Accept ``a,b``, a JSON list or a real list for plugin-name settings (env vars are strings)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        return json.loads(text)
    return [name.strip() for name in text.split(",") if name.strip()]


class Settings(BaseSettings):
    """Knobs an operator may turn; defaults follow the guidance this project implements."""

    model_config = SettingsConfigDict(env_prefix="DOCPROC_", extra="ignore")

    photo_max_age_months: int = Field(3, ge=1, description="How old an ID photo may be (the agency's page now says 6).")
    classify_threshold: float = Field(0.5, ge=0.0, le=1.0, description="Lowest plugin score that decides a type.")
    field_confidence_threshold: float = Field(
        0.6, ge=0.0, le=1.0, description="A cross-checked field read below this confidence needs review."
    )
    max_pages_per_file: int = Field(50, ge=1, description="Pages beyond this in one PDF/TIFF are refused.")
    max_image_pixels: int = Field(80_000_000, ge=1_000_000, description="Decompression-bomb guard per page.")
    max_file_bytes: int = Field(200 * 1024 * 1024, ge=1024, description="Largest accepted scan file.")
    pdf_dpi: int = Field(300, ge=72, le=600, description="Resolution at which PDF pages are rasterised.")
    plugin_timeout_seconds: float = Field(60.0, gt=0, description="Time limit for one plugin on one page.")
    load_plugins: Annotated[list[str] | None, NoDecode] = Field(
        None, description="Allowlist of third-party plugin names (entry-point names, env: comma-separated); "
        "None loads all installed."
    )
    disable_plugins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Plugin names never loaded (env: comma-separated)."
    )
    disable_plugin_autoload: bool = Field(False, description="Load no third-party plugin through entry points.")
    trace_hooks: bool = Field(False, description="Log every hook call and its duration (no personal data).")

    @field_validator("load_plugins", "disable_plugins", mode="before")
    @classmethod
    def _split_names(cls, value: Any) -> Any:
        return _name_list(value)
