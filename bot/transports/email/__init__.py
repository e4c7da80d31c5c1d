"""E-mail as a surface: reminders, approval requests and digests by SMTP, their buttons as
signed, expiring, single-use links to small pages of the web app (docs/email.md)."""
