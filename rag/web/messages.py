"""Every message the web app shows staff when something goes wrong, in Chinese, in one place.

The domain errors (rag.errors) carry English messages written for the command line: they name RAG_* variables and
flags such as --date. Staff in the web app never see those: `zh_error` maps each error class to a Chinese message
that says what to do in the page, and `zh_file_reason` does the same for the reason a file failed to import (the
reasons rag.ingest gives, by their stable opening words). The English original is logged, never shown.
"""

from __future__ import annotations

import logging

from ..errors import (DATE_MAX_YEAR, DATE_MIN_YEAR, BusyError, CatalogError, ConfigError, DateRangeError,
                      EmbedderMismatchError, InputFileError, LLMError, MissingDateError, NotFoundError, PromptError,
                      QuestionError, RagError)
from ..service import MAX_QUESTION_CHARS

log = logging.getLogger(__name__)

ASK_ADMIN = "如果再试一次仍然不行，请联系管理员。"

# One message per error class (the most specific class wins). tests/test_web_messages.py checks that every
# subclass of RagError has one.
ERRORS_ZH: dict[type[RagError], str] = {
    RagError: "操作没有完成。" + ASK_ADMIN,
    ConfigError: "系统设置有误，暂时无法完成这项操作，请联系管理员。",
    InputFileError: "这个文件无法导入。请确认它是一期报纸的 .txt、.md、.pdf 或 .docx 文件，并且能正常打开。",
    MissingDateError: "报头上没有找到出版日期：请在「期刊日期」栏填写这一期的日期（如 2025-05-20），再点「导入」。",
    EmbedderMismatchError: "档案是用另一个检索模型建立的，当前设置无法使用它，请联系管理员。",
    CatalogError: "档案数据库暂时无法读写（可能磁盘已满或文件被占用），请联系管理员。",
    NotFoundError: "档案中没有找到要找的内容，可能已被删除。请刷新页面后再试。",
    LLMError: "回答引擎暂时不可用，请稍后再试。" + ASK_ADMIN,
    PromptError: "回答引擎的设置有误，请联系管理员。",
    BusyError: "档案正在导入或删除期刊，请稍等一会儿再试。",
    QuestionError: f"问题太长：请缩短到 {MAX_QUESTION_CHARS} 字以内，只问一件事。",
    DateRangeError: f"日期超出了档案能处理的范围（{DATE_MIN_YEAR}—{DATE_MAX_YEAR} 年），请检查年份。",
}

# Why a file was not imported: the opening words of the reasons rag.ingest and rag.index give -> what staff read.
# tests/test_web_messages.py finds every reason those modules can give and checks that one of these matches it.
FILE_REASONS_ZH: tuple[tuple[str, str], ...] = (
    ("unsupported file type", "不支持这种文件类型，只能导入 .txt、.md、.pdf、.docx 文件。"),
    ("not a regular file", "这不是一个普通文件，无法导入。"),
    ("no such file", "文件没有上传完整，请重新选择文件。"),
    ("file too large", "文件太大，超过了单个文件的大小上限。请把报纸按期分成几个文件再上传。"),
    ("empty file", "文件是空的，没有文字。"),
    ("no text found", "文件里没有找到文字。"),
    ("no text layer", "这个 PDF 是扫描图片，没有文字层。请导出带文字的 PDF，或先做文字识别。"),
    ("no article text left", "去掉版面信息后没有剩下正文，请确认这是一期报纸的文字。"),
    ("no issue date found", ERRORS_ZH[MissingDateError]),
    ("binary file", "这不是文字文件（可能是图片或其他程序的文件），无法导入。"),
    ("corrupt or truncated PDF", "PDF 文件已损坏或不完整，请重新导出或重新下载后再上传。"),
    ("corrupt .docx", "Word 文件已损坏，请用 Word 打开后另存为 .docx 再上传。"),
    ("another file named", "这次上传里有两个同名文件，请改名后分开上传。"),
    ("the .docx defines XML entities", "这个 Word 文件里有 Word 本身不会写入的内容，不能安全读取。请用 Word 打开后另存为 "
                                       ".docx 再上传。"),
    ("the .docx holds XML that cannot be read safely", "这个 Word 文件的内容不能安全读取。请用 Word 打开后另存为 .docx "
                                                       "再上传。"),
    ("the .docx unpacks to", "这个 Word 文件解压后过大，不能安全读取。请用 Word 打开后另存为 .docx 再上传。"),
    ("the PDF unpacks to more than", "这个 PDF 解压后过大，不能安全读取。请重新导出 PDF 后再上传。"),
    ("reading took longer than", "读取这个文件用时过长，已经停止。请确认文件完好，或分成几个小文件再上传。"),
    ("symbolic link loop", "这个文件是指向自身的链接，无法读取。"),
    ("no articles found", "文件里没有识别出文章，请确认这是一期报纸的正文。"),
    ("unexpected error", "读取这个文件时出了意外的错误，文件没有导入。" + ASK_ADMIN),
)
FILE_FAILED_ZH = "文件没有导入。" + ASK_ADMIN

