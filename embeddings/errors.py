"""The one error hierarchy of tinbot. Entry points turn these into one line for the user."""
from __future__ import annotations


class TinbotError(Exception):
    """Base class: a problem the user can fix; the message says how."""


class ModelUnavailable(TinbotError):
    """The embedding model cannot be loaded or materialized."""


class IndexNotFound(TinbotError):
    """No index folder where one was expected."""


class IndexCorrupt(TinbotError):
    """An index file is missing, truncated or does not match its checksum."""


class ModelMismatch(TinbotError):
    """The index was built with another model, dimension or tinbot version."""


class BadArticle(TinbotError):
    """An article file cannot be read (not UTF-8, empty, unreadable, binary)."""


class BadQuestion(TinbotError):
    """A question that cannot be searched (empty, too long)."""


class LinkNotQuestion(BadQuestion):
    """The message is only a link (or links): tinbot does not open them."""
