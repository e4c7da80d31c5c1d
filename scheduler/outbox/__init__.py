"""The outbox: every message the scheduler will send, as rows of the ``outbox`` table.

- ``kinds``: ``NoticeKind``, every kind of notice a row may carry (its stored value);
- ``rows``: the writers (``outbox_row``, ``insert_rows``, ``cancel_rows``), which every
  planner and every service queues its notices through, and ``LOOKAHEAD``;
- ``bulk``: the fast paths of ``insert_rows`` for many pending rows at once;
- ``reading``: an outbox row as the ``Notice`` a transport delivers;
- ``drain``: the claim protocol that delivers due rows through a ``Notifier`` (``OutboxDrain``),
  with ``marks`` (which claims a sending thread takes, in what order; marking delivered rows
  sent in batches) and ``settle`` (one copy kept of a message posted after a takeover).

The package imports no planner (an import-linter contract in pyproject.toml): the planners
and the services sit above it.
"""
