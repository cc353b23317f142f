"""The API's declared shapes (web/schemas.py) name exactly the keys the model's to_dict() gives.

The OpenAPI spec is written out by hand for its descriptions; these tests keep it
from drifting when a field is added to a dataclass.
"""

from __future__ import annotations

from datetime import UTC, datetime

import bounceback
from bounceback.hygiene.views import EventView
from bounceback.web import schemas

from ..conftest import SAMPLES


def test_bounce_and_explanation_shapes_match_their_dataclasses():
    bounce = bounceback.parse((SAMPLES / "01-postfix-user-unknown.eml").read_bytes(), "x.eml")[0]
    assert set(bounce.to_dict()) == set(schemas.BounceOut.model_fields)
    assert set(bounceback.explain("550 5.1.1 user unknown").to_dict()) == set(schemas.ExplanationOut.model_fields)


def test_event_shape_matches_the_event_view():
    names = [f for f in EventView.__dataclass_fields__]
    view = EventView(**{n: "" for n in names} | {"id": 1, "at": datetime.now(UTC), "hard_bounce": False})
    assert set(view.to_dict()) == set(schemas.EventOut.model_fields)


def test_evidence_check_shape_matches_its_dataclass():
    from bounceback.hygiene.evidence import EvidenceCheck

    check = EvidenceCheck(offline=False, targets=0, cached=0, checked=0, deferred=0, listed=(), unknown=(), queries=0)
    assert set(check.to_dict()) == set(schemas.EvidenceCheckOut.model_fields)
