"""One module per bounce format (MTA, provider, or standard), each exposing
``NAME`` and ``detect(msg) -> list[Delivery] | None``. The order they are tried
in is ``registry.DETECTORS``."""
