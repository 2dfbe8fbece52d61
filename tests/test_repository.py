"""The repository itself: what a merge can leave behind that no other test reads."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKERS = ("<<<<<<< ", ">>>>>>> ")


def tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / name for name in out.splitlines() if name.endswith((".py", ".md", ".toml", ".html", ".json", ".txt", ".cfg")) or name == ".ci/run"]


def test_no_file_holds_a_merge_conflict_marker():
    files = tracked_text_files()
    assert len(files) > 50  # the listing really found the repository
    hits = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if line.startswith(MARKERS)
    ]
    assert hits == []
