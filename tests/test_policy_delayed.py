"""A deferral (the MTA still retries) is recorded without a strike; its final failure counts."""

from __future__ import annotations

import pytest

from bounceback.policy import ConfigError, load_policy

POLICY = load_policy()


def test_deferrals_do_not_strike_but_still_count_for_incidents():
    assert POLICY.effect(reason="mailboxfull", fault="recipient", hard_bounce=False) == "strike"
    assert POLICY.effect(reason="mailboxfull", fault="recipient", hard_bounce=False, action="delayed") == "ignore"
    assert POLICY.effect(reason="mailboxfull", fault="recipient", hard_bounce=False, action="failed") == "strike"
    assert POLICY.effect(reason="blocked", fault="sender", hard_bounce=False, action="delayed") == "sender_incident"


def test_the_deferral_effect_is_configurable():
    assert load_policy({"delayed": "review"}).effect(reason="expired", fault="network", hard_bounce=False,
                                                     action="delayed") == "review"
    with pytest.raises(ConfigError, match="policy.delayed"):
        load_policy({"delayed": "explode"})
