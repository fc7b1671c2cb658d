"""Structure report of desktop_app/: module sizes, the largest classes and functions, and the
checks of the developers' guide (modules under 400 lines, no class split across files, no
reaching into other objects).

    python bench/structure.py [--json] [--top N] [--root DIR]

Prints the figures, then each check with its violations. Read from the source with ``ast``;
nothing is imported. The checks:

- ``long_modules``: modules over 400 lines.
- ``split_classes``: a base class defined in one module and used as a base by exactly one
  class, in another module (a mixin that is only a part of that one class, as
  ``MainWindow(Navigation, WindowSettings, QMainWindow)``). Exception classes are left out.
- ``shared_bases`` (reported, not a violation): app-defined bases used by two or more classes.
- ``attr_probes``: ``setattr``/``getattr``/``hasattr`` on anything but ``self``/``cls``.
- ``private_names``: ``from m import _x`` across modules, and ``obj._x`` where ``obj`` is not
  ``self``/``cls``/``super()``.
- ``outside_attributes``: ``obj.attr = ...`` where ``obj`` is not ``self``/``cls`` (attributes
  attached to an object from outside its class). Fields filled in on an object the same
  function has just made (``state = QAccessible.State(); state.readOnly = True``) are listed
  apart as ``filled_where_made``; ctypes' ``argtypes``/``restype`` are left out.

tests/test_structure.py holds the code to ``long_modules`` and ``split_classes``.
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
OWN = ("self", "cls")
# Names with a leading underscore that are public by their library's documentation.
DOCUMENTED_PRIVATE = {"_exit", "_MEIPASS", "_replace", "_asdict", "_fields", "_make",
                      "_field_defaults"}
CTYPES_FIELDS = {"argtypes", "restype", "errcheck"}   # how ctypes declares a C function


@dataclass
class ClassInfo:
    name: str
    module: str
    line: int
    lines: int
    methods: int
    bases: list[str]


@dataclass
class FunctionInfo:
    name: str          # Class.method or function
    module: str
    line: int
    lines: int


@dataclass
class Finding:
    module: str
    line: int
    text: str


@dataclass
class Report:
    modules: dict[str, int] = field(default_factory=dict)
    classes: list[ClassInfo] = field(default_factory=list)
    functions: list[FunctionInfo] = field(default_factory=list)
    long_modules: list[Finding] = field(default_factory=list)
    split_classes: list[Finding] = field(default_factory=list)
    shared_bases: list[Finding] = field(default_factory=list)
    attr_probes: list[Finding] = field(default_factory=list)
    private_names: list[Finding] = field(default_factory=list)
    outside_attributes: list[Finding] = field(default_factory=list)
    filled_where_made: list[Finding] = field(default_factory=list)   # reported, not counted
    combined: list[dict] = field(default_factory=list)   # classes with their one-class mixins

    CHECKS = ("long_modules", "split_classes", "attr_probes", "private_names",
              "outside_attributes")


def module_name(path: Path, package_root: Path) -> str:
    rel = path.relative_to(package_root.parent).with_suffix("")
    return ".".join(rel.parts)


def base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):      # Generic[T]
        return base_name(node.value)
    return ast.unparse(node)


def is_own(node: ast.expr) -> bool:
    """``self``, ``cls`` or ``super()``."""
    if isinstance(node, ast.Name):
        return node.id in OWN
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "super")


def is_private(name: str) -> bool:
    return (name.startswith("_") and not name.startswith("__") and name != "_"   # gettext's _
            and name not in DOCUMENTED_PRIVATE)


class _Visitor(ast.NodeVisitor):
    def __init__(self, module: str, report: Report):
        self.module = module
        self.report = report
        self.scope: list[str] = []
        self.made: list[set[str]] = [set()]

    def _find(self, kind: str, node: ast.AST, text: str) -> None:
        getattr(self.report, kind).append(Finding(self.module, node.lineno, text))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 - ast's name
        methods = sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in node.body)
        qual = ".".join(self.scope + [node.name])
        self.report.classes.append(ClassInfo(qual, self.module, node.lineno,
                                             node.end_lineno - node.lineno + 1, methods,
                                             [base_name(b) for b in node.bases]))
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node) -> None:  # noqa: N802
        qual = ".".join(self.scope + [node.name])
        self.report.functions.append(FunctionInfo(qual, self.module, node.lineno,
                                                  node.end_lineno - node.lineno + 1))
        self.scope.append(node.name)
        self.made.append(set())
        self.generic_visit(node)
        self.made.pop()
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:  # noqa: N802
        for alias in node.names:
            if is_private(alias.name):
                self._find("private_names", node,
                           f"from {'.' * node.level}{node.module or ''} import {alias.name}")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:  # noqa: N802
        if is_private(node.attr) and not is_own(node.value):
            self._find("private_names", node, ast.unparse(node))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        func = node.func
        if (isinstance(func, ast.Name) and func.id in ("setattr", "getattr", "hasattr")
                and node.args and not is_own(node.args[0])):
            self._find("attr_probes", node, ast.unparse(node)[:100])
        self.generic_visit(node)

    def _targets(self, targets, node) -> None:
        for target in targets:
            for sub in ast.walk(target):
                if not (isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store)) \
                        or is_own(sub.value) or sub.attr in CTYPES_FIELDS:
                    continue
                root = sub.value
                while isinstance(root, ast.Attribute):
                    root = root.value
                made_here = isinstance(root, ast.Name) and root.id in self.made[-1]
                self._find("filled_where_made" if made_here else "outside_attributes", node,
                           ast.unparse(sub) + " = ...")

    def _made(self, node) -> None:
        """Note the local names bound to the result of a call (objects this function made)."""
        for target in node.targets:
            if isinstance(target, ast.Name) and isinstance(node.value, ast.Call):
                self.made[-1].add(target.id)

    def visit_Assign(self, node: ast.Assign) -> None:  # noqa: N802
        self._made(node)
        self._targets(node.targets, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node) -> None:  # noqa: N802
        self._targets([node.target], node)
        self.generic_visit(node)

    visit_AnnAssign = visit_AugAssign  # noqa: N815


def exception_classes(classes: list[ClassInfo]) -> set[str]:
    """Names of the classes that are exceptions (by their bases, followed through the app)."""
    by_name = {c.name: c for c in classes}
    found: set[str] = set()

    def is_exc(name: str, seen: tuple = ()) -> bool:
        if name.endswith(("Error", "Exception", "Warning")) or name in ("Exception",
                                                                          "BaseException"):
            return True
        cls = by_name.get(name)
        return cls is not None and name not in seen and any(
            is_exc(b, seen + (name,)) for b in cls.bases)

    for c in classes:
        if is_exc(c.name):
            found.add(c.name)
    return found


def analyse(package: Path) -> Report:
    report = Report()
    for path in sorted(package.rglob("*.py")):
        module = module_name(path, package)
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        report.modules[module] = lines
        if lines > MAX_LINES:
            report.long_modules.append(Finding(module, lines, f"{lines} lines"))
        _Visitor(module, report).visit(ast.parse(text, str(path)))
    # Bases defined in the app, and the classes that use them.
    defined = {}
    for c in report.classes:
        if "." not in c.name:
            defined.setdefault(c.name, c)
    exceptions = exception_classes(report.classes)
    users: dict[str, list[ClassInfo]] = {}
    for c in report.classes:
        for b in c.bases:
            if b in defined and b not in exceptions:
                users.setdefault(b, []).append(c)
    parts: dict[str, list[ClassInfo]] = {}
    for base, subclasses in sorted(users.items()):
        home = defined[base]
        names = ", ".join(f"{s.name} ({s.module})" for s in subclasses)
        if len(subclasses) == 1 and subclasses[0].module != home.module:
            sub = subclasses[0]
            report.split_classes.append(Finding(
                home.module, home.line,
                f"{base} ({home.lines} lines, {home.methods} methods) is a part of "
                f"{sub.name} in {sub.module} only"))
            parts.setdefault(f"{sub.module}.{sub.name}", [sub]).append(home)
        elif len(subclasses) > 1:
            report.shared_bases.append(Finding(home.module, home.line,
                                               f"{base} is a base of {names}"))
    for key, (sub, *mixins) in parts.items():
        report.combined.append({
            "class": sub.name, "module": sub.module,
            "lines": sub.lines + sum(m.lines for m in mixins),
            "methods": sub.methods + sum(m.methods for m in mixins),
            "files": 1 + len({m.module for m in mixins}),
            "parts": [f"{m.name} ({m.module})" for m in mixins]})
    return report


def as_dict(report: Report) -> dict:
    data = asdict(report)
    data["total_lines"] = sum(report.modules.values())
    return data


def print_report(report: Report, top: int) -> None:
    mods = report.modules
    print(f"desktop_app/: {len(mods)} modules, {sum(mods.values())} lines; "
          f"over {MAX_LINES} lines: {len(report.long_modules)}; "
          f"over 300: {sum(n > 300 for n in mods.values())}")
    print("\nModules (lines):")
    for module, lines in sorted(mods.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {lines:>5}  {module}")
    print(f"\nLargest classes (top {top}):")
    for c in sorted(report.classes, key=lambda c: -c.lines)[:top]:
        print(f"  {c.lines:>5} lines {c.methods:>3} methods  {c.name} ({c.module}:{c.line})")
    if report.combined:
        print("\nClasses with their one-class mixins (one class over several files):")
        for c in sorted(report.combined, key=lambda c: -c["lines"]):
            print(f"  {c['lines']:>5} lines {c['methods']:>3} methods {c['files']} files  "
                  f"{c['class']} ({c['module']}) + {', '.join(c['parts'])}")
    print(f"\nLargest functions and methods (top {top}):")
    for f in sorted(report.functions, key=lambda f: -f.lines)[:top]:
        print(f"  {f.lines:>5} lines  {f.name} ({f.module}:{f.line})")
    print("\nShared bases (reported, not a violation):")
    for finding in report.shared_bases:
        print(f"  {finding.module}:{finding.line}  {finding.text}")
    print(f"\nFields filled in on an object the same function made (not a violation): "
          f"{len(report.filled_where_made)}")
    for check in Report.CHECKS:
        findings = getattr(report, check)
        print(f"\n{check}: {len(findings)}")
        for finding in findings:
            print(f"  {finding.module}:{finding.line}  {finding.text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--top", type=int, default=15, help="how many classes and functions")
    parser.add_argument("--root", type=Path, default=ROOT / "desktop_app",
                        help="the package to read (default: desktop_app/)")
    args = parser.parse_args(argv)
    report = analyse(args.root)
    if args.json:
        json.dump(as_dict(report), sys.stdout, indent=1)
        print()
    else:
        print_report(report, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
