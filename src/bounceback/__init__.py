"""bounceback: turn email bounces and delivery logs into clear answers and a clean mailing list.

The public API is small::

    import bounceback
    bounces = bounceback.parse(raw_bytes)           # list[Bounce], one per recipient
    for source, bounce_or_error in bounceback.parse_paths(["bounces.mbox"]): ...
    bounceback.explain("550 5.1.1 user unknown")    # Explanation
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .errors import BouncebackError, InputError
from .model import Bounce, Delivery, Explanation, Original
from .verp import VerpPattern

if TYPE_CHECKING:
    from .sources.files import Raw

__version__ = "0.1.0"
__all__ = [
    "Bounce", "BouncebackError", "Delivery", "Explanation", "InputError", "Original",
    "VerpPattern", "explain", "parse", "parse_paths", "parse_raw", "__version__",
]


def parse(raw: bytes, source: str = "", verp: VerpPattern | None = None) -> list[Bounce]:
    """Decode and classify one raw message: one ``Bounce`` per recipient (empty if it is no bounce).

    ``verp``: a configured VERP pattern lets an unclear report take its recipient from the
    bounce's envelope address (``bounceback.verp``).
    """
    from .classify import classify
    from .decode import decode

    return [classify(d, source) for d in decode(raw, verp)]


def parse_raw(source: str, raw: bytes, verp: VerpPattern | None = None) -> list[Bounce] | InputError:
    """``parse``, with a message no decoder can read turned into an ``InputError`` naming ``source``."""
    try:
        return parse(raw, source, verp)
    except (ValueError, LookupError, UnicodeError, RecursionError, MemoryError) as exc:
        return InputError(source, f"cannot decode message ({type(exc).__name__}: {exc})")


def parse_paths(paths: Iterable[str], jobs: int = 1, verp: VerpPattern | None = None,
                then: Callable[[str, list[Bounce] | InputError], Any] | None = None) -> Iterator[Any]:
    """``(source, bounces)`` for every message under the paths, or ``(source, InputError)``.

    ``jobs`` > 1 decodes in that many forked worker processes (POSIX; fork from a process
    that runs no other threads); results keep the input order.
    ``then(source, result)``, when given, runs where the message was decoded (in the
    worker) and its value is yielded instead: turning bounces into output text there
    spares the main process from copying them back. Its value must be picklable.
    """
    from functools import partial

    from .sources.files import iter_messages, iter_units

    if jobs <= 1:
        yield from map(partial(_parse_item, verp=verp, then=then), iter_messages(paths))
        return
    from .parallel import ordered_map

    # workers read the files they decode (iter_units leaves small files unread)
    for results in ordered_map(partial(_parse_unit, verp=verp, then=then), iter_units(paths), jobs):
        yield from results


def _parse_unit(unit, verp: VerpPattern | None = None, then=None) -> list:
    from .sources.files import FileRef

    items = unit.messages() if isinstance(unit, FileRef) else [unit]
    return [_parse_item(item, verp, then) for item in items]


def _parse_item(item: Raw | InputError, verp: VerpPattern | None = None, then=None):
    source, result = _decode_item(item, verp)
    return (source, result) if then is None else then(source, result)


def _decode_item(item: Raw | InputError, verp: VerpPattern | None) -> tuple[str, list[Bounce] | InputError]:
    if isinstance(item, InputError):
        return item.source, item
    source, raw = item
    index = getattr(item, "index", 0)
    try:
        bounces = parse(raw, source, verp)
    except (ValueError, LookupError, UnicodeError, RecursionError, MemoryError) as exc:
        label = item.label if index else source
        return source, InputError(label, f"cannot decode message ({type(exc).__name__}: {exc})")
    if index:
        from dataclasses import replace

        bounces = [replace(b, message=index) for b in bounces]
    return source, bounces


def explain(line: str) -> Explanation:
    """What a reply code, enhanced status code or reply line means and what to do."""
    from .explainer import explain as _explain

    return _explain(line)
