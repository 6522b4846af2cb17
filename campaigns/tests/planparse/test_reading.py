"""Reading uploads and pasted text: encodings, Word files, and clear refusals of bad input."""

from __future__ import annotations

import io
import time

import docx
import pytest

from campaigns.planparse import PlanParseError, PlanReadError, parse_plan, read_plan_bytes, read_plan_text

from .corpus_cases import CORPUS, SEED, docx_from_text

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
PLAN = "创建六型机关实施方案\n一、指导思想\n以改进作风为目标。\n二、组织领导\n组长：张三\n"


def test_gbk_file_is_detected() -> None:
    raw = (CORPUS / "002_gbk_shuiwu.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert read_plan_bytes(raw, "方案.txt").startswith("东湖区水务局关于开展“五型机关”")


def test_utf8_bom_and_crlf() -> None:
    raw = (CORPUS / "009_trad_bom_crlf.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    text = read_plan_bytes(raw, "plan.TXT")
    assert text.startswith("來源：") and "\r" not in text and "\ufeff" not in text


def test_page_junk_is_stripped() -> None:
    text = read_plan_bytes((CORPUS / "009_trad_bom_crlf.txt").read_bytes(), "plan.txt")
    assert "- 1 -" not in text and "第 2 頁" not in text


def test_utf16_from_notepad() -> None:
    assert read_plan_bytes(PLAN.encode("utf-16"), "plan.txt").startswith("创建六型机关实施方案")


def test_gb18030_with_bom_free_utf8_lookalike() -> None:
    assert read_plan_bytes(PLAN.encode("gb18030"), "plan.txt").splitlines()[0] == "创建六型机关实施方案"


def test_full_width_digits_and_letters_are_folded() -> None:
    text = read_plan_text("（１）ＡＢ岗制度，压减支出１０％以上。")
    assert text == "（1）AB岗制度，压减支出10%以上。"


def test_pasted_text_keeps_chinese_punctuation() -> None:
    assert read_plan_text("组长：张三、李四；“三到位”。") == "组长：张三、李四；“三到位”。"


def test_docx_with_table_rows() -> None:
    data = docx_from_text(
        "创建六型机关方案\n一、组织领导\n|组长|张三（局长）\n|成员|李四、王五\n二、活动要求\n（一）统一思想。"
    )
    text = read_plan_bytes(data, "方案.docx")
    assert "组长：张三（局长）" in text.splitlines()
    plan = parse_plan(text)
    assert plan.leading_group.leader == ["张三"] and plan.leading_group.members == ["李四", "王五"]


def test_docx_without_docx_suffix_is_sniffed() -> None:
    data = docx_from_text("创建六型机关方案\n一、指导思想\n以改进作风为目标。")
    assert read_plan_bytes(data, "upload.bin").startswith("创建六型机关方案")


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(PlanReadError) as error:
        read_plan_bytes(bytes(range(256)) * 20, "plan.txt")
    assert error.value.code == "binary"
    assert "binary" in str(error.value)


def test_empty_file_is_refused() -> None:
    for data in (b"", b"  \r\n\t ", "\ufeff".encode("utf-8")):
        with pytest.raises(PlanReadError) as error:
            read_plan_bytes(data, "plan.txt")
        assert error.value.code == "empty"
        assert str(error.value) == "The file is empty."


def test_empty_paste_is_refused() -> None:
    with pytest.raises(PlanReadError, match="empty"):
        read_plan_text("\n \u3000\n")


def test_png_renamed_docx_is_refused() -> None:
    with pytest.raises(PlanReadError) as error:
        read_plan_bytes(PNG, "方案.docx")
    assert error.value.code == "not_docx"
    assert str(error.value) == "This file is a PNG image renamed to .docx, not a Word document."


def test_png_renamed_txt_is_refused() -> None:
    with pytest.raises(PlanReadError, match="PNG image"):
        read_plan_bytes(PNG, "方案.txt")


def test_zip_that_is_not_a_word_document() -> None:
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(PlanReadError, match="not a valid Word"):
        read_plan_bytes(buffer.getvalue(), "plan.docx")


def test_unsupported_type() -> None:
    with pytest.raises(PlanReadError) as error:
        read_plan_bytes(b"%PDF-1.7 ...", "plan.pdf")
    assert error.value.code == "unsupported"
    assert ".pdf" in str(error.value)


def test_fifty_megabytes_refused_before_decoding() -> None:
    payload = b"\xff" * (50 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(PlanReadError) as error:
        read_plan_bytes(payload, "plan.txt")
    assert time.perf_counter() - started < 0.5
    assert error.value.code == "too_large"
    assert str(error.value) == "The file is too large (50.0 MB); the limit is 10.0 MB."
    assert error.value.msgid.startswith("The file is too large (%(size_mb)")


def test_max_bytes_is_configurable() -> None:
    with pytest.raises(PlanReadError, match="too large"):
        read_plan_bytes(SEED.read_bytes(), SEED.name, max_bytes=1000)


def test_text_without_structure_is_refused() -> None:
    prose = "今天天气很好，我们去公园散步，看到很多人在锻炼身体。\n晚上回家吃饭，然后看书。"
    text = read_plan_text(prose)
    with pytest.raises(PlanParseError) as error:
        parse_plan(text)
    assert error.value.code == "no_structure"
    assert "numbered sections" in str(error.value)


def test_english_text_without_structure_is_refused() -> None:
    with pytest.raises(PlanParseError):
        parse_plan(read_plan_text("Lorem ipsum dolor sit amet\nconsectetur adipiscing elit"))


def test_errors_are_value_errors() -> None:
    assert issubclass(PlanReadError, ValueError) and issubclass(PlanParseError, ValueError)


def test_title_only_is_accepted() -> None:
    plan = parse_plan("关于创建六型机关的实施方案\n请各科室认真组织实施。")
    assert plan.title == "关于创建六型机关的实施方案" and plan.sections == []
    assert plan.preamble == "请各科室认真组织实施。"


def test_bad_script_argument() -> None:
    with pytest.raises(ValueError):
        parse_plan(PLAN, script="latin")  # type: ignore[arg-type]


def test_docx_module_roundtrip_sanity() -> None:
    document = docx.Document(io.BytesIO(docx_from_text("甲\n|乙|丙")))
    assert document.paragraphs[0].text == "甲" and document.tables[0].cell(0, 1).text == "丙"


@pytest.mark.parametrize(
    ("raw", "filename", "encoding"),
    [
        (PLAN.encode("utf-8"), "plan.txt", "utf-8"),
        (b"\xef\xbb\xbf" + PLAN.encode("utf-8"), "plan.txt", "utf-8-sig"),
        (PLAN.encode("gbk"), "plan.txt", "gb18030"),
        (PLAN.encode("utf-16"), "plan.txt", "utf-16"),
        (docx_from_text(PLAN), "plan.docx", "docx"),
    ],
)
def test_source_reports_how_the_file_was_read(raw: bytes, filename: str, encoding: str) -> None:
    from campaigns.planparse import read_plan_source

    source = read_plan_source(raw, filename)
    assert source.encoding == encoding
    assert source.text.startswith("创建六型机关实施方案")
