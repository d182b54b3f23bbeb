"""The line format: CRC prefix, key order, strict JSON, and refusing what cannot round-trip."""

from __future__ import annotations

import io
import json
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessiontui.core.events import Event
from sessiontui.journal.errors import EncodeError, LineError
from sessiontui.journal.lines import (
    PREFIX_LEN,
    WRITE_VERSION,
    decode_event,
    decode_header,
    decode_line,
    encode_event,
    encode_header,
)
from sessiontui.journal.reader import scan
from tests.unit.journal_child import V1, sample_event, sample_header

DOCS = Path(__file__).resolve().parents[2] / "docs" / "log-format.md"

TS = "2026-11-24T19:30:00.000Z"


def test_event_line_has_crc_first_then_the_fixed_key_order() -> None:
    line = encode_event(Event("phase.started", {"phase": "check-in"}, t=12.5, ts=TS, seq=3), V1)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    record = json.loads(line)
    assert list(record) == ["crc", "seq", "t", "ts", "type", "v", "data"]
    assert line[PREFIX_LEN:-1] == (
        b'"seq":3,"t":12.5,"ts":"2026-11-24T19:30:00.000Z","type":"phase.started","v":1,'
        b'"data":{"phase":"check-in"}}'
    )
    assert record["crc"] == f"{zlib.crc32(line[PREFIX_LEN:-1]):08x}"


def test_worked_crc_example_from_the_docs() -> None:
    """docs/log-format.md quotes this line; if it changes, the docs must too."""
    event = Event(
        "turn.started",
        {"speaker": "p03", "source": "round"},
        t=734.031,
        ts="2026-11-24T19:41:55.246Z",
        seq=4,
    )
    line = encode_event(event, V1)
    assert line == (
        b'{"crc":"b58bb0ef","seq":4,"t":734.031,"ts":"2026-11-24T19:41:55.246Z",'
        b'"type":"turn.started","v":1,"data":{"speaker":"p03","source":"round"}}\n'
    )
    assert line.rstrip(b"\n").decode() in DOCS.read_text()


def test_the_example_log_in_the_docs_is_valid_and_finished() -> None:
    text = DOCS.read_text()
    block = text.split("```jsonl\n", 1)[1].split("```", 1)[0].encode()
    contents = scan(io.BytesIO(block), Path("example.jsonl"))
    assert contents.damage is None and contents.status == "finished"
    assert len(contents.events) == 7
    for event in contents.events:
        assert encode_event(event, V1) in block  # byte for byte what the encoder writes


def test_round_trip_keeps_every_field_and_non_ascii_text() -> None:
    event = Event(
        "note.added", {"text": 'Niamh’s café — ok ✓\n"quoted"\u2028'}, t=3, ts=TS, seq=1, v=2
    )
    line = encode_event(event, V1)
    assert "café".encode() in line  # ensure_ascii=False
    back = decode_event(line)
    assert back == event
    assert isinstance(back.t, float)


def test_header_gets_format_fields_first_and_keeps_the_callers_order() -> None:
    line = encode_header(sample_header())
    record = json.loads(line)
    assert list(record)[:5] == ["crc", "format", "format_version", "session_id", "created"]
    assert record["format"] == "sessiontui/log" and record["format_version"] == WRITE_VERSION
    header = decode_header(line)
    assert "crc" not in header and header["plan"]["source_name"] == "evening-group.toml"


@pytest.mark.parametrize("key", ["crc", "format", "format_version"])
def test_header_fields_owned_by_the_journal_are_refused(key: str) -> None:
    with pytest.raises(EncodeError, match=key):
        encode_header(sample_header(**{key: "x"}))


def test_header_needs_session_id_and_created() -> None:
    fields = sample_header()
    del fields["created"]
    with pytest.raises(EncodeError, match="created"):
        encode_header(fields)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (Event("", {}, ts=TS, seq=1), "type"),
        (Event("x", {}, ts=TS, seq=0), "seq"),
        (Event("x", {}, ts=TS, seq=1, v=0), "v"),
        (Event("x", {}, t=float("nan"), ts=TS, seq=1), "t must be finite"),
        (Event("x", {}, t=True, ts=TS, seq=1), "t must be a number"),
        (Event("x", {}, ts="", seq=1), "ts"),
        (Event("x", {}, ts="2026-11-24 19:30:00", seq=1), "ts"),
        (Event("x", {"a": (1, 2)}, ts=TS, seq=1), r"data\.a: a tuple"),
        (Event("x", {1: "a"}, ts=TS, seq=1), "key of type int"),
        (Event("x", {"a": {"b": float("inf")}}, ts=TS, seq=1), r"data\.a\.b"),
        (Event("x", {"a": {1, 2}}, ts=TS, seq=1), "set"),
        (Event("x", {"a": "\ud800"}, ts=TS, seq=1), "surrogate"),
        (Event("x", {"a": [2**63]}, ts=TS, seq=1), r"data\.a\[0\]: integer outside"),
        (Event("x", {"a": -(2**63) - 1}, ts=TS, seq=1), "64-bit"),
    ],
)
def test_events_that_would_not_read_back_the_same_are_refused(event: Event, message: str) -> None:
    with pytest.raises(EncodeError, match=message):
        encode_event(event, V1)


