"""Files as objects in an S3 bucket (AWS or any S3 API: MinIO, Ceph, moto), via boto3 in threads.

boto3 is blocking; every call runs in ``asyncio.to_thread`` on one shared client (botocore
clients are thread-safe). A PUT replaces an object whole, so readers see the old or the new
file; a DELETE of a missing object succeeds, so ``delete`` is idempotent.
"""

from __future__ import annotations

import asyncio
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from resumecore.ports.file_store import FileStore, check_key

# Error codes S3 APIs answer a GET of an absent object with (HEAD-style answers give "404").
_MISSING = frozenset({"NoSuchKey", "404", "NotFound"})


def make_s3_client(
    *,
    endpoint_url: str = "",
    region: str = "",
    access_key_id: str = "",
    secret_access_key: str = "",
) -> Any:
    """A boto3 S3 client; empty values fall back to boto3's defaults (AWS, its credential chain)."""
    session = boto3.session.Session(
        aws_access_key_id=access_key_id or None,
        aws_secret_access_key=secret_access_key or None,
        region_name=region or None,
    )
    config = Config(
        connect_timeout=5,
        read_timeout=30,
        retries={"max_attempts": 4, "mode": "standard"},
        max_pool_connections=16,
    )
    return session.client("s3", endpoint_url=endpoint_url or None, config=config)


class S3FileStore(FileStore):
    """One object per key, named ``<prefix><key>`` in ``bucket``."""

    def __init__(self, client: Any, bucket: str, prefix: str = "exports/") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    async def put(self, key: str, content: bytes) -> None:
        """One PUT: the object is replaced whole or not at all."""
        name = self._name(key)
        await asyncio.to_thread(
            self.client.put_object, Bucket=self.bucket, Key=name, Body=bytes(content)
        )

    async def get(self, key: str) -> bytes | None:
        """The bytes, or None when there is no such object (other errors are raised)."""
        name = self._name(key)
        return await asyncio.to_thread(self._read, name)

    async def delete(self, key: str) -> None:
        """Delete the object (S3 answers a missing one with success too)."""
        name = self._name(key)
        await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=name)

    async def aclose(self) -> None:
        """Close the client's connection pool."""
        await asyncio.to_thread(self.client.close)

    def _read(self, name: str) -> bytes | None:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=name)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _MISSING:
                return None
            raise
        body = response["Body"]
        try:
            content: bytes = body.read()
        finally:
            body.close()
        return content
