"""The one YAML loader for every file the kit reads: PyYAML's safe loader, made strict.

``yaml.safe_load`` has three habits that hurt a teaching kit reading files edited by hand:

- it expands aliases, so a 477-byte file of nested ``&a``/``*a`` references ("billion laughs")
  exhausts memory;
- it keeps the last of two equal keys silently (``title`` twice, a frame's ``patterns`` twice: the
  first list is lost);
- a value it cannot construct (``date: 2025-02-30``) raises a plain ``ValueError`` with no line.

:class:`StrictLoader` refuses anchors and aliases and duplicate keys, and turns every value error
into a :class:`yaml.MarkedYAMLError` carrying the line of the offending value, so callers that already
catch ``yaml.YAMLError`` report the right line. Nothing here imports the rest of the kit.

>>> safe_load("a: 1\\nb: [x, y]\\n")
{'a': 1, 'b': ['x', 'y']}
>>> try:
...     safe_load("a: 1\\na: 2\\n")
... except DuplicateKeyError as exc:
...     print(exc.problem, "on line", exc.problem_mark.line + 1)
found duplicate key 'a' on line 2
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.error import Mark
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node
from yaml.reader import Reader


class AliasError(ComposerError):
    """An anchor (``&name``) or alias (``*name``): refused, because aliases can expand without bound."""

    fix = "write the value out in full instead of using &name / *name"


class DuplicateKeyError(ConstructorError):
    """A mapping names the same key twice (``context_mark``: the first, ``problem_mark``: the second)."""

    fix = "keep one of the two entries (merge their values if both are needed)"


class ValueConstructionError(ConstructorError):
    """A scalar that looks like a typed value but is not one (``2025-02-30``)."""


class _StrictConstruction:
    """Refuse duplicate keys and give every value error its line (shared by both loaders below)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            seen: dict[Any, Mark] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":  # '<<' is resolved by the base class
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:  # an unhashable key: the base class reports it with its line
                    continue
                if first is not None:
                    raise DuplicateKeyError(
                        "while constructing a mapping", first, f"found duplicate key {key!r}", key_node.start_mark
                    )
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:  # yaml.YAMLError is neither: marked errors pass through
            raise ValueConstructionError(
                None, None, f"the value {node.value!r} cannot be read ({exc})", node.start_mark
            ) from None


class StrictLoader(_StrictConstruction, yaml.SafeLoader):
    """``yaml.SafeLoader`` without anchors, aliases or duplicate keys, and with a line for every value error."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            kind = "alias" if isinstance(event, AliasEvent) else "anchor"
            raise AliasError(
                None,
                None,
                f"found {kind} '{event.anchor}': anchors (&name) and aliases (*name) are not accepted",
                event.start_mark,
            )
        return super().compose_node(parent, index)


_C_SAFE_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, when PyYAML was built with it


class _FastStrictLoader(_StrictConstruction, _C_SAFE_LOADER or yaml.SafeLoader):  # type: ignore[misc]
    """The same construction on libyaml's C parser: used only for text that has no anchor or alias."""


def _fast_path_applies(text: str) -> bool:
    """No anchor or alias (the C parser's composer cannot be made to refuse them) and no character the
    pure-Python reader refuses, so the C parser reads the text exactly as :class:`StrictLoader` would."""
    if _C_SAFE_LOADER is None or Reader.NON_PRINTABLE.search(text):
        return False
    for event in yaml.parse(text, Loader=_C_SAFE_LOADER):
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            return False
    return True


def safe_load(text: str) -> Any:
    """Parse ``text`` with :class:`StrictLoader` (a drop-in for ``yaml.safe_load``).

    Text the C parser can read the same way (no anchor, alias or unreadable character) is parsed by
    libyaml, about ten times faster (a text's front matter is most of the time of loading a short news
    text); anything it refuses on the way — a syntax error, a duplicate key, a bad value — is parsed
    again by :class:`StrictLoader`, so every error and its line are the pure-Python loader's.
    """
    try:
        if _fast_path_applies(text):
            return yaml.load(text, Loader=_FastStrictLoader)
    except yaml.YAMLError:
        pass  # StrictLoader gives the message
    return yaml.load(text, Loader=StrictLoader)  # StrictLoader is a SafeLoader


def compose(text: str) -> Node | None:
    """The node tree of ``text`` (for line numbers), refusing anchors and aliases like :func:`safe_load`."""
    return yaml.compose(text, Loader=StrictLoader)
