"""Numbered outline of a plan: top-level sections (一、 第一部分 …) and their numbered items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# From outermost to innermost, the order in which Chinese official documents nest numbering.
STYLES = ("part", "cn", "paren_cn", "arabic", "paren_arabic", "circled")
_CN = "零〇一二三四五六七八九十两"
_MARKERS = {
    "part": re.compile(rf"^第([{_CN}]+)(?:部分|章)\s*[、.：:]?\s*(.*)$"),
    "cn": re.compile(rf"^([{_CN}]+)\s*[、.]\s*(.*)$"),
    "paren_cn": re.compile(rf"^[（(]\s*([{_CN}]+)\s*[)）]\s*[、.]?\s*(.*)$"),
    "arabic": re.compile(r"^(\d{1,2})\s*(?:、|\.(?!\d))\s*(.*)$"),
    "paren_arabic": re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*[、.]?\s*(.*)$"),
    "circled": re.compile(r"^([①-⑳])\s*(.*)$"),
}
_ANY_MARKER = re.compile("|".join(f"(?:{p.pattern[1:-1]})" for p in _MARKERS.values()))
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


@dataclass
class Item:
    number: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass
class Block:
    number: int
    first: str  # text after the marker on the marker line
    body: list[str] = field(default_factory=list)


def chinese_number(numeral: str) -> int:
    """一 → 1, 十一 → 11, 二十三 → 23."""
    if "十" not in numeral:
        value = 0
        for char in numeral:
            value = value * 10 + _CN_DIGITS[char]
        return value
    tens, _, units = numeral.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def read_marker(line: str, style: str) -> tuple[int, str] | None:
    match = _MARKERS[style].match(line)
    if not match:
        return None
    raw, rest = match.groups()
    try:
        if style == "circled":
            return ord(raw) - ord("①") + 1, rest.strip()
        return (int(raw) if raw.isdigit() else chinese_number(raw)), rest.strip()
    except KeyError:
        return None


def strip_marker(text: str) -> str:
    """Drop a leading numbering marker of any style."""
    match = _ANY_MARKER.match(text)
    if not match:
        return text
    rest = next((g for g in reversed(match.groups()) if g is not None), "")
    return rest.strip()


def pick_style(lines: list[str], styles: tuple[str, ...] = STYLES) -> str | None:
    """The outermost style among ``styles`` that has an item numbered 1."""
    for style in styles:
        if any((m := read_marker(line, style)) and m[0] == 1 for line in lines):
            return style
    return None


def split_blocks(lines: list[str], style: str) -> tuple[list[str], list[Block]]:
    """Split ``lines`` at markers of ``style`` numbered in sequence; return the lines before and the blocks."""
    before: list[str] = []
    blocks: list[Block] = []
    for line in lines:
        marker = read_marker(line, style)
        expected = blocks[-1].number + 1 if blocks else 1
        # One skipped number is a typo; a bigger jump means the marker belongs to something else.
        if marker and (marker[0] == expected or (blocks and marker[0] == expected + 1)):
            blocks.append(Block(marker[0], marker[1]))
        elif blocks:
            blocks[-1].body.append(line)
        else:
            before.append(line)
    return before, blocks


def inner_styles(style: str) -> tuple[str, ...]:
    return STYLES[STYLES.index(style) + 1 :]


def split_items(lines: list[str], outer_style: str) -> tuple[list[str], list[Item]]:
    """Items of a section: the outermost numbering style below ``outer_style``."""
    style = pick_style(lines, inner_styles(outer_style))
    if style is None:
        return lines, []
    before, blocks = split_blocks(lines, style)
    return before, [Item(b.number, [b.first, *b.body] if b.first else b.body) for b in blocks]
