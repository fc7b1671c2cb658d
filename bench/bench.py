"""Benchmarks of the app, each with the baseline or target it is judged by, measured in one run.

    python bench/bench.py [--quick] [--frozen DIR | --no-frozen] [--offscreen] [--json FILE]

(a) start-up: process spawn to the first painted frame of the home screen, as a ratio to a bare
    PySide6 window with one QTextBrowser (bench/baseline_app.py) started the same way; from
    source (bench/first_paint.py, an event filter installed before the app builds its window)
    and frozen (Qt's own "qt.widgets.painting" log, timestamped, against a frozen baseline
    built here). Median of 5 runs (--quick: 2) after one discarded warm-up run, so the file
    cache is warm: this is a warm start, not a cold boot.
(b) opening the longest page, and re-rendering it after a theme change and after a text-size
    change (in process, offscreen, window shown at 1280x900).
(c) peak resident memory (ru_maxrss) of ``--smoke``, which renders home and every page in
    both languages and both levels.
(d) CPU used while idle on the home screen for 60 s (--quick: 10 s), % of one core, from
    /proc/PID/stat (utime + stime).
(e) time to first audio (bench/speech_latency.py) and search latency (bench/search.py or
    bench/search_latency.py) are run when those scripts exist; their output is passed on.

Runs under its own Xvfb (xcb) when Xvfb is installed, else offscreen (--offscreen forces it).
Settings, cache and logs go to a temporary folder, so every start is a first start. Compiled
.pyc files are kept in that folder too (PYTHONPYCACHEPREFIX), as an installed app has them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
NAME = "ballerup-handicap"
TARGETS = {"start_ratio": 1.5, "page_ms": 100.0, "rss_mb": 200.0, "idle_cpu_pct": 1.0,
           "bundle_mb": 80.0}
PAINT_LOG = re.compile(r"^\s*(\d+\.\d+) qt\.widgets\.painting: Flushing .* to QWidgetWindow")


def now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


# -- environment ---------------------------------------------------------------------------------
class Display:
    """Its own Xvfb (1920x1080) unless offscreen is asked for or Xvfb is missing."""

    def __init__(self, offscreen: bool):
        self.proc = None
        self.env = {"QT_QPA_PLATFORM": "offscreen"}
        self.kind = "offscreen"
        if offscreen or shutil.which("Xvfb") is None:
            return
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten",
             "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        self.env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
        self.kind = f"Xvfb :{number} (xcb)"

    def close(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)


def child_env(display: Display, home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("QT_LOGGING_RULES", "QT_MESSAGE_PATTERN", "BENCH_QUIT_AFTER_PAINT",
                "PYTHONDONTWRITEBYTECODE"):
        env.pop(var, None)
    # Compiled modules are cached (outside the source tree), as in an installed app; without
    # this, PYTHONDONTWRITEBYTECODE=1 makes every start from source compile the app (~70 ms).
    env["PYTHONPYCACHEPREFIX"] = str(home.parent / "pycache")
    env.update(display.env)
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data")):
        env[var] = str(home / sub)
    env.update(extra)
    return env


def fresh_home(base: Path) -> Path:
    """A new empty settings/cache folder, so each start is the same (first) start."""
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    return base


# -- (a) start-up --------------------------------------------------------------------------------
CPU_SECONDS: dict[str, list[float]] = {"app": [], "baseline": []}   # from source, per run


def start_source(target: str, display: Display, home: Path) -> float:
    env = child_env(display, fresh_home(home), BENCH_QUIT_AFTER_PAINT="1")
    start = now()
    result = subprocess.run([sys.executable, str(BENCH / "first_paint.py"), target], env=env,
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    for line in result.stdout.splitlines():
        if line.startswith("first-paint "):
            words = line.split()
            if len(words) >= 4 and words[2] == "cpu":
                CPU_SECONDS[target].append(float(words[3]))
            return float(words[1]) - start
    raise RuntimeError(f"{target}: no first paint (exit {result.returncode})\n"
                       f"{result.stderr[-2000:]}")


def start_logged(command: list[str], display: Display, home: Path) -> float:
    """Spawn -> the first frame flushed, from Qt's own paint log: nothing of the bench runs
    in the process (a frozen program, or the app and the baseline from source as they are)."""
    env = child_env(display, fresh_home(home), QT_LOGGING_RULES="qt.widgets.painting=true",
                    QT_MESSAGE_PATTERN="%{time boot} %{category}: %{message}")
    start = now()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    painted, seen = None, []
    try:
        for line in proc.stderr:
            match = PAINT_LOG.match(line)
            if match:
                painted = float(match.group(1))
                break
            if "qt.widgets.painting" not in line:
                seen.append(line)
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    if painted is None:
        raise RuntimeError(f"{command}: no paint logged (exit {proc.returncode}):\n"
                           + "".join(seen[-20:]))
    return painted - start


def start_frozen(exe: Path, display: Display, home: Path) -> float:
    return start_logged([str(exe)], display, home)


def frozen_baseline(work: Path) -> Path | None:
    """bench/baseline_app.py frozen with PyInstaller's defaults (cached by its hash)."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        return None
    source = BENCH / "baseline_app.py"
    stamp = hashlib.sha256(source.read_bytes() + sys.version.encode()).hexdigest()
    exe = work / "dist" / "baseline" / ("baseline" + (".exe" if os.name == "nt" else ""))
    if exe.exists() and (work / "stamp").exists() and (work / "stamp").read_text() == stamp:
        return exe
    print("building the frozen baseline ...", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--onedir", "--name", "baseline", "--distpath", str(work / "dist"),
                    "--workpath", str(work / "build"), "--specpath", str(work), str(source)],
                   check=True, capture_output=True)
    (work / "stamp").write_text(stamp)
    return exe


