from typing import Literal

VerbosityType0 = Literal["high", "low", "medium"]

VERBOSITY_TYPE_0_VALUES: set[VerbosityType0] = {
    "high",
    "low",
    "medium",
}


def check_verbosity_type_0(value: str) -> VerbosityType0:
    if value in VERBOSITY_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VERBOSITY_TYPE_0_VALUES!r}")
