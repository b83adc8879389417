"""What a notebook's outputs depend on, hashed, so the build re-runs only what changed.

A notebook's fingerprint covers:

* its cells (types and sources, not outputs);
* the code of every ``boots`` module it imports, directly or through other modules, compared
  as syntax trees without docstrings, so comments, docstrings and formatting do not count;
* the data files it read when it last ran, and the listing of any data folder it listed
  (recorded by ``boots.util.reads``), so an edit to a table it never opens does not count;
* the pinned requirements.

A notebook with no record of what it read (never built) is stale.

Reading a module's syntax tree is the slow part, so each module's digest and imports are kept
in ``build/cache/code.json``, keyed by the module's name and the hash of its bytes (and the
Python version, whose syntax trees differ): an unchanged file is hashed, not parsed. The build
saves the cache (``save_cache``); an unreadable cache is ignored and rebuilt.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
from pathlib import Path

from boots.data import safe_files
from boots.util import config
from boots.util.atomic import write_text

PACKAGE = "boots"
CACHE_FILE = config.ROOT / "build" / "cache" / "code.json"
_PYTHON = sys.version


def _source(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def _python(source: str) -> str:
    """A cell's source without IPython's magics and shell escapes (which ast cannot read)."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )


def module_file(name: str) -> Path | None:
    """The file of module ``name`` in the package (a module or a package's ``__init__``)."""
    base = config.ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_names(tree: ast.AST, current: str = "") -> set[str]:
    """Every module name ``tree`` imports (``from a import b`` gives ``a`` and ``a.b``)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import
                parts = current.split(".")[: -node.level]
                base = ".".join([*parts, node.module] if node.module else parts)
            else:
                base = node.module or ""
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def _in_package(names) -> set[str]:
    """The names that are modules of the package (``b`` in ``from a import b`` may be a name)."""
    return {
        name
        for name in names
        if (name == PACKAGE or name.startswith(PACKAGE + ".")) and module_file(name)
    }


def _imports(tree: ast.AST, current: str = "") -> set[str]:
    """Package modules ``tree`` imports."""
    return _in_package(_imported_names(tree, current))


def _with_parents(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def closure(modules: set[str]) -> list[str]:
    """``modules``, their parent packages and everything they import in the package."""
    todo = set().union(*(_with_parents(m) for m in modules)) if modules else set()
    done: set[str] = set()
    while todo:
        name = todo.pop()
        done.add(name)
        for imported in _in_package(_module_facts(name)[1]):
            todo |= _with_parents(imported) - done
    return sorted(done)


_cache: dict[str, list] | None = None
_used: set[str] = set()


def _known() -> dict[str, list]:
    global _cache
    if _cache is None:
        try:
            stored = json.loads(CACHE_FILE.read_text(encoding="utf-8"))
            modules = stored["modules"] if stored.get("python") == _PYTHON else {}
            _cache = {k: v for k, v in modules.items() if isinstance(v, list) and len(v) == 2}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            _cache = {}
    return _cache


def _module_facts(name: str) -> list:
    """``[code digest, imported names]`` of module ``name``, from the cache when its bytes are
    unchanged."""
    path = module_file(name)
    raw = path.read_bytes()
    key = f"{name}:{hashlib.sha256(raw).hexdigest()}"
    _used.add(key)
    known = _known()
    if key not in known:
        tree = ast.parse(raw.decode("utf-8"), filename=str(path))
        digest = hashlib.sha256(_without_docstrings(tree).encode()).hexdigest()
        known[key] = [digest, sorted(_imported_names(tree, name))]
    return known[key]


def save_cache() -> None:
    """Keep the digests of the modules used in this process for the next build."""
    if not _used:
        return
    kept = {key: value for key, value in _known().items() if key in _used}
    try:
        CACHE_FILE.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"python": _PYTHON, "modules": kept}, indent=0, sort_keys=True)
        write_text(CACHE_FILE, text)
    except OSError:
        pass  # a cache that cannot be written costs time next build, nothing else


def _without_docstrings(tree: ast.Module) -> str:
    copy = ast.parse(ast.unparse(tree))
    for node in ast.walk(copy):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                node.body = body[1:] or [ast.Pass()]
    return ast.dump(copy, include_attributes=False)


def code_digest(name: str) -> str:
    """Hash of module ``name``'s code, blind to comments, docstrings and formatting."""
    return _module_facts(name)[0]


def imported_by(notebook: dict) -> list[str]:
    """Every package module a notebook's code cells import, directly or indirectly."""
    direct: set[str] = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            try:
                direct |= _imports(ast.parse(_python(_source(cell))))
            except SyntaxError:
                continue  # the cell fails when run; its cell text still counts below
    return closure(direct)


def _data_digest(data_dir: Path, reads: list[str]) -> str:
    digest = hashlib.sha256()
    for relative in reads:
        path = data_dir / relative
        if path.is_symlink():  # never followed: a link out of the folder is not read
            content = b"link:" + os.fsencode(os.readlink(path))
        elif path.is_dir():
            listing = "\n".join(sorted(p.name for p in path.iterdir()))
            content = f"folder\0{listing}".encode()
        elif path.is_file():  # through the confined reader, under the tables' cap
            try:
                data = safe_files.read_bytes(data_dir, relative, safe_files.MAX_TABLE_BYTES)
                content = hashlib.sha256(data).hexdigest().encode()
            except safe_files.Refused as refused:
                content = f"refused: {refused}".encode()
        else:
            content = b"missing"
        digest.update(f"{relative}\0".encode() + content + b"\0")
    return digest.hexdigest()


def notebook_fingerprint(notebook: dict, data_dir: Path, reads: list[str] | None) -> str | None:
    """The notebook's fingerprint given what it read (None: unknown, so it must run)."""
    if reads is None:
        return None
    digest = hashlib.sha256()
    for cell in notebook["cells"]:
        digest.update(f"{cell['cell_type']}\0{_source(cell)}\0".encode())
    for name in imported_by(notebook):
        digest.update(f"{name}\0{code_digest(name)}\0".encode())
    digest.update(_data_digest(Path(data_dir), reads).encode())
    requirements = config.ROOT / "requirements.txt"
    digest.update(hashlib.sha256(requirements.read_bytes()).hexdigest().encode())
    return digest.hexdigest()