def startup(runs: int, display: Display, tmp: Path, frozen: Path | None) -> dict:
    result: dict = {}
    home = tmp / "start"
    pairs = [("source", lambda: start_source("app", display, home),
              lambda: start_source("baseline", display, home)),
             # The hook's event filter above makes PySide6 load every class of QtWidgets at
             # the first widget of Qt's own class it passes on (~30 ms in the baseline, which
             # has such widgets in its text view; ~25 ms in the app): the same two without it.
             ("source, Qt's paint log",
              lambda: start_logged([sys.executable, "-m", "desktop_app"], display, home),
              lambda: start_logged([sys.executable, str(BENCH / "baseline_app.py")], display,
                                   home))]
    if frozen is not None:
        base_exe = frozen_baseline(ROOT / "build" / "bench-baseline")
        if base_exe is not None:
            exe = frozen / NAME
            pairs.append(("frozen", lambda: start_frozen(exe, display, home),
                          lambda: start_frozen(base_exe, display, home)))
    for label, app_run, base_run in pairs:
        app_run(), base_run()       # warm-up
        for runs_cpu in CPU_SECONDS.values():
            runs_cpu.clear()
        app_times, base_times = [], []
        for _ in range(runs):      # interleaved, so drift hits both alike
            app_times.append(app_run())
            base_times.append(base_run())
        app_ms = 1000 * statistics.median(app_times)
        base_ms = 1000 * statistics.median(base_times)
        result[label] = {"app_ms": round(app_ms), "baseline_ms": round(base_ms),
                         "ratio": round(app_ms / base_ms, 2),
                         "app_runs_ms": [round(1000 * t) for t in app_times],
                         "baseline_runs_ms": [round(1000 * t) for t in base_times]}
        if label == "source" and CPU_SECONDS["app"] and CPU_SECONDS["baseline"]:
            app_cpu = 1000 * statistics.median(CPU_SECONDS["app"])
            base_cpu = 1000 * statistics.median(CPU_SECONDS["baseline"])
            result[label].update({"app_cpu_ms": round(app_cpu), "baseline_cpu_ms": round(base_cpu),
                                  "cpu_ratio": round(app_cpu / base_cpu, 2)})
    return result


