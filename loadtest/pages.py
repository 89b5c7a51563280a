"""Turn app.py's `st.navigation([...st.Page(...)...])` into a list of pages with their URL paths.

Read statically (ast), so tests can be parametrised at collection time without starting a server.
Understood forms: `st.Page("pages/x.py", title=..., url_path=..., default=...)` with literal
arguments, and the same call inside a list comprehension over a module-level literal table, e.g.
`[st.Page(p, title=t, url_path=u, default=u == "x") for p, t, u in PAGES]` (names, constants,
comparisons and boolean operators are evaluated; an `if` filter is replaced by "the page file
exists", which is what such filters test). When nothing is understood, the files in `pages/`
and `app_pages/` are used. `tests/browser/test_smoke.py` compares the result with the navigation
the running server announces, so a wrong discovery fails loudly instead of testing wrong pages.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from streamlit.source_util import page_icon_and_name


@dataclass(frozen=True)
class PageSpec:
    """A page as registered in app.py.

    Attributes:
        file: page script path relative to the app folder (as written in app.py).
        title: the title given to st.Page, or the one Streamlit infers from the file name.
        url_path: path segment Streamlit serves it under (inferred like Streamlit does).
        default: whether it is the default page (served at "/").
        hidden: registered with `visibility="hidden"`: served, but not in the menu.
    """

    file: str
    title: str
    url_path: str
    default: bool
    hidden: bool = False

    @property
    def key(self) -> str:
        """Short stable id for test names and tables: the file stem."""
        return Path(self.file).stem

    @property
    def browser_path(self) -> str:
        """Path to open in a browser: "/" for the default page, else "/<url_path>"."""
        return "/" if self.default else f"/{self.url_path}"


# Where page files live when app.py cannot be read: the legacy folder and the one this project
# uses for st.navigation apps (`app_pages/`, which Streamlit does not treat as legacy pages).
PAGE_FOLDERS = ("pages", "app_pages")


class _Unknown(Exception):
    """An expression this reader does not evaluate."""


_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


def _eval(node: ast.AST, env: dict[str, Any]) -> Any:
    """Evaluate literals, bound names, comparisons and boolean logic; raise _Unknown otherwise."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in env:
        return env[node.id]
    if isinstance(node, ast.Tuple | ast.List):
        return [_eval(elt, env) for elt in node.elts]
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
        compare = _COMPARE[type(node.ops[0])]
        return compare(_eval(node.left, env), _eval(node.comparators[0], env))
    if isinstance(node, ast.BoolOp):
        values = [_eval(v, env) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _eval(node.operand, env)
    raise _Unknown(ast.dump(node)[:80])


def _is_page_call(node: ast.AST) -> TypeGuard[ast.Call]:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name == "Page"


def _spec_from_call(call: ast.Call, env: dict[str, Any]) -> PageSpec | None:
    kwargs = {kw.arg: kw.value for kw in call.keywords if kw.arg}
    target_node = call.args[0] if call.args else kwargs.get("page")
    try:
        target = _eval(target_node, env) if target_node is not None else None
        title = _eval(kwargs["title"], env) if "title" in kwargs else None
        url_path = _eval(kwargs["url_path"], env) if "url_path" in kwargs else None
        default = _eval(kwargs["default"], env) if "default" in kwargs else False
        visibility = _eval(kwargs["visibility"], env) if "visibility" in kwargs else "visible"
    except _Unknown:
        return None
    if not isinstance(target, str) or not target.endswith(".py"):
        return None  # callable pages cannot be addressed by file
    _, inferred = page_icon_and_name(Path(target))
    return PageSpec(
        file=target,
        title=title if isinstance(title, str) else inferred.replace("_", " "),
        url_path=url_path.strip().strip("/") if isinstance(url_path, str) else inferred,
        default=default is True,
        hidden=visibility == "hidden",
    )


def _bind(target: ast.AST, value: Any) -> dict[str, Any]:
    if isinstance(target, ast.Name):
        return {target.id: value}
    if isinstance(target, ast.Tuple | ast.List) and len(target.elts) == len(value):
        env: dict[str, Any] = {}
        for elt, item in zip(target.elts, value, strict=True):
            env.update(_bind(elt, item))
        return env
    raise _Unknown("unpacking")


def _module_literals(tree: ast.Module) -> dict[str, Any]:
    env: dict[str, Any] = {}
    for stmt in tree.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        if isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets = [stmt.target]
        value = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
        for target in targets:
            if isinstance(target, ast.Name) and value is not None:
                try:
                    env[target.id] = ast.literal_eval(value)
                except ValueError:
                    try:  # a literal built from constants bound above: `[("x.py", PATH)]`
                        env[target.id] = _eval(value, env)
                    except _Unknown:
                        continue
    return env


def _comprehension_envs(comp: ast.ListComp, env: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if len(comp.generators) != 1:
        raise _Unknown("nested comprehension")
    gen = comp.generators[0]
    for item in _eval(gen.iter, env):
        yield {**env, **_bind(gen.target, item)}


def _specs_from_source(tree: ast.Module) -> list[PageSpec]:
    env = _module_literals(tree)
    specs: list[PageSpec] = []
    in_comprehension: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ListComp) and _is_page_call(node.elt):
            in_comprehension.add(id(node.elt))
            try:
                envs = list(_comprehension_envs(node, env))
            except (_Unknown, TypeError):
                continue
            specs.extend(s for e in envs if (s := _spec_from_call(node.elt, e)))
    for node in ast.walk(tree):
        if _is_page_call(node) and id(node) not in in_comprehension:
            spec = _spec_from_call(node, env)
            if spec:
                specs.append(spec)
    return specs


def discover_pages(app: Path) -> list[PageSpec]:
    """Pages registered in `app` whose file exists, or the files in PAGE_FOLDERS as fallback.

    Args:
        app: path to the entry script.

    Returns:
        Page specs; empty when app.py does not exist and there is no pages/ folder.
    """
    specs: list[PageSpec] = []
    if app.is_file():
        tree = ast.parse(app.read_text(encoding="utf-8"), filename=str(app))
        specs = [s for s in _specs_from_source(tree) if (app.parent / s.file).is_file()]
    if not specs:
        files = sorted(
            p
            for folder in PAGE_FOLDERS
            for p in (app.parent / folder).glob("*.py")
            if p.name[0] != "_"
        )
        specs = [
            PageSpec(
                file=str(p.relative_to(app.parent)),
                title=page_icon_and_name(p)[1].replace("_", " "),
                url_path=page_icon_and_name(p)[1],
                default=False,
            )
            for p in files
        ]
    if specs and not any(s.default for s in specs):
        # st.navigation makes the first page the default when none is marked.
        first = specs[0]
        specs[0] = PageSpec(first.file, first.title, first.url_path, True)
    return specs
