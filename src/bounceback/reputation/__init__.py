"""Sender reputation: DNS blocklist checks and address pre-checks.

* ``dnsbl.check(targets, resolver=..., dqs_key=...)`` -> ``dnsbl.Report`` (one ``Result`` per target and list)
* ``validate.check_addresses(addresses, resolver=...)`` -> ``list[validate.AddressCheck]``
* ``csvfile.check_csv(path, column, output, resolver=...)`` -> ``csvfile.CsvReport``

The lists and their return codes are data (``knowledge/dnsbl.toml``), so are the
role accounts (``knowledge/roles.toml``). All DNS goes through ``resolver.Lookup``:
one resolver, answers cached per run, a bounded number of queries in flight.
"""

DEFAULT_TIMEOUT = 4.0  # seconds for one lookup (all tries together)
DEFAULT_CONCURRENCY = 64  # lookups in flight at once