def test_a_hand_edited_huge_integer_reads_as_json_reads_the_rest() -> None:
    """Both parsers agree on every line the journal writes; past 64 bits they do not,
    so such a line (never written, only hand-made) still reads, as a number."""
    body = b'"seq":1,"t":0,"ts":"%s","type":"x","v":1,"data":{"n":%d}}' % (TS.encode(), 2**70)
    line = b'{"crc":"%08x",' % zlib.crc32(body) + body + b"\n"
    assert decode_event(line).data["n"] == pytest.approx(2.0**70)


def test_encode_errors_never_quote_the_payload() -> None:
    with pytest.raises(EncodeError) as caught:
        encode_event(Event("note.added", {"text": ("Ciara", "private words")}, ts=TS, seq=1), V1)
    assert "Ciara" not in str(caught.value) and "private" not in str(caught.value)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"crc":"00000000","seq":1}', "newline"),
        (b'{"seq":1}\n', "no crc prefix"),
        (b'{"crc":"00000000","seq":1}\n', "crc mismatch"),
        (b'{"crc":"%08x",NaN}\n' % zlib.crc32(b"NaN}"), "not JSON"),
        (b'{"crc":"%08x","t":NaN}\n' % zlib.crc32(b'"t":NaN}'), "not JSON"),
        (b'{"crc":"%08x",\xff}\n' % zlib.crc32(b"\xff}"), "UTF-8"),
    ],
)
def test_decode_line_says_why_a_line_is_bad(line: bytes, reason: str) -> None:
    with pytest.raises(LineError, match=reason):
        decode_line(line)


def test_uppercase_crc_digits_are_a_mismatch() -> None:
    """A single flipped bit turns `a` into `A`: the digits are compared as bytes."""
    line = encode_event(sample_event(5).with_seq(5), V1)
    digits = line[8:16]
    if digits == digits.upper():
        line = encode_event(sample_event(6).with_seq(6), V1)
        digits = line[8:16]
    assert digits != digits.upper()
    with pytest.raises(LineError, match="crc mismatch"):
        decode_line(line[:8] + digits.upper() + line[16:])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"t": 0.0, "ts": TS, "type": "x", "v": 1, "data": {}}, "seq"),
        ({"seq": True, "t": 0.0, "ts": TS, "type": "x", "v": 1, "data": {}}, "seq"),
        ({"seq": 1, "t": "0", "ts": TS, "type": "x", "v": 1, "data": {}}, "t"),
        ({"seq": 1, "t": 0.0, "ts": 5, "type": "x", "v": 1, "data": {}}, "ts"),
        ({"seq": 1, "t": 0.0, "ts": TS, "type": "", "v": 1, "data": {}}, "type"),
        ({"seq": 1, "t": 0.0, "ts": TS, "type": "x", "v": "1", "data": {}}, "v"),
        ({"seq": 1, "t": 0.0, "ts": TS, "type": "x", "v": 1, "data": []}, "data"),
    ],
)
def test_decode_event_checks_each_field(body: dict, reason: str) -> None:
    rest = json.dumps(body, separators=(",", ":"))[1:].encode()
    line = b'{"crc":"%08x",' % zlib.crc32(rest) + rest + b"\n"
    with pytest.raises(LineError, match=reason):
        decode_event(line)


def test_unknown_types_and_extra_keys_are_structure_enough() -> None:
    rest = (
        b'"seq":1,"t":0.0,"ts":"2026-11-24T19:30:00.000Z","type":"from.the.future",'
        b'"v":9,"data":{},"x":1}'
    )
    line = b'{"crc":"%08x",' % zlib.crc32(rest) + rest + b"\n"
    assert decode_event(line).type == "from.the.future"


def test_not_a_sessiontui_header() -> None:
    with pytest.raises(LineError, match="not a sessiontui log"):
        decode_header(b'{"name": "package.json"}\n')
    rest = b'"format":"other/log","format_version":1}'
    with pytest.raises(LineError, match="not a sessiontui log"):
        decode_header(b'{"crc":"%08x",' % zlib.crc32(rest) + rest + b"\n")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    data=st.dictionaries(st.text(), json_values, max_size=5),
    kind=st.text(min_size=1, max_size=30),
    seq=st.integers(min_value=1, max_value=2**40),
    t=st.floats(min_value=0, max_value=1e7, allow_nan=False),
)
def test_any_json_payload_round_trips(data: dict, kind: str, seq: int, t: float) -> None:
    try:
        line = encode_event(Event(kind, data, t=t, ts=TS, seq=seq), V1)
    except EncodeError:
        # only text that is not valid Unicode (lone surrogates) may be refused
        assert any("\ud800" <= c <= "\udfff" for c in json.dumps(data, ensure_ascii=False) + kind)
        return
    assert line.count(b"\n") == 1
    assert decode_event(line) == Event(kind, data, t=t, ts=TS, seq=seq)


def test_absurdly_deep_nesting_is_a_bad_line_not_a_crash() -> None:
    deep = "[" * 5000 + "]" * 5000
    body = b'"seq":1,"t":0,"ts":"%s","type":"x","v":1,"data":{"n":%s}}' % (
        TS.encode(), deep.encode())
    line = b'{"crc":"%08x",' % zlib.crc32(body) + body + b"\n"
    with pytest.raises(LineError, match="not JSON"):
        decode_line(line)
    contents = scan(io.BytesIO(encode_header(sample_header()) + line), Path("deep.jsonl"))
    assert contents.events == [] and contents.damage is not None
