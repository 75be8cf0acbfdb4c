"""Stands in for Pyodide's package loader: the calculators load no packages."""

from site import getsitepackages

# As the real module: the snapshot expects this JavaScript object to be held (see webloop.py).
try:
    from pyodide_js import loadedPackages  # noqa: F401
except ImportError:
    loadedPackages = None


class _Folder:
    """A folder as Pyodide's start reads it: only its text."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __str__(self) -> str:
        return self.path


SITE_PACKAGES = _Folder(getsitepackages()[0])
DSO_DIR = _Folder("/usr/lib")  # as Pyodide has it outside a virtual environment


def init_loaded_packages() -> None:
    """No package is installed, so there is none to record."""


def __getattr__(name: str) -> object:
    raise AttributeError(f"pyodide._package_loader.{name}: this site's runtime loads no packages")
