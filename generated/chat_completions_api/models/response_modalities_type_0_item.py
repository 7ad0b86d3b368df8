from typing import Literal, cast

ResponseModalitiesType0Item = Literal["audio", "text"]

RESPONSE_MODALITIES_TYPE_0_ITEM_VALUES: frozenset[ResponseModalitiesType0Item] = frozenset(
    {
        "audio",
        "text",
    }
)


def check_response_modalities_type_0_item(value: str) -> ResponseModalitiesType0Item:
    """Type `value` as ResponseModalitiesType0Item; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ResponseModalitiesType0Item, value)
