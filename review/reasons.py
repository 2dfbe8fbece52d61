"""Why an input failed, in Chinese for the Chinese pages and workbooks.

The loaders and the pipeline say it in one English line (the CLI and the JSON keep that);
a person reading a Chinese page reads it here. A reason not known here is still shown, after
a Chinese lead, so nothing is hidden.
"""

from __future__ import annotations

import re

TABLE_NAMES = {"active": "主动公开政府信息情况表", "applications": "收到和处理政府信息公开申请情况表", "appeals": "行政复议、行政诉讼情况表"}


def _tables(text: str) -> str:
    return "、".join(TABLE_NAMES.get(t.strip(), t.strip()) for t in text.split(","))


# (pattern, Chinese): the Chinese may use the pattern's groups by number ({0}, {1} …).
REASONS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), c) for p, c in [
    (r"^cannot read: (.*)$", "无法读取文件（{0}）"),
    (r"^file too large \(([\d.]+) MB > (\d+) MB limit", "文件过大（{0} MB，超过{1} MB的上限；可用 --max-bytes 调高）"),
    (r"^empty file$", "空文件"),
    (r"^a zip archive", "这是压缩包，不是报告（请先解压）"),
    (r"^named \.pdf but is not a PDF", "文件名为.pdf，内容却不是PDF（没有%PDF文件头）"),
    (r"^binary file, not text", "二进制文件，不是文本（没有适用的文字编码）"),
    (r"^the page holds (\d+) reports", "网页中有{0}份报告，请将每份报告分别保存为一个文件"),
    (r"^truncated PDF", "PDF文件不完整（结尾缺少%%EOF，下载或复制时被截断）"),
    (r"^encrypted PDF", "PDF已加密，需要密码才能打开；请另存一份未加密的副本"),
    (r"^not a readable PDF \((.*)\)$", "无法读取的PDF文件（{0}）"),
    (r"^no text layer and no scanned page image", "PDF既没有文字层也没有扫描页图像（空白或只有图形的PDF）"),
    (r"^no text layer", "PDF没有文字层（可能是扫描件），需要文字识别（OCR）"),
    (r"^not a readable \.docx \((.*)\)$", "无法读取的.docx文件（{0}）"),
    (r"^not a Word document", "不是Word文档：其中有部件使用了Word不会使用的压缩方式"),
    (r"^a PDF whose streams unpack to more than (\d+) MB", "该PDF的数据流解压后超过{0} MB（疑似压缩炸弹），已拒绝；可用 --max-bytes 调高上限"),
    (r"^a PDF of ([\d,]+) pages", "该PDF有{0}页（一份年报只有几十页），已拒绝"),
    (r"^a \.docx that unpacks to", "该.docx解压后过大（疑似压缩炸弹）；可用 --max-bytes 调高上限"),
    (r"^a \.docx with ([\d,]+) parts", "该.docx包含{0}个部件（正常的Word文档只有几十个），已拒绝"),
    (r"^a table cell with (\w+)=(\d+)", "表格单元格的{0}为{1}，超出正常范围，按异常文件拒绝"),
    (r"^a table that expands to ([\d,]+) cells", "表格展开后有{0}个单元格，超出正常范围，按异常文件拒绝"),
    (r"^a Word table cell merged down more than (\d+) rows", "Word表格单元格向下合并超过{0}行，按异常文件拒绝"),
    (r"^a Word table with more than ([\d,]+) cells", "Word表格超过{0}个单元格，按异常文件拒绝"),
    (r"^HTML nested more than (\d+) levels deep", "网页嵌套超过{0}层（去掉排版用的外层标签后仍然如此），解析器会丢掉更深处的文字，按异常文件拒绝"),
    (r"^not a government information disclosure annual report", "不是政府信息公开工作年度报告：六个部分的标题和三张统计表都未找到"),
    (r"^report cut off after section (\S+): sections (\S+) and table\(s\) (.+) are missing$", "报告在第{0}部分之后中断：缺少第{1}部分和{2}"),
    (r"^internal error while reading this file \((.*)\); please report it$", "读取此文件时程序内部出错，请报告此问题（{0}）"),
    (r"^scanned PDF: OCR found no text on its (\d+) page", "扫描版PDF：文字识别（OCR）在其{0}页中未识别出文字"),
    (r"^binary file: it starts like an image", "二进制文件：开头像图片（PNG/JPEG/TIFF），但无法作为图片解码"),
    (r"^image: OCR found no text", "图片：文字识别（OCR）未识别出文字"),
    (r"^cannot read the scanned image \((.*)\)$", "无法读取扫描图片（{0}）"),
    (r"^a scanned page needs OCR, which is not installed; install it with: (.*)$", "扫描页需要文字识别（OCR），但未安装；安装方法：{0}"),
    (r"^needs more memory than one file may use", "读取此文件所需内存超过单个文件的上限，未读取"),
    (r"^nested too deeply to read", "文件嵌套过深，无法读取"),
    (r"^took longer than ([\d.]+) s to read", "读取超过{0}秒（--file-timeout），已停止"),
    (r"^the process reading this file died with (\S+)", "读取此文件的进程异常退出（{0}），未读取"),
    (r"^the process reading this file stopped unexpectedly \(exit code (-?\d+)\)", "读取此文件的进程意外退出（退出码{0}），未读取"),
    (r"^no such file or folder$", "文件或文件夹不存在"),
    (r"^no file matches this pattern$", "没有与该模式匹配的文件"),
]]
UNKNOWN = "读取失败（原因原文）：{0}"
OS_ERRORS = {"No such file or directory": "文件不存在", "Permission denied": "没有读取权限", "Is a directory": "这是文件夹，不是文件"}


def chinese_reason(reason: str | None) -> str:
    """The Chinese for a failure reason; '' for none."""
    if not reason:
        return ""
    for pattern, chinese in REASONS:
        m = pattern.search(reason)
        if m:
            groups = list(m.groups())
            if "缺少第" in chinese and len(groups) == 3:
                groups[2] = _tables(groups[2])
            groups = [OS_ERRORS.get(g, g) if isinstance(g, str) else g for g in groups]
            return chinese.format(*groups)
    return UNKNOWN.format(reason)
