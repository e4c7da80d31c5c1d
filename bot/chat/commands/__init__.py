"""`/commplan ...` (Slack), `upcoming` (Teams), and the console: one parser, one handler.

The package holds, by role: ``parsed`` (what a command line means, as values), ``parsing``
(reading a line into one), ``buttons`` (the buttons under an activity or a request), the reply
builders (``listing_replies``, ``activity_replies``, ``approval_replies``, ``setup_replies``)
and ``handler`` (a line in, a ``Reply`` out).

The grammar, in English words (``bot/texts/words.py`` holds each language's words for the same
commands, and the help the person reads)::

    upcoming [mine | team NAME | plan NAME] [DAYS]
    mine
    done ID
    reopen ID            open a done or cancelled activity again
    move ID WHEN         a new date for the same activity
    why NO REASON        why a deviation from the plan (docs/coordination.md)
    plan NAME
    approve ID TEXT-OR-LINK
    revise REQUEST TEXT-OR-LINK   a new version of an open request's draft
    withdraw REQUEST              take a request back (the requester or the plan's owner)
    decide REQUEST approve|reject|changes [COMMENT]   (request_changes is changes too)
    approvals            open requests; those waiting for the reader with numbered buttons
    followup ID yes|partly|no [NOTE]
    replan ID [WHEN]     a new copy of an activity (after a follow-up said no)
    digest PLAN
    feed [rotate [TEAM]]
    connect GROUP        (in a channel: the steering group's approval requests come here)
    help

"""
