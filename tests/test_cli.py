"""Each command-line form, run as a real process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.__main__ import app_parser
from desktop_app.app import build

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], cwd=ROOT, text=True,
                          capture_output=True, env=environment, timeout=300)


def test_lint_passes_on_good_content(good_content):
    result = run("content", "lint", "--content-dir", str(good_content),
                 DESKTOP_APP_SEEDS=str(good_content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: 8 pages")


def test_lint_fails_with_file_and_line(good_content):
    path = good_content / "da/standard/housing.md"
    path.write_text(path.read_text(encoding="utf-8").replace("topic: areas", "topic areas"),
                    encoding="utf-8")
    result = run("content", "lint", "--content-dir", str(good_content))
    assert result.returncode == 1
    assert "content/da/standard/housing.md:5: malformed header line" in result.stdout


def test_export_gives_pages_as_json(good_content):
    result = run("content", "export", "--content-dir", str(good_content))
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout)
    assert len(pages) == 8
    first = pages[0]
    assert set(first) >= {"id", "lang", "level", "title", "markdown", "sources"}
    assert (first["id"], first["lang"], first["level"]) == ("values", "da", "standard")
    assert first["markdown"].startswith("Ballerup Kommune prioriterer")
    assert first["sources"][0] == {
        "document": "Et godt liv med handicap – Handicappolitik 2025, Ballerup Kommune",
        "section": "Visioner og værdier", "date": "2025"}


def test_stats_prints_lix_per_page(good_content):
    result = run("content", "stats", "--content-dir", str(good_content))
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.splitlines()[1:]]
    assert len(rows) == 8
    assert rows[0][:3] == ["values", "da", "standard"]
    assert all(float(row[7]) > 0 for row in rows)


def test_smoke_renders_every_variant(good_content):
    result = run("--smoke", "--content-dir", str(good_content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ("smoke: ok: home with 2 topics and 8 page variants "
                                     "(2 pages x da/en x standard/easy) rendered")


def test_smoke_names_what_failed(good_content):
    (good_content / "en/easy/values.md").write_text("id: values\n", encoding="utf-8")
    result = run("--smoke", "--content-dir", str(good_content))
    assert result.returncode == 1
    assert "values en/easy: missing" in result.stdout


def test_themes_lists_ids_that_work_with_theme():
    result = run("themes")
    themes = json.loads(result.stdout)
    ids = [t["id"] for t in themes]
    assert "light" in ids and "hc-dark" in ids and all(t["name"] for t in themes)
    for theme_id in ids:
        assert app_parser().parse_args(["--theme", theme_id]).theme == theme_id


def test_app_options_start_in_that_state(qtbot, good_content):
    args = app_parser().parse_args(["--lang", "en", "--level", "easy", "--theme", "hc-dark",
                                    "--text-scale", "300", "--page", "housing", "--content-dir",
                                    str(good_content)])
    _app, win, _ = build(args)
    qtbot.addWidget(win)
    s = win.state.settings
    assert (s.lang, s.level, s.theme, s.text_scale) == ("en", "easy", "hc-dark", 300)
    assert win.state.location == ("page", "housing")
    assert win.reader.page.title == "Where you live"


def test_bad_options_are_refused_clearly():
    result = run("--text-scale", "900")
    assert result.returncode == 2
    assert "text scale must be between 100 and 400" in result.stderr
    result = run("--lang", "fr")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_say_needs_a_file_or_play():
    result = run("say", "--lang", "da", "Hej")
    assert result.returncode == 2 and "--out FILE.wav, --play, or both" in result.stderr


def test_say_play_is_heard(listening):
    import time
    start = time.monotonic()
    result = run("say", "--lang", "en", "--play", "Hello from Ballerup.")
    assert result.returncode == 0, result.stderr[-2000:]
    assert listening.loud_between(start, time.monotonic())


def test_say_play_without_a_sound_output_says_so(tmp_path):
    result = run("say", "--lang", "da", "--play", "Hej.",
                 PULSE_SERVER=f"unix:{tmp_path / 'no-such-server'}")
    assert result.returncode == 1
    assert "The computer gives no sound" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_read_only_in_part_is_no_error():
    """``content export | head``: the reader stops early; the command ends quietly."""
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "content", "export"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()                              # as head does after its lines
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in err, err.decode()[-500:]


def test_no_command_line_is_every_option_at_its_default():
    """``main([])`` skips the parser: that is the same start only while every option of the
    parser defaults to unset (the app reads each with ``getattr(options, name, None)``)."""
    defaults = vars(app_parser().parse_args([]))
    assert defaults and not any(defaults.values()), defaults
