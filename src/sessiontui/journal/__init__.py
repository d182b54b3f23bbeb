"""The log on disk: line format, the writer (fsync, then ack), reading, recovery, paths.

Plain Python (no Textual). The format is described in docs/log-format.md. Import the
module you need (`journal.writer`, `journal.reader`, ...): nothing is loaded here, so
opening a session does not pay for the catalog or recovery it does not use.

    writer = JournalWriter.create(path, header.fields())   # journal.writer
    event = writer.append(event)          # numbered now, saved on the writer thread
    contents = read_chain(path)           # journal.reader: header, events, damage
    writer, result = resume(path)         # journal.recovery: recover, keep appending
"""
