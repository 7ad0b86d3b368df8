from typing import Literal, cast

ServiceTierType0 = Literal["auto", "default", "fast", "flex", "priority", "scale"]

SERVICE_TIER_TYPE_0_VALUES: frozenset[ServiceTierType0] = frozenset(
    {
        "auto",
        "default",
        "fast",
        "flex",
        "priority",
        "scale",
    }
)


def check_service_tier_type_0(value: str) -> ServiceTierType0:
    """Type `value` as ServiceTierType0; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ServiceTierType0, value)
