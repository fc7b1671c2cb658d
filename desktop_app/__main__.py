"""Command line: the app, ``--smoke``, ``content lint|export|stats``, ``themes``, ``voices``,
``say``, ``export epub|mp3``, ``kiosk set-pin|info``."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from desktop_app import __version__, paths

COMMANDS = ("content", "themes", "voices", "say", "export", "kiosk")


def _setting_option(spec):
    """The argparse type of a setting's option: the value, or a message that says why not."""
    def parse(text: str):
        try:
            return spec.from_text(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    parse.__name__ = spec.name
    return parse


def add_setting_options(parser: argparse.ArgumentParser, required: tuple[str, ...] = (),
                        only: tuple[str, ...] | None = None, helps: dict | None = None) -> None:
    """The options of the settings that have one (``flag`` in the settings table): a choice
    or a number within its range; ``only``: these settings; ``required``: these must be given;
    ``helps``: another help text by setting name."""
    from desktop_app.core.settings import COMMAND_LINE
    for flag, spec in COMMAND_LINE.items():
        if only is not None and spec.name not in only:
            continue
        if spec.range is not None:
            low, high = (spec.kind(spec.range.low), spec.kind(spec.range.high))
            parser.add_argument(flag, type=_setting_option(spec), metavar=spec.metavar,
                                dest=spec.name, required=spec.name in required,
                                help=f"{(helps or {}).get(spec.name, spec.flag_help)}, "
                                     f"{low}–{high}")
        else:
            parser.add_argument(flag, choices=spec.choices, dest=spec.name,
                                required=spec.name in required,
                                help=(helps or {}).get(spec.name, spec.flag_help))


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def app_parser() -> argparse.ArgumentParser:
    from desktop_app.core.kiosk_where import DEFAULT_IDLE_S
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app",
        description="Ballerup Kommune's disability policy, readable, spoken and in plain "
                    "language. Other commands: content lint|export|stats, themes, voices, say, "
                    "export epub|mp3, kiosk set-pin|info "
                    "(see 'python -m desktop_app COMMAND --help').")
    add_setting_options(parser)
    parser.add_argument("--page", metavar="PAGE_ID", help="open this page")
    parser.add_argument("--kiosk", action="store_true", help="full-screen library kiosk mode "
                        "(see docs/KIOSK.md)")
    parser.add_argument("--idle-seconds", type=_positive, metavar="N", dest="idle_seconds",
                        help="kiosk: after N seconds without input, warn and then start afresh "
                        f"(default {DEFAULT_IDLE_S})")
    parser.add_argument("--content-dir", metavar="DIR", help="read pages from DIR")
    parser.add_argument("--smoke", action="store_true", help="render home and every page in "
                        "both languages and levels, print a summary and exit")
    parser.add_argument("--version", action="version", version=__version__)
    return parser


def content_command(argv: list[str]) -> int:
    from desktop_app.core.lint import lint
    from desktop_app.core.loader import load
    from desktop_app.core.readability import lix_band, measure
    parser = argparse.ArgumentParser(prog="python -m desktop_app content")
    parser.add_argument("action", choices=("lint", "export", "stats"))
    parser.add_argument("--content-dir", metavar="DIR")
    args = parser.parse_args(argv)
    folder = Path(args.content_dir) if args.content_dir else paths.content_dir()
    pictograms = paths.pictogram_names()
    library = load(folder, pictograms)
    if args.action == "lint":
        problems = library.problems + lint(library, folder, pictograms)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
            return 1
        print(f"ok: {len(library.pages)} pages, {len(library.glossary)} glossary terms")
        return 0
    if args.action == "export":
        pages = []
        for page in library.variants():
            sources = []
            for ref in page.sources:
                doc = library.sources.get(ref.document)
                entry = {"document": doc.title[page.lang] if doc else ref.document}
                if ref.section:
                    entry["section"] = ref.section
                if ref.date:
                    entry["date"] = ref.date
                sources.append(entry)
            pages.append({"id": page.id, "lang": page.lang, "level": page.level,
                          "title": page.title, "topic": page.topic,
                          "markdown": page.body.strip() + "\n", "sources": sources})
        import json
        json.dump(pages, sys.stdout, ensure_ascii=False, indent=2)
        print()
        for problem in library.problems:
            print(problem, file=sys.stderr)
        return 0
    print(f"{'page':<24} {'lang':<4} {'level':<8} {'words':>6} {'sent.':>6} {'w/s':>5} "
          f"{'long%':>6} {'LIX':>5}  band")
    for page in library.variants():
        r = measure(page.body)
        print(f"{page.id:<24} {page.lang:<4} {page.level:<8} {r.words:>6} {r.sentences:>6} "
              f"{r.words_per_sentence:>5.1f} {100 * r.long_word_share:>6.1f} "
              f"{r.lix:>5.1f}  {lix_band(r.lix)}")
    return 0


