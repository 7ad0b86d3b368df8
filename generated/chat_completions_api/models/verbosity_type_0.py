from typing import Literal, cast

VerbosityType0 = Literal["high", "low", "medium"]

VERBOSITY_TYPE_0_VALUES: frozenset[VerbosityType0] = frozenset(
    {
        "high",
        "low",
        "medium",
    }
)


def check_verbosity_type_0(value: str) -> VerbosityType0:
    """Type `value` as VerbosityType0; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(VerbosityType0, value)
