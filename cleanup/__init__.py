"""cleanup: staged cleanup of machine-translated news with a lossless diff log.

>>> result = clean("kyiv said.  \\n\\n\\nAFP")
>>> result.text
'Kyiv said.\\n\\nAFP\\n'
>>> [c.code for c in result.changes]
['WSP005', 'WSP007', 'WSP009', 'CAS001']
"""

from .config import CleanupConfig, load_config
from .difflog import replay, revert
from .errors import CleanupError, ConfigError, FixDidNotConverge, InputError, LogError, RuleFileError
from .model import Applicability, Change, CleanResult, Edit, Example, Finding, Fix, Severity
from .pipeline import clean

__version__ = "0.1.0"

__all__ = [
    "Applicability", "Change", "CleanResult", "CleanupConfig", "CleanupError", "ConfigError",
    "Edit", "Example", "Finding", "Fix", "FixDidNotConverge", "InputError", "LogError",
    "RuleFileError", "Severity", "clean", "load_config", "replay", "revert", "__version__",
]
