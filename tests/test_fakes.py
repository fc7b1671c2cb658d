"""The fakes in tests/fakes.py are their real classes as far as the app can tell.

For each fake and its real class: every public signal, method, property and attribute of the
fake is on the real class, with the same parameters (names and kinds) and the same signal
argument types (from the classes' QMetaObject); and everything the app uses on such an object
(found by reading desktop_app/: attributes of ``session``, ``synth``, ``engine`` ...) is on the
fake. A use the scan cannot resolve (``getattr`` with a name it cannot trace) fails too. The
SAPI 5 fakes of tests/test_speech_sapi.py are checked against pyttsx3's SAPI 5 driver source
(it imports comtypes, which only Windows has) and against what desktop_app/speech/sapi.py calls.
"""
from __future__ import annotations

import ast
import inspect
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QMetaMethod, QObject, Signal

from tests import fakes

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "desktop_app"


# -- what a class offers ---------------------------------------------------------------------
@dataclass
class Member:
    kind: str                      # signal, method, property or attribute
    params: tuple = ()             # (name, kind) of a method's parameters; a signal's types


def _instance_attributes(cls_node: ast.ClassDef) -> set[str]:
    """Names assigned as ``self.name = ...`` (also in tuples) in the class's methods."""
    found = set()
    for node in ast.walk(cls_node):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            for item in (target.elts if isinstance(target, ast.Tuple) else [target]):
                if isinstance(item, ast.Attribute) and isinstance(item.value, ast.Name) \
                        and item.value.id == "self":
                    found.add(item.attr)
    return found


def _class_node(cls: type) -> ast.ClassDef:
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    return next(n for n in tree.body if isinstance(n, ast.ClassDef))


def _signals(cls: type) -> dict[str, tuple]:
    meta = getattr(cls, "staticMetaObject", None)
    if meta is None:
        return {}
    found = {}
    for i in range(QObject.staticMetaObject.methodCount(), meta.methodCount()):
        method = meta.method(i)
        if method.methodType() == QMetaMethod.MethodType.Signal:
            found[bytes(method.name()).decode()] = tuple(
                bytes(t).decode() for t in method.parameterTypes())
    return found


def _params(function) -> tuple:
    return tuple((p.name, p.kind.name) for p in
                 list(inspect.signature(function).parameters.values())[1:])


def describe(cls: type) -> dict[str, Member]:
    """Every member of ``cls`` and its bases below QObject/object, private ones included."""
    members: dict[str, Member] = {}
    signals = _signals(cls)
    for klass in reversed([k for k in cls.__mro__ if k.__module__ not in ("builtins",)
                           and not k.__module__.startswith(("PySide6", "Shiboken", "shiboken"))]):
        for name in _instance_attributes(_class_node(klass)):
            members.setdefault(name, Member("attribute"))
        for name, value in vars(klass).items():
            if name.startswith("__"):
                continue
            if isinstance(value, Signal) or name in signals:
                members[name] = Member("signal", signals.get(name, ()))
            elif isinstance(value, property):
                members[name] = Member("property")
            elif inspect.isfunction(value):
                members[name] = Member("method", _params(value))
            else:
                members[name] = Member("attribute")
    return members