# what the pages say in the normal course of work
EMPTY_QUESTION = "请先输入问题，再点「提问」。"
NO_ANSWER = "回答没有完成。" + ASK_ADMIN
UNEXPECTED = "出了意外的错误，操作没有完成。" + ASK_ADMIN
WAITING_FOR_WRITER = "另一处（命令行或另一位同事）正在导入或删除期刊，等它完成后会自动开始导入，请不要关闭页面…"


def zh_error(error: BaseException) -> str:
    """The Chinese message staff see for an error: by its class (the nearest class in ERRORS_ZH), or the general
    message for anything that is not a RagError (a bug: logged here in full)."""
    if not isinstance(error, RagError):
        log.error("unexpected error shown to staff as UNEXPECTED", exc_info=error)
        return UNEXPECTED
    log.info("shown in Chinese: %s: %s", type(error).__name__, error)
    if isinstance(error, InputFileError) and not isinstance(error, MissingDateError):
        return zh_file_reason(error.reason)
    for cls in type(error).__mro__:
        if cls in ERRORS_ZH:
            return ERRORS_ZH[cls]
    return UNEXPECTED


def zh_file_reason(reason: str | None) -> str:
    """Why a file was not imported, in Chinese, from the (English) reason of its ingest report."""
    text = (reason or "").strip()
    for opening, zh in FILE_REASONS_ZH:
        if text.startswith(opening):
            return zh
    return FILE_FAILED_ZH


# Gradio's own words on the page (buttons of the chat, upload box, toasts), for its i18n: the browser's language
# decides which table Gradio uses, and several of these keys have no Chinese in Gradio itself, so the same table
# is given for English and Chinese browsers alike.
GRADIO_ZH: dict[str, str] = {
    "chatbot.copy_message": "复制",
    "chatbot.copied_message": "已复制",
    "chatbot.retry": "重新回答",
    "chatbot.like": "有用",
    "chatbot.dislike": "有误",
    "chatbot.undo": "撤销",
    "chatbot.edit": "编辑",
    "chatbot.clear": "清空",
    "chatbot.submit": "提交",
    "chatbot.cancel": "取消",
    "chatbot.complete": "完成",
    "common.error": "出错了",
    "common.clear": "清除",
    "common.download": "下载",
    "common.download_all": "全部下载",
    "common.edit": "编辑",
    "common.empty": "空",
    "common.loading": "加载中",
    "common.or": "或",
    "common.remove": "移除",
    "common.submit": "提交",
    "common.undo": "撤销",
    "common.progress": "进度",
    "common.upload": "上传",
    "common.complete": "完成",
    "upload_text.paste_clipboard": "从剪贴板粘贴",
    "upload_text.click_to_upload": "点击选择文件",
    "upload_text.drop_file": "将文件拖放到此处",
    "file.uploading": "正在上传…",
    "dropdown.dropdown": "下拉选择",
    "status.queue_position": "排队中：第 {position} 位，共 {size} 位",
    "blocks.connection_can_break": "在手机上，切换应用或锁屏可能会中断连接。",
    "blocks.lost_connection": "连接已中断，正在重新连接…",
    "blocks.waiting_for_inputs": "文件还在上传，请稍后再试。",
    "login.login": "登录",
    "login.username": "用户名",
    "login.password": "密码",
    "login.incorrect_credentials": "用户名或密码不正确",
}
