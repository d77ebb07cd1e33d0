"""media-framing-kit: sentiment, frames and voices in news texts, offline and reproducible.

>>> import kit
>>> doc = kit.load_text("oped")
>>> len(doc.paragraphs)
28
"""

from kit.errors import KitError, TextError
from kit.text import Document, Paragraph, Sentence, Token, from_string, list_texts, load_text

__version__ = "0.1.0"

__all__ = [
    "Document",
    "KitError",
    "Paragraph",
    "Sentence",
    "TextError",
    "Token",
    "__version__",
    "from_string",
    "list_texts",
    "load_text",
]
