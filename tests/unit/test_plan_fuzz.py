"""Mutations of valid plans: the loader raises nothing but PlanError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessiontui.plan import PlanError, load_plan_bytes
from tests.conftest import SESSIONS

SEEDS = [p.read_bytes() for p in sorted(SESSIONS.glob("*.toml"))]


def load_or_refuse(data: bytes) -> None:
    try:
        load_plan_bytes(data, "fuzz.toml")
    except PlanError as error:
        assert error.problems
        for problem in error.problems:
            assert "\n" not in str(problem)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 40), st.binary(max_size=12)), max_size=6
    ),
)
def test_byte_mutations(seed: bytes, edits: list[tuple[float, int, bytes]]) -> None:
    data = bytearray(seed)
    for where, cut, insert in edits:
        at = int(where * len(data))
        data[at : at + cut] = insert
    load_or_refuse(bytes(data))


TOKENS = ['"', "=", "[", "]", "[[", "]]", "\n", "0", "-1", "1e400", "nan", "true", '"10m"',
          "99999999999999999999", '"\\u202e"', '"\\u0000"', "{", "}", ",", "kind", "rooms",
          "duration", "#", "'''", '"""', "\r"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    where=st.lists(st.floats(0, 1), min_size=1, max_size=5),
    tokens=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=5),
)
def test_token_mutations(seed: bytes, where: list[float], tokens: list[str]) -> None:
    text = seed.decode()
    for fraction, token in zip(where, tokens, strict=False):
        at = int(fraction * len(text))
        text = text[:at] + token + text[at:]
    load_or_refuse(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                       st.booleans(), st.lists(st.integers(), max_size=3)))
def test_any_value_for_any_key(value: object) -> None:
    import tomli_w

    for key in ("duration", "rooms", "group_size", "seed", "warnings", "min", "per_person",
                "turn_limit", "queue", "order", "prompts"):
        phase = {"kind": "breakout" if key in ("rooms", "group_size", "seed") else "discussion",
                 "duration": "10m", key: value}
        if key in ("rooms", "group_size", "seed") and key != "rooms":
            phase["rooms"] = 2
        document = {"session": {"title": "x"}, "phases": [phase]}
        try:
            data = tomli_w.dumps(document).encode()
        except (TypeError, ValueError):
            continue
        load_or_refuse(data)
