"""Offline wheels for packaging tests: ours built from a copy of the tree, msgspec repacked.

No network: our wheel is built with the running environment's setuptools (no build isolation)
from a copy of the sources, so nothing is written into the repository; msgspec's wheel is
rebuilt from the files its installed distribution records (a wheel is a zip of exactly those).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import distribution
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_RECORDS = ("INSTALLER", "REQUESTED", "direct_url.json", "RECORD")


def build_our_wheel(wheelhouse: Path, scratch: Path) -> Path:
    """``pip wheel --no-deps --no-build-isolation`` on a copy of pyproject, README and src."""
    tree = scratch / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    shutil.copytree(
        ROOT / "src",
        tree / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--wheel-dir",
            str(wheelhouse),
            str(tree),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheelhouse.glob("resumecore-*.whl")
    return wheel


def repack_installed(name: str, wheelhouse: Path) -> Path:
    """A wheel of an installed distribution, from the files its RECORD lists."""
    dist = distribution(name)
    info = Path(str(dist._path))  # type: ignore[attr-defined]  # the .dist-info folder
    site = info.parent
    tag = next(
        line.split(": ", 1)[1]
        for line in (info / "WHEEL").read_text().splitlines()
        if line.startswith("Tag: ")
    )
    wheel = wheelhouse / f"{dist.metadata['Name']}-{dist.version}-{tag}.whl"
    members = [
        entry
        for entry in (dist.files or [])
        if not str(entry).endswith(".pyc")
        and not (str(entry).startswith(info.name) and entry.name in SKIPPED_RECORDS)
        and not str(entry).startswith("..")
    ]
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in members:
            archive.write(site / entry, str(entry))
        # pip reads RECORD but does not check it; an entry list without hashes is valid.
        record = "".join(f"{entry},,\n" for entry in members) + f"{info.name}/RECORD,,\n"
        archive.writestr(f"{info.name}/RECORD", record)
    return wheel
