"""The JSON API under ``/api/v1`` and the webhook endpoints under ``/webhooks``."""
