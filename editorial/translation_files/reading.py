"""What a translation file says once read, whatever its format, and why it cannot be read."""

from dataclasses import dataclass


class FileError(Exception):
    """A file that cannot be read: `code` names the problem (see importing.FILE_MESSAGES)."""

    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


@dataclass
class ReadUnit:
    id: str
    fingerprint: str | None
    source_tokens: list | None
    target_tokens: list | None


@dataclass
class ReadPage:
    page_id: int
    units: list


@dataclass
class ReadFile:
    source_language: str
    target_language: str
    pages: list