# -- (b) page rendering, in a child process ------------------------------------------------------
def render_child(repeats: int) -> None:
    """Runs in a child: prints one JSON line with the timings in ms."""
    sys.path.insert(0, str(ROOT))
    from argparse import Namespace

    from desktop_app.app import build
    from desktop_app.core.settings import SettingsStore

    folder = Path(tempfile.mkdtemp(prefix="bench-render-"))
    app, window, _store = build(Namespace(), SettingsStore(folder))
    window.resize(1280, 900)
    window.show()
    for _ in range(5):
        app.processEvents()
    from desktop_app.ui.startup import warm_up
    warm_up(window)                # what the app does once the home screen is painted
    library = window.state.library
    page = max(library.pages.values(), key=lambda p: len(p.body))
    window.state.change(lang=page.lang, level=page.level, theme="light", text_scale=100)
    app.processEvents()

    def timed(action) -> float:
        t0 = time.perf_counter()
        action()
        app.processEvents()        # layout and paint of the shown window
        return 1000 * (time.perf_counter() - t0)

    window.state.go_home()
    app.processEvents()
    first_open = timed(lambda: window.state.open_page(page.id))
    opens, themes, sizes = [], [], []
    for i in range(repeats):
        window.state.go_home()
        app.processEvents()
        opens.append(timed(lambda: window.state.open_page(page.id)))
    for i in range(repeats):
        theme = "hc-dark" if i % 2 == 0 else "light"
        themes.append(timed(lambda: window.state.change(theme=theme)))
    for i in range(repeats):
        scale = 200 if i % 2 == 0 else 100
        sizes.append(timed(lambda: window.state.change(text_scale=scale)))
    assert window.state.location == ("page", page.id)
    print(json.dumps({
        "page": f"{page.id} {page.lang}/{page.level}", "chars": len(page.body),
        "first_open_ms": round(first_open, 1),
        "open_ms": round(statistics.median(opens), 1), "open_max_ms": round(max(opens), 1),
        "theme_ms": round(statistics.median(themes), 1), "theme_max_ms": round(max(themes), 1),
        "text_size_ms": round(statistics.median(sizes), 1),
        "text_size_max_ms": round(max(sizes), 1)}))
    window.close()
    shutil.rmtree(folder, ignore_errors=True)


def render(repeats: int, tmp: Path) -> dict:
    env = child_env(Display(offscreen=True), fresh_home(tmp / "render"))
    result = subprocess.run([sys.executable, __file__, "_render", str(repeats)], env=env,
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"render child failed:\n{result.stderr[-3000:]}")
    return json.loads(lines[-1])


# -- (c) peak memory -----------------------------------------------------------------------------
def peak_rss_mb(command: list[str], display: Display, home: Path) -> tuple[float, str]:
    env = child_env(display, fresh_home(home))
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, cwd=ROOT)
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    summary = next((ln for ln in out.splitlines() if ln.startswith("smoke:")), out.strip()[-200:])
    return usage.ru_maxrss / 1024, summary   # KiB on Linux


# -- (d) idle CPU --------------------------------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu(command: list[str], seconds: float, display: Display, home: Path,
             settle: float = 8.0) -> float:
    env = child_env(display, fresh_home(home))
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        time.sleep(settle)          # start-up, first paint, audio output warm-up
        if proc.poll() is not None:
            raise RuntimeError(f"{command} exited with {proc.returncode}")
        c0, t0 = cpu_seconds(proc.pid), now()
        time.sleep(seconds)
        c1, t1 = cpu_seconds(proc.pid), now()
        return 100 * (c1 - c0) / (t1 - t0)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


# -- (e) other benchmarks ------------------------------------------------------------------------
def optional_script(names: tuple[str, ...], quick_args: list[str]) -> dict:
    """Run the first of ``names`` that exists in bench/ (with ``quick_args`` under --quick)."""
    script = next((BENCH / name for name in names if (BENCH / name).exists()), None)
    if script is None:
        return {"status": f"not run: bench/{names[0]} does not exist yet"}
    command = [sys.executable, str(script)] + quick_args
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=900,
                                cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"status": "timed out after 900 s"}
    return {"status": f"bench/{script.name}, exit {result.returncode}",
            "output": (result.stdout.strip() or result.stderr.strip()[-2000:]).splitlines()}


