"""The typed request parameters, for annotating what you pass: `messages: list[ChatCompletionRequestMessageParam]`.

Generated from the spec (`chat_completions_api.params`); all are `TypedDict`s or aliases, so plain dicts are what
you build and send. Imported on demand, not by `import chat_completions`.
"""

from chat_completions_api import params as _params
from chat_completions_api.params import *  # noqa: F403 - exactly the generated module's `__all__`

__all__ = _params.__all__
