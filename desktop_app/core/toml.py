"""TOML reading on every Python the app supports: the standard library's ``tomllib`` from
Python 3.11, and on 3.10 ``tomli``, the same parser as a package (a dependency on 3.10 only,
see pyproject.toml). Every module imports it from here: ``from desktop_app.core.toml import
tomllib``."""
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["tomllib"]
