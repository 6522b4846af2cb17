"""Split Chinese text into sentences or clauses, never inside quotation marks or brackets."""

from __future__ import annotations

_OPEN_CLOSE = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "【": "】",
    "《": "》",
    "〔": "〕",
    "[": "]",
}
SENTENCE_ENDS = "。；！？!?;"
TRAILING = " 。；，、：！？!?;,:"


def split_top_level(text: str, separators: str, keep: bool = False) -> list[str]:
    """Split at any of ``separators`` (and at newlines) outside quotes and brackets."""
    parts: list[str] = []
    current: list[str] = []
    stack: list[str] = []
    for char in text:
        if char == "\n":
            # An unbalanced quote must not swallow the rest of the item.
            stack.clear()
            parts.append("".join(current))
            current = []
            continue
        if stack and char == stack[-1]:
            stack.pop()
        elif char == '"':
            stack.append('"')
        elif char in _OPEN_CLOSE:
            stack.append(_OPEN_CLOSE[char])
        elif char in separators and not stack:
            if keep:
                current.append(char)
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def sentences(text: str) -> list[str]:
    """Sentences without their closing mark."""
    return [s for s in (part.strip(TRAILING) for part in split_top_level(text, SENTENCE_ENDS)) if s]


def lead_and_rest(text: str, ends: str = "。；！？!?;：:") -> tuple[str, str]:
    """The first sentence (or first line) and everything after it."""
    stack: list[str] = []
    for index, char in enumerate(text):
        if char == "\n":
            return text[:index].strip(TRAILING), text[index + 1 :].strip()
        if stack and char == stack[-1]:
            stack.pop()
        elif char in _OPEN_CLOSE:
            stack.append(_OPEN_CLOSE[char])
        elif char in ends and not stack:
            return text[:index].strip(TRAILING), text[index + 1 :].strip()
    return text.strip(TRAILING), ""
