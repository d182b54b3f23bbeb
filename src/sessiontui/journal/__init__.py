"""The log on disk: line format, the writer (fsync, then ack), reading, recovery, paths.

Plain Python (no Textual). The format is described in docs/log-format.md.

    writer = JournalWriter.create(paths.new_log_path(start, title, sid), header)
    event = writer.append(event)          # numbered now, saved on the writer thread
    contents = read_chain(path)           # header, valid events, status, damage
    writer, result = resume(path)         # recover a crash, then keep appending
"""

from sessiontui.journal.catalog import LogSummary, Verdict, list_logs, prune, verify
from sessiontui.journal.errors import (
    EncodeError,
    JournalError,
    JournalLocked,
    LineError,
    LogError,
    UntrustedFile,
)
from sessiontui.journal.lines import (
    FORMAT,
    FORMAT_VERSION,
    WRITE_VERSION,
    encode_event,
    encode_header,
)
from sessiontui.journal.reader import Damage, LogContents, read_chain, read_log
from sessiontui.journal.recovery import RecoveryResult, recover, resume, truncated_event_data
from sessiontui.journal.roster import load_roster, save_roster
from sessiontui.journal.writer import JournalWriter

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "WRITE_VERSION",
    "Damage",
    "EncodeError",
    "JournalError",
    "JournalLocked",
    "JournalWriter",
    "LineError",
    "LogContents",
    "LogError",
    "LogSummary",
    "RecoveryResult",
    "UntrustedFile",
    "Verdict",
    "encode_event",
    "encode_header",
    "list_logs",
    "load_roster",
    "prune",
    "read_chain",
    "read_log",
    "recover",
    "resume",
    "save_roster",
    "truncated_event_data",
    "verify",
]
