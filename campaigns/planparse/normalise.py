"""Canonical text form: unified line endings, half-width ASCII, Chinese punctuation, no page junk."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Chinese punctuation carries meaning for splitting (、 vs ，) and stays as written.
_KEEP = set("，。、：；！？（）“”‘’《》【】「」『』〔〕…—·①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_WIDE_OR_COMPAT = re.compile("[\u00a0\u2000-\u2fff\u3000-\u303f\uf900-\ufaff\ufe10-\ufe6f\uff00-\uffef]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
# Half-width punctuation typed next to Chinese text is the same mark as its full-width form.
_HALF_PUNCT = re.compile(rf"(?<=[{_CJK}])([,;:!?])|([,;!?])(?=[{_CJK}])|(?<![\d\s]):(?=[{_CJK}])")
_FULL_OF = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_PAREN_PAIR = re.compile(rf"\(([^()\n]*[{_CJK}][^()\n]*)\)")
_QUOTE_PAIR = re.compile(rf'"([^"\n]*[{_CJK}][^"\n]*)"')
# A full stop typed as "." after Chinese text, but not the "." of a heading marker such as 一. or 第一部分.
_HALF_STOP = re.compile(rf"(?<=[{_CJK}])\.(?=[{_CJK}“”‘’（）\s]|$)", re.MULTILINE)
_HEADING_PREFIX = re.compile(r"^\s*(?:[（(]?[零〇一二三四五六七八九十两]+|第[零〇一二三四五六七八九十两]+(?:部分|章))$")
_PAGE_JUNK = re.compile(
    r"^(?:[-—–_\s]*\d{1,4}[-—–_\s]*"
    r"|第\s*\d+\s*[页頁](?:\s*[,，/]?\s*共\s*\d+\s*[页頁])?"
    r"|\d+\s*/\s*\d+"
    r"|(?:打印本[页頁]|关闭窗口|關閉窗口|返回[顶頂]部|分享到|【?字[体體][:：]?\s*大\s*中\s*小】?|[\s|｜]+)+)$"
)


@lru_cache(maxsize=4096)
def _canonical_char(char: str) -> str:
    if char in _KEEP:
        return char
    return unicodedata.normalize("NFKC", char)


def _fold_width(text: str) -> str:
    return _WIDE_OR_COMPAT.sub(lambda m: _canonical_char(m.group()), text)


def _chinese_punctuation(text: str) -> str:
    text = _PAREN_PAIR.sub(r"（\1）", text)
    text = _QUOTE_PAIR.sub(r"“\1”", text)
    text = _HALF_STOP.sub(_full_stop, text)
    return _HALF_PUNCT.sub(lambda m: _FULL_OF[m.group()], text)


def _full_stop(match: re.Match[str]) -> str:
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    return "." if _HEADING_PREFIX.match(match.string[line_start : match.start()]) else "。"


def _clean_line(line: str) -> str:
    line = re.sub(r"[ \t]+", " ", line).strip()
    return "" if _PAGE_JUNK.match(line) else line


def normalise_text(text: str) -> str:
    """Return ``text`` in canonical form, one logical line per line, blank runs collapsed."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _chinese_punctuation(_fold_width(text))
    lines = [_clean_line(line) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