# -- machine and bundle --------------------------------------------------------------------------
def machine() -> dict:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines()
                    if ln.startswith("model name")), "")
    mem_gb = 0.0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        mem_gb = round(kb / 2**20, 1)
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        match = re.search(r'PRETTY_NAME="([^"]+)"', release.read_text())
        os_name = f"{match.group(1)}, kernel {platform.release()}" if match else os_name
    from PySide6 import __version__ as pyside
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": mem_gb, "os": os_name,
            "python": platform.python_version(), "pyside6": pyside,
            "load_at_start": os.getloadavg()[0]}


def bundle_mb(folder: Path) -> float:
    total = 0
    for path in folder.rglob("*"):
        st = path.lstat()
        total += st.st_blocks * 512
    return round(total / 2**20, 1)


def find_frozen(arg: str | None, no_frozen: bool) -> Path | None:
    if no_frozen:
        return None
    candidates = [Path(arg)] if arg else [ROOT / "dist" / NAME,
                                          ROOT / "build" / "frozen-test" / "dist" / NAME]
    for folder in candidates:
        if (folder / NAME).exists():
            return folder
    if arg:
        raise SystemExit(f"no {NAME} executable in {arg}")
    return None


# -- report --------------------------------------------------------------------------------------
def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(r: dict) -> str:
    lines = []
    m = r["machine"]
    lines.append(f"machine: {m['nproc']} CPUs, {m['cpu']}, {m['ram_gb']} GB RAM, {m['os']}; "
                 f"Python {m['python']}, PySide6 {m['pyside6']}; display: {r['display']}; "
                 f"runs: {r['runs']}; load average (1 min) {m['load_at_start']:.2f} at start, "
                 f"{r.get('load_at_end', 0):.2f} at end")
    lines.append("")
    lines.append(f"{'measure':<48} {'result':>22} {'target':>12}  verdict")
    for label, s in r["startup"].items():
        lines.append(f"{'start to first paint, ' + label:<48} "
                     f"{s['app_ms']:>5} ms vs {s['baseline_ms']:>4} ms  "
                     f"{'ratio ≤ ' + str(TARGETS['start_ratio']):>12}  "
                     f"{s['ratio']:.2f}x {verdict(s['ratio'] <= TARGETS['start_ratio'])}")
        if "cpu_ratio" in s:   # CPU time of the process to the first paint (less load-bound)
            lines.append(f"{'  CPU time to first paint, ' + label:<48} "
                         f"{s['app_cpu_ms']:>5} ms vs {s['baseline_cpu_ms']:>4} ms  "
                         f"{'(reference)':>12}  {s['cpu_ratio']:.2f}x")
    p = r["render"]
    for key, label in (("first_open_ms", "first open of the longest page"),
                       ("open_ms", "open the longest page (median)"),
                       ("theme_ms", "re-render after theme change"),
                       ("text_size_ms", "re-render after text-size change")):
        extra = f" (max {p[key.replace('_ms', '_max_ms')]})" if key != "first_open_ms" else ""
        lines.append(f"{label:<48} {str(p[key]) + ' ms' + extra:>22} {'≤ 100 ms':>12}  "
                     f"{verdict(p[key] <= TARGETS['page_ms'])}")
    lines.append(f"  (longest page: {p['page']}, {p['chars']} characters of Markdown)")
    for label, value in r["rss_mb"].items():
        lines.append(f"{'peak RSS after every page, ' + label:<48} {value:>19.0f} MB "
                     f"{'≤ 200 MB':>12}  {verdict(value <= TARGETS['rss_mb'])}")
    for label, value in r["idle_cpu_pct"].items():
        target = "< 1 %" if not label.startswith("baseline") else "(reference)"
        ok = verdict(value < TARGETS["idle_cpu_pct"]) if not label.startswith("baseline") else ""
        lines.append(f"{'idle CPU on home, ' + label:<48} {value:>20.2f} % {target:>12}  {ok}")
    if r.get("bundle_mb") is not None:
        lines.append(f"{'one-folder bundle (' + r['frozen'] + ')':<48} "
                     f"{r['bundle_mb']:>19.0f} MB {'≤ 80 MB':>12}  "
                     f"{verdict(r['bundle_mb'] <= TARGETS['bundle_mb'])}")
    for key, title in (("speech", "time to first audio"), ("search", "search latency")):
        lines.append("")
        lines.append(f"{title}: {r[key]['status']}")
        for out in r[key].get("output", [])[-10:]:   # the summary lines; all in --json
            lines.append(f"  {out}")
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_render":
        render_child(int(sys.argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 start-ups, 10 s idle")
    parser.add_argument("--frozen", metavar="DIR", help="the one-folder bundle (default: "
                        "dist/ballerup-handicap or build/frozen-test/dist/ballerup-handicap)")
    parser.add_argument("--no-frozen", action="store_true", help="source only")
    parser.add_argument("--offscreen", action="store_true", help="no Xvfb")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--skip", action="append", default=[],
                        choices=("startup", "render", "rss", "idle", "speech", "search"))
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("bench.py measures through /proc and Xvfb: Linux only", file=sys.stderr)
        return 2
    runs = 2 if args.quick else 5
    idle_s = 10 if args.quick else 60
    frozen = find_frozen(args.frozen, args.no_frozen)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    display = Display(args.offscreen)
    r: dict = {"machine": machine(), "display": display.kind, "runs": runs,
               "frozen": str(frozen.relative_to(ROOT)) if frozen and frozen.is_relative_to(ROOT)
               else str(frozen) if frozen else None,
               "startup": {}, "render": {}, "rss_mb": {}, "idle_cpu_pct": {},
               "speech": {"status": "skipped"}, "search": {"status": "skipped"}}
    try:
        if "startup" not in args.skip:
            print("start-up ...", flush=True)
            r["startup"] = startup(runs, display, tmp, frozen)
        if "render" not in args.skip:
            print("page rendering ...", flush=True)
            r["render"] = render(10 if args.quick else 30, tmp)
        if "rss" not in args.skip:
            print("peak memory ...", flush=True)
            offscreen = Display(offscreen=True)
            rss, summary = peak_rss_mb([sys.executable, "-m", "desktop_app", "--smoke"],
                                       offscreen, tmp / "rss")
            r["rss_mb"]["source"] = round(rss, 1)
            r["smoke"] = summary
            if frozen is not None:
                rss, _ = peak_rss_mb([str(frozen / NAME), "--smoke"], offscreen, tmp / "rss")
                r["rss_mb"]["frozen"] = round(rss, 1)
        if "idle" not in args.skip:
            print(f"idle CPU ({idle_s} s each) ...", flush=True)
            r["idle_cpu_pct"]["source"] = round(idle_cpu(
                [sys.executable, "-m", "desktop_app"], idle_s, display, tmp / "idle"), 2)
            if frozen is not None:
                r["idle_cpu_pct"]["frozen"] = round(idle_cpu(
                    [str(frozen / NAME)], idle_s, display, tmp / "idle"), 2)
            r["idle_cpu_pct"]["baseline (source)"] = round(idle_cpu(
                [sys.executable, str(BENCH / "baseline_app.py")], idle_s, display,
                tmp / "idle"), 2)
        if "speech" not in args.skip:
            print("time to first audio ...", flush=True)
            r["speech"] = optional_script(("speech_latency.py",),
                                          ["--quick"] if args.quick else [])
        if "search" not in args.skip:
            print("search latency ...", flush=True)
            r["search"] = optional_script(("search_latency.py", "search.py"),
                                          ["--runs", "20"] if args.quick else [])
        r["bundle_mb"] = bundle_mb(frozen) if frozen is not None else None
        r["load_at_end"] = os.getloadavg()[0]
    finally:
        display.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    if not r["render"]:
        r["render"] = {k: 0 for k in ("first_open_ms", "open_ms", "open_max_ms", "theme_ms",
                                      "theme_max_ms", "text_size_ms", "text_size_max_ms",
                                      "chars")} | {"page": "(skipped)"}
    print(report(r))
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
