"""Sources: where bounces live (files, mbox, Maildir, stdin; IMAP, logs, webhooks)."""
