from typing import Literal, cast

ReasoningEffortType0 = Literal["high", "low", "max", "medium", "minimal", "none", "xhigh"]

REASONING_EFFORT_TYPE_0_VALUES: frozenset[ReasoningEffortType0] = frozenset(
    {
        "high",
        "low",
        "max",
        "medium",
        "minimal",
        "none",
        "xhigh",
    }
)


def check_reasoning_effort_type_0(value: str) -> ReasoningEffortType0:
    """Type `value` as ReasoningEffortType0; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ReasoningEffortType0, value)
