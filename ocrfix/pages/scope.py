"""Page scope: restrict the readers to some pages of a document, so that a page-range task
runs the unchanged OCR stage (``ocr_file``) over just its pages.

Inside ``with page_scope({5, 6, 7})``, :func:`~ocrfix.pages.iter_pages` yields only those
pages (intersected with its own ``only``) and :func:`~ocrfix.pages.text_layer` reads only
those pages' text layers, reporting ``""`` for the others: the OCR stage then never renders,
recognises or returns a page outside the scope. A context variable, not a parameter, because
the OCR stage's signature belongs to its owner.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_SCOPE: ContextVar[frozenset[int] | None] = ContextVar("ocrfix_page_scope", default=None)


@contextmanager
def page_scope(numbers: Collection[int] | None) -> Iterator[None]:
    """Readers see only the 1-based pages ``numbers`` (all pages when None) in this block."""
    token = _SCOPE.set(None if numbers is None else frozenset(numbers))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def current_scope() -> frozenset[int] | None:
    """The pages the readers may hand on now (None: all)."""
    return _SCOPE.get()


def within_scope(only: Collection[int] | None) -> Collection[int] | None:
    """``only`` narrowed to the current scope.

    >>> with page_scope({2, 3}):
    ...     sorted(within_scope({1, 2})), sorted(within_scope(None))
    ([2], [2, 3])
    """
    scope = _SCOPE.get()
    if scope is None:
        return only
    return scope if only is None else scope.intersection(only)

