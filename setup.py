"""Build hook: the wheel carries the top-level content/, i18n/ (compiled catalogs) and
resources/ as ``desktop_app/data/``, where desktop_app/paths.py finds them once installed.
Everything else about the package is in pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def data_files() -> list[tuple[Path, str]]:
    """(source file, path under desktop_app/data/) for every file the app reads at run time."""
    files = []
    for folder in ("content", "resources"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files.append((path, path.relative_to(ROOT).as_posix()))
    mo_files = sorted((ROOT / "i18n").glob("*/LC_MESSAGES/*.mo"))
    if not mo_files:
        raise SystemExit("setup.py: no i18n/*/LC_MESSAGES/*.mo; run "
                         "'python i18n/catalogs.py compile' first")
    files += [(path, path.relative_to(ROOT).as_posix()) for path in mo_files]
    return files


class BuildWithData(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "desktop_app" / "data"
        shutil.rmtree(target, ignore_errors=True)      # no page left over from an older build
        for source, relative in data_files():
            self.mkpath(str((target / relative).parent))
            self.copy_file(str(source), str(target / relative), preserve_mode=False)

    def get_outputs(self, include_bytecode=True):
        target = Path(self.build_lib) / "desktop_app" / "data"
        return super().get_outputs(include_bytecode) + [str(target / rel)
                                                       for _src, rel in data_files()]


setup(cmdclass={"build_py": BuildWithData})
