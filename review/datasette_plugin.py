"""datasette plugin (entry point `nianbao` in pyproject.toml): `nianbao_text(blob, size)` on datasette's
connections, so the `report_text` view and SQL over `texts` work there as in nianbao itself.

Loaded by datasette only (datasette is not a dependency of nianbao).
"""

from __future__ import annotations

from datasette import hookimpl

from ..store.text import register


@hookimpl
def prepare_connection(conn) -> None:
    register(conn)