def describe_source(path: Path, class_name: str) -> dict[str, Member]:
    """The same, read from source (for a class that cannot be imported here)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == class_name)
    members = {name: Member("attribute") for name in _instance_attributes(node)}
    for item in node.body:
        if isinstance(item, ast.FunctionDef):
            args = item.args
            params = [(a.arg, "POSITIONAL_OR_KEYWORD") for a in args.args[1:]]
            params += [(a.arg, "KEYWORD_ONLY") for a in args.kwonlyargs]
            members[item.name] = Member("method", tuple(params))
    return members


# -- what the app uses -------------------------------------------------------------------------
@dataclass
class Uses:
    required: dict[str, str] = field(default_factory=dict)   # name -> where
    optional: dict[str, str] = field(default_factory=dict)   # getattr with default, hasattr
    assigned: set[str] = field(default_factory=set)          # set on it by the app itself
    unresolved: list[str] = field(default_factory=list)


def _names_object(node: ast.AST, names: set[str], calls: set[str]) -> bool:
    """Is ``node`` the object: ``session``, ``x.session``, ``x.ensure_session()``?"""
    if isinstance(node, ast.Name):
        return node.id in names
    if isinstance(node, ast.Attribute):
        return node.attr in names
    if isinstance(node, ast.Call):
        func = node.func
        return (isinstance(func, ast.Attribute) and func.attr in calls) or \
            (isinstance(func, ast.Name) and func.id in calls)
    return False


def _literal_arguments(tree: ast.AST, function: ast.FunctionDef, param: str) -> list | None:
    """The string literals passed as ``param`` in every call of ``function`` in the module, or
    None if one of them is not a literal (or there is no call)."""
    positions = [a.arg for a in function.args.args]
    if positions and positions[0] == "self":
        positions = positions[1:]
    index = positions.index(param)
    values = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        if name != function.name:
            continue
        argument = next((k.value for k in node.keywords if k.arg == param), None)
        if argument is None and index < len(node.args):
            argument = node.args[index]
        if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
            return None
        values.append(argument.value)
    return values or None


def _imported(tree: ast.AST) -> set[str]:
    return {(a.asname or a.name).split(".")[0] for n in ast.walk(tree)
            if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}


def app_uses(names: set[str], calls: set[str] = frozenset(),
             files: list[Path] | None = None, outside: set[str] = frozenset()) -> Uses:
    """Attributes used on the object wherever desktop_app/ (or ``files``) calls it one of
    ``names`` or gets it from a call to one of ``calls``; not in the functions ``outside``, nor
    where such a name is an imported module."""
    uses = Uses()
    for path in files or sorted(APP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        skipped = {id(n) for f in functions if f.name in outside for n in ast.walk(f)}
        modules = _imported(tree)
        for node in ast.walk(tree):
            if id(node) in skipped or (isinstance(getattr(node, "value", None), ast.Name)
                                       and node.value.id in modules):
                continue
            where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:" \
                f"{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Assign) and _names_object(node.value, names, calls) and \
                    any(isinstance(t, ast.Name) and t.id not in names for t in node.targets):
                uses.unresolved.append(f"{where} (the object is given another name)")
            elif isinstance(node, ast.Attribute) and _names_object(node.value, names, calls):
                if isinstance(node.ctx, ast.Store):
                    uses.assigned.add(node.attr)
                uses.required.setdefault(node.attr, where)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("getattr", "hasattr") and len(node.args) >= 2 \
                    and _names_object(node.args[0], names, calls):
                target = node.args[1]
                optional = node.func.id == "hasattr" or len(node.args) > 2
                book = uses.optional if optional else uses.required
                if isinstance(target, ast.Constant):
                    book.setdefault(target.value, where)
                    continue
                owner = next((f for f in functions if node in ast.walk(f)
                              and isinstance(target, ast.Name)
                              and target.id in [a.arg for a in f.args.args]), None)
                values = _literal_arguments(tree, owner, target.id) if owner else None
                if values is None:
                    uses.unresolved.append(where)
                for value in values or ():
                    book.setdefault(value, where)
    return uses


SESSION_USES = dict(names={"session", "_session"}, calls={"ensure_session", "_session"})
SYNTH_USES = dict(names={"synth", "synthesizer"})
ENGINE_USES = dict(names={"engine"})


# -- the check ---------------------------------------------------------------------------------
def mismatches(fake: type, real: dict[str, Member], uses: Uses) -> list[str]:
    """What makes ``fake`` differ from ``real`` as the app sees it (empty: none)."""
    problems = []
    for klass in fake.__mro__:
        if klass in (object, QObject):
            break
        for name in ("__getattr__", "__getattribute__"):
            if name in vars(klass):
                problems.append(f"{klass.__name__}.{name} answers for any name")
    own = describe(fake)
    test_only = set(getattr(fake, "TEST_ONLY", ()))
    for name, member in own.items():
        if name.startswith("_") or name in test_only or name == "TEST_ONLY":
            continue
        theirs = real.get(name)
        if theirs is None:
            problems.append(f"{name}: not on the real class")
        elif member.kind != theirs.kind:
            problems.append(f"{name}: a {member.kind} here, a {theirs.kind} on the real class")
        elif member.params != theirs.params:
            problems.append(f"{name}: {member.params} here, {theirs.params} on the real class")
    for name, where in uses.required.items():
        if name not in own:
            problems.append(f"{name}: used at {where}, not on the fake")
        if name not in real and name not in uses.assigned:
            problems.append(f"{name}: used at {where}, not on the real class either")
    for name, where in uses.optional.items():
        if name not in real and name not in uses.assigned:
            problems.append(f"{name}: asked for at {where}, not on the real class")
    problems += [f"a use the check cannot follow at {where}" for where in uses.unresolved]
    return problems


def _pyttsx3_engine() -> dict[str, Member]:
    from pyttsx3.engine import Engine
    return describe(Engine)


def _session() -> dict[str, Member]:
    from desktop_app.speech.session import ReadingSession
    return describe(ReadingSession)


def _synth() -> dict[str, Member]:
    from desktop_app.speech.synth import Synthesizer
    return describe(Synthesizer)


@pytest.mark.parametrize(("fake", "real", "uses"), [
    (fakes.FakeSession, _session, SESSION_USES),
    (fakes.FakeSynth, _synth, SYNTH_USES),
    (fakes.FakeEngine, _pyttsx3_engine, ENGINE_USES),
], ids=["session", "synth", "engine"])
def test_each_fake_is_its_real_class_as_the_app_uses_it(fake, real, uses):
    used = app_uses(**uses)
    assert used.required, "the scan found no use at all: is the name still right?"
    assert mismatches(fake, real(), used) == []


def test_the_session_uses_found_include_the_dynamic_ones():
    """``getattr(session, name)`` with the names passed to it are part of what is used."""
    used = app_uses(**SESSION_USES)
    assert {"previous", "next", "repeat", "play", "read_text", "state", "sig_word"} \
        <= set(used.required)
    assert "synth" in {**used.required, **used.optional}
    assert {"voices", "request_voices", "sig_voices", "request", "cancel", "sig_ready"} \
        <= set(app_uses(**SYNTH_USES).required)


def test_the_check_catches_a_catch_all_a_missing_method_and_a_changed_signal():
    class Lenient(fakes.FakeSession):
        sig_error = Signal(int)                            # the real one carries a str

        def __getattr__(self, name):
            return lambda *args: None

        def stop(self, now):                               # the real one takes nothing
            pass

        def speak_louder(self) -> None:                    # the real one has no such thing
            pass
    used = app_uses(**SESSION_USES)
    used.required["pause_after_this"] = "somewhere"        # the app starts calling it
    problems = mismatches(Lenient, _session(), used)
    assert any("__getattr__" in p for p in problems)
    assert any(p.startswith("sig_error:") for p in problems)
    assert any(p.startswith("stop:") for p in problems)
    assert any(p.startswith("speak_louder:") for p in problems)
    assert any(p.startswith("pause_after_this: used at somewhere, not on the fake")
               for p in problems)


def test_the_scan_follows_getattr_and_refuses_what_it_cannot_follow(tmp_path):
    code = tmp_path / "controller.py"
    code.write_text(textwrap.dedent("""
        class Controller:
            def _call(self, name):
                getattr(self.session, name)()

            def buttons(self):
                self._call("previous")
                self._call(name="rewind")

            def elsewhere(self, which):
                other = self.speech.session
                other.louder()
                getattr(self.ensure_session(), which)()
                if hasattr(session, "synth"):
                    session.synth.request_voices()
        """), encoding="utf-8")
    used = app_uses(**SESSION_USES, files=[code])
    assert set(used.required) == {"previous", "rewind", "synth"}
    assert set(used.optional) == {"synth"}
    assert [u.split(":")[-1] for u in used.unresolved] == ["11 (the object is given another name)",
                                                          "13"]


@pytest.mark.parametrize(("fake", "real", "names"), [
    ("FakeStyleHints", "QStyleHints", {"hints"}),
    ("FakeAccessibilityHints", "QAccessibilityHints", {"accessibility"})])
def test_the_os_hint_fakes_are_qt_s(fake, real, names):
    """Qt's own methods cannot be inspected for parameters: their names are compared. (What
    the app asks for only where Qt has it, such as ``motionPreference``, may be missing.)"""
    from PySide6 import QtGui
    fake, real = getattr(fakes, fake), getattr(QtGui, real)
    own = {name for name in vars(fake) if not name.startswith("_")}
    used = app_uses(names, files=[APP / "ui" / "os_prefs.py"])
    assert used.required and not used.unresolved
    assert sorted(own - set(dir(real))) == []
    assert sorted(set(used.required) - own) == []


# -- SAPI 5 ------------------------------------------------------------------------------------
def _sapi5_source() -> Path:
    import pyttsx3
    return Path(pyttsx3.__file__).parent / "drivers" / "sapi5.py"


SAPI = [APP / "speech" / "sapi.py"]


def test_the_sapi5_engine_and_driver_fakes_are_pyttsx3_s():
    from tests import test_speech_sapi as windows
    engine_uses = app_uses(**ENGINE_USES)
    assert mismatches(windows.FakeSapiEngine, _pyttsx3_engine(), engine_uses) == []
    driver = describe_source(_sapi5_source(), "SAPI5Driver")
    driver_uses = app_uses({"driver", "_driver"}, files=SAPI)
    driver_uses.assigned |= app_uses({"driver"}, files=[APP / "speech" / "timings.py"]).assigned
    assert {"_tts", "getProperty", "_tokenFromId"} <= set(driver_uses.required)
    assert mismatches(windows.FakeSapiDriver, driver, driver_uses) == []
    sink = describe_source(_sapi5_source(), "SAPI5DriverEventSink")
    hooked = describe(windows.Sink)["_ISpeechVoiceEvents_Word"]
    assert hooked.params == sink["_ISpeechVoiceEvents_Word"].params


@pytest.mark.parametrize(("fake", "names"), [
    ("Token", {"token"}), ("Tokens", {"tokens", "voices"}), ("Category", {"category"}),
    ("SpVoice", {"_tts"})])
def test_the_com_fakes_have_what_sapi_py_calls(fake, names):
    """The COM objects exist only on Windows: their fakes have what sapi.py uses on them
    (in ``extend_voices`` ``tokens`` is a dict of them by id, not a COM collection)."""
    from tests import test_speech_sapi as windows
    used = app_uses(names, files=SAPI, outside={"extend_voices"})
    assert used.required and not used.unresolved
    own = describe(getattr(windows, fake))
    assert sorted(set(used.required) - set(own)) == []
