"""Simplified/Traditional Chinese conversion with OpenCC, cached per direction."""

from functools import lru_cache

import opencc
from django.db.models import Q
from django.utils.translation import get_language


@lru_cache(maxsize=4)
def _converter(config: str):
    return opencc.OpenCC(config)


def to_hans(text: str) -> str:
    return _converter("t2s").convert(text) if text else text


def to_hant(text: str) -> str:
    return _converter("s2t").convert(text) if text else text


def both_scripts(text: str) -> set[str]:
    return {text, to_hans(text), to_hant(text)}


def contains_in_either_script(text: str, *fields: str) -> Q:
    """A filter for rows where any of `fields` contains `text`, typed in either script."""
    condition = Q()
    for variant in both_scripts(text):
        for field in fields:
            condition |= Q(**{f"{field}__icontains": variant})
    return condition


def for_language(text: str, language: str | None = None) -> str:
    """Show a Chinese name or phrase in the script of the active language (English keeps it as written)."""
    language = (language or get_language() or "").lower()
    if language.startswith("zh-hant") or language in ("zh-tw", "zh-hk"):
        return to_hant(text)
    if language.startswith("zh"):
        return to_hans(text)
    return text
