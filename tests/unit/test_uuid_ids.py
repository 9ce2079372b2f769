"""The server's ids: random version-4 UUIDs in their canonical text form."""

from __future__ import annotations

import uuid

from resumecore_server.adapters.system import UuidGenerator


def test_ids_are_canonical_random_version_4_uuids() -> None:
    ids = [UuidGenerator().new_id() for _ in range(2_000)]
    parsed = [uuid.UUID(i) for i in ids]
    assert all(u.version == 4 and u.variant == uuid.RFC_4122 for u in parsed)
    assert [str(u) for u in parsed] == ids  # lower-case, dashed, as str(uuid4()) writes
    assert len(set(ids)) == len(ids)
    # Every random hex position takes many values (no constant or copied bytes).
    for position in (0, 7, 9, 15, 20, 24, 35):  # 14 is the version, 19 the variant
        assert len({i[position] for i in ids}) >= 8, position
