"""The parser's messages (campaigns.planparse stays free of Django), marked here so makemessages collects them.

Views translate them with `_(error.msgid) % params`, translating text parameters such as the kind of file too.
"""

from django.utils.translation import gettext_noop

PARSER_MESSAGES = [
    gettext_noop("The file is empty."),
    gettext_noop("The file is too large (%(size_mb).1f MB); the limit is %(limit_mb).1f MB."),
    gettext_noop("The text contains binary data, not a plan."),
    gettext_noop("Unsupported file type %(suffix)s: upload a .txt or .docx file."),
    gettext_noop("This file is %(kind)s, not a text plan: upload a .txt or .docx file."),
    gettext_noop("This file is binary or in an unknown encoding, not a text plan."),
    gettext_noop("This file is %(kind)s renamed to .docx, not a Word document."),
    gettext_noop("This file is not a valid Word (.docx) document."),
    gettext_noop("No plan structure found: the text has neither a title nor numbered sections (一、二、三、…)."),
]

FILE_KINDS = [
    gettext_noop("a PNG image"),
    gettext_noop("a JPEG image"),
    gettext_noop("a GIF image"),
    gettext_noop("a PDF document"),
    gettext_noop("an old Word/Excel (.doc/.xls) file"),
    gettext_noop("a RAR archive"),
    gettext_noop("a gzip archive"),
]
