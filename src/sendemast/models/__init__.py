"""Chat models behind one interface, addressed as ``provider/name``: ``openai/…``, ``local/…``, ``fake/…``."""

from sendemast.models.base import ChatModel, Completion, Message, ModelRequest
from sendemast.models.registry import (
    BUNDLED_DEFAULT,
    OPENAI_DEFAULT,
    default_model_id,
    get_model,
    register,
    split_model_id,
)

__all__ = [
    "BUNDLED_DEFAULT",
    "OPENAI_DEFAULT",
    "ChatModel",
    "Completion",
    "Message",
    "ModelRequest",
    "default_model_id",
    "get_model",
    "register",
    "split_model_id",
]