def themes_command(argv: list[str]) -> int:
    import json
    from desktop_app.core.themes import THEMES
    json.dump([{"id": t.id, "name": t.name} for t in THEMES.values()], sys.stdout, indent=2)
    print()
    return 0


def voices_command(argv: list[str]) -> int:
    from desktop_app.speech.cli import cmd_voices
    return cmd_voices()


def say_command(argv: list[str]) -> int:
    from desktop_app.core.settings import RANGES, Settings
    parser = argparse.ArgumentParser(prog="python -m desktop_app say")
    add_setting_options(parser, required=("lang",), only=("lang",),
                        helps={"lang": "language of the text"})
    parser.add_argument("--out", metavar="FILE.wav", help="write the speech to this file")
    parser.add_argument("--play", action="store_true",
                        help="play it on the sound output, as the app does")
    parser.add_argument("--voice", help="voice id (see 'voices')")
    rate = RANGES["speech_rate"]
    parser.add_argument("--rate", type=int, default=Settings().speech_rate,
                        help=f"speed in percent, {rate.low}–{rate.high}")
    parser.add_argument("--timings", metavar="FILE.json",
                        help="write when each word is heard (word, start_ms, end_ms) to this "
                             "file; needs --out")
    parser.add_argument("text")
    args = parser.parse_args(argv)
    if not (args.out or args.play):
        parser.error("give --out FILE.wav, --play, or both")
    if args.timings and not args.out:
        parser.error("--timings needs --out FILE.wav")
    from desktop_app.qtenv import route_multimedia_messages
    route_multimedia_messages()
    from desktop_app.speech.cli import cmd_say
    return cmd_say(args.lang, args.out, args.text, voice=args.voice, rate=args.rate,
                   play=args.play, timings=args.timings)


def export_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app export",
        description="The pages as a talking book (EPUB 3 with the text read aloud and "
                    "highlighted) or as MP3 files with a playlist, with the voice and speed of "
                    "the app's read-aloud settings.")
    parser.add_argument("kind", choices=("epub", "mp3"))
    add_setting_options(parser, required=("lang", "level"), only=("lang", "level"))
    parser.add_argument("--pages", metavar="ID,...", help="the pages, in this order "
                        "(default: all pages)")
    parser.add_argument("--out", metavar="PATH", required=True,
                        help="the .epub file, or the folder for the MP3 files")
    parser.add_argument("--sentences", action="store_true",
                        help="EPUB: highlight whole sentences only, not each word")
    parser.add_argument("--content-dir", metavar="DIR")
    args = parser.parse_args(argv)
    from desktop_app.export.cli import cmd_export
    return cmd_export(args.kind, args.lang, args.level, args.pages, args.out,
                      words=not args.sentences, content_dir=args.content_dir)


def kiosk_command(argv: list[str]) -> int:
    from desktop_app.core.kiosk_cli import kiosk_command as command
    return command(argv)


def run_app(args: argparse.Namespace) -> int:
    from desktop_app import qtenv
    if qtenv.display_missing(sys.argv):
        print(qtenv.NO_DISPLAY, file=sys.stderr)
        return qtenv.EXIT_NO_DISPLAY
    from desktop_app.logs import setup_logging
    setup_logging()
    qtenv.route_multimedia_messages()
    if args.smoke:
        from desktop_app.smoke import smoke
        return smoke(args)
    # Start-up makes many objects and hardly any garbage: the collector (about 6 ms of
    # passes before the first paint) runs again once the window is painted (ui/startup.py).
    gc.disable()
    from desktop_app.app import build, show_window
    from desktop_app.core.place import PlaceStore
    app, window, store = build(args)
    show_window(window, PlaceStore(store.path.parent))
    from desktop_app.ui.startup import defer_until_painted
    defer_until_painted(window)
    return app.exec()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desktop_app.qtenv import quiet_multimedia
    quiet_multimedia()                      # before Qt reads its logging rules
    if argv and argv[0] in COMMANDS:
        handler = {"content": content_command, "themes": themes_command,
                   "voices": voices_command, "say": say_command,
                   "export": export_command, "kiosk": kiosk_command}[argv[0]]
        try:
            return handler(argv[1:])
        except BrokenPipeError:
            # The reader of the output went away (``... | head``): not an error of ours.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    # The usual start has no command line: nothing to parse (building the parser costs ~2 ms
    # before the window shows); every option is then at its default, which is unset.
    return run_app(app_parser().parse_args(argv) if argv else argparse.Namespace(smoke=False))


if __name__ == "__main__":
    sys.exit(main())
