"""Move the pin of the Mermaid the plugin ships: ``python scripts/update_mermaid.py 11.17.2``.

Fetches the ``mermaid`` package of that version from the npm registry (``npm pack``),
and writes its ``dist/mermaid.min.js``, its ``LICENSE`` and a ``VERSION`` file into
``mkdocs_portfolio/assets/vendor/mermaid/`` (see :mod:`mkdocs_portfolio.diagrams`).
Material for MkDocs 9 loads ``mermaid@11`` from its CDN and styles the diagrams for
that major version, so another major version is refused unless ``--any-major``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs_portfolio.diagrams import (  # noqa: E402  (the checkout's, not an installed one)
    MATERIAL_MAJOR,
    VENDOR_DIR,
    VENDORED,
    embedded_version,
)

MEMBERS = {"package/dist/mermaid.min.js": "mermaid.min.js", "package/LICENSE": "LICENSE"}
"""Member of the npm tarball -> file of the vendored folder."""
VERSION_RE = re.compile(r"\d+\.\d+\.\d+")


def fetch(version: str, work: Path) -> Path:
    """``npm pack mermaid@<version>`` in ``work``; the tarball."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not installed: it fetches the package from the npm registry")
    done = subprocess.run([npm, "pack", f"mermaid@{version}", "--json"], cwd=work,
                          capture_output=True, text=True, timeout=600, check=False)
    if done.returncode:
        sys.exit(f"npm pack mermaid@{version} failed:\n{done.stderr.strip()}")
    (packed,) = json.loads(done.stdout)
    return work / packed["filename"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version", help="an exact version of the npm package, e.g. 11.17.2")
    parser.add_argument("--any-major", action="store_true",
                        help=f"allow a major version other than {MATERIAL_MAJOR}")
    args = parser.parse_args(argv)
    version: str = args.version
    if not VERSION_RE.fullmatch(version):
        parser.error(f"give an exact version such as 11.17.2, not {version!r}")
    if not args.any_major and version.split(".")[0] != str(MATERIAL_MAJOR):
        parser.error(f"Material for MkDocs 9 uses Mermaid {MATERIAL_MAJOR}, not {version}; "
                     "pass --any-major to ship it anyway")
    with tempfile.TemporaryDirectory() as tmp:
        tarball = fetch(version, Path(tmp))
        with tarfile.open(tarball) as tar:
            meta = tar.extractfile("package/package.json")
            assert meta is not None
            packaged = json.load(meta)
            if packaged.get("version") != version:
                sys.exit(f"npm gave mermaid {packaged.get('version')}, not {version}")
            contents = {}
            for member, name in MEMBERS.items():
                data = tar.extractfile(member)
                if data is None:
                    sys.exit(f"{member} is not in mermaid {version}'s package")
                contents[name] = data.read()
    script = contents["mermaid.min.js"].decode("utf-8")
    if embedded_version(script) != version:
        sys.exit(f"mermaid.min.js says it is {embedded_version(script)}, not {version}")
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (VENDOR_DIR / name).write_bytes(data)
    (VENDOR_DIR / "VERSION").write_text(version + "\n", encoding="utf-8")
    raw = len(contents["mermaid.min.js"])
    packed_size = len(gzip.compress(contents["mermaid.min.js"], compresslevel=9, mtime=0))
    print(f"mermaid {version} ({packaged.get('license')}): {VENDORED.name} "
          f"{raw / 1e6:.2f} MB, {packed_size / 1e3:.0f} KB gzipped, in "
          f"{VENDOR_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
