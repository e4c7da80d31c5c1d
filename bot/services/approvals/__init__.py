"""Approval requests, by role: ``views`` (what a reader sees of a request, and what a notice
keeps of it), ``queries`` (reading them, for whoever may), ``lifecycle`` (asking, revising,
deciding, withdrawing: ``ApprovalService``) and ``notices`` (what the requester and the steering
group's channel hear, through the outbox)."""
