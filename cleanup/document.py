"""What a rule sees: the document as it stands when its stage runs.

It lives below the registry, the data kinds and the pipeline so that the layers read
top-down: rules depend on this module, and the pipeline builds its values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .config import CleanupConfig


@dataclass
class Doc:
    """The current text, the config, and metadata found so far.

    ``memo`` is kept across every pass over one document: an analysis stores there what it
    learnt about the parts of the text (its lines, say), so that a pass after a fix reads
    again only the parts that changed.
    """

    text: str
    config: CleanupConfig
    metadata: dict[str, Any] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
