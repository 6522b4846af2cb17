"""Simplified/Traditional script detection and conversion with OpenCC."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from typing import Literal

import opencc

Script = Literal["hans", "hant"]
SCRIPTS: tuple[Script, ...] = ("hans", "hant")


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=8192)
def _char_variants(char: str) -> tuple[str, str]:
    return _converter("t2s").convert(char), _converter("s2t").convert(char)


@lru_cache(maxsize=8192)
def _all_forms(char: str) -> str:
    # s2t writes 爲 where Taiwan and Hong Kong write 為, so every regional form is accepted.
    forms = {char}
    for config in ("t2s", "s2t", "s2tw", "s2hk"):
        forms.add(_converter(config).convert(char))
    forms |= {_converter("t2s").convert(form) for form in forms}
    return "".join(sorted(form for form in forms if len(form) == 1))


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text) if text else text


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text) if text else text


def convert(text: str, script: Script) -> str:
    """Convert ``text`` into ``script``."""
    if script == "hans":
        return to_simplified(text)
    if script == "hant":
        return to_traditional(text)
    raise ValueError(f"unknown script {script!r}")


def detect_script(text: str) -> Script:
    """Return 'hant' when Traditional-only characters outnumber Simplified-only ones."""
    traditional = simplified = 0
    for char, count in Counter(c for c in text if "\u4e00" <= c <= "\u9fff").items():
        as_simplified, as_traditional = _char_variants(char)
        if as_simplified != char:
            traditional += count
        if as_traditional != char:
            simplified += count
    return "hant" if traditional > simplified else "hans"


def either_script(word: str) -> str:
    """Regex fragment matching ``word`` written in either script, e.g. 组长 → [组組][长長]."""
    return "".join(char if len(forms := _all_forms(char)) == 1 else f"[{forms}]" for char in word)


def zh_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a regex written in Simplified so each Chinese character also matches its Traditional form."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        if "\u4e00" <= char <= "\u9fff":
            forms = _all_forms(char)
            out.append(forms if in_class or len(forms) == 1 else f"[{forms}]")
        else:
            out.append(char)
    return re.compile("".join(out), flags)
