"""Talking book and MP3 export, made with the real speech engine, encoder and epubcheck.

One export of two small pages (Danish easy-read, the test content) is made per module and
checked from the outside: epubcheck, the overlays against the decoded sound, the tags read back
by Qt Multimedia, the playlist.
"""
from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from desktop_app import paths
from desktop_app.core.loader import load
from desktop_app.export.runner import ExportCancelled, ExportError, ExportRequest, run_export
from desktop_app.speech.cache import WavCache
from tests.conftest import FIXTURES, ROOT

PAGES = ("values", "housing")
NS = {"x": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/ns/SMIL",
      "opf": "http://www.idpf.org/2007/opf"}
EPUB_NS = "{http://www.idpf.org/2007/ops}"
EPUBCHECK = Path("/usr/bin/epubcheck")


def decode(path: Path) -> tuple[bytes, int]:
    """The MP3 decoded by Qt Multimedia (its FFmpeg) as 16-bit mono PCM, and the rate."""
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import QAudioDecoder, QAudioFormat
    decoder = QAudioDecoder()
    wanted = QAudioFormat()
    wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    wanted.setChannelCount(1)
    wanted.setSampleRate(22050)
    decoder.setAudioFormat(wanted)
    decoder.setSource(QUrl.fromLocalFile(str(path)))
    data, errors = bytearray(), []
    loop = QEventLoop()
    decoder.bufferReady.connect(lambda: data.extend(decoder.read().data()))
    decoder.finished.connect(loop.quit)
    decoder.error.connect(lambda _e: (errors.append(decoder.errorString()), loop.quit()))
    QTimer.singleShot(30000, loop.quit)
    decoder.start()
    loop.exec()
    assert not errors, errors
    return bytes(data), 22050


def rms_dbfs(data: bytes) -> float:
    import array
    samples = array.array("h", data[: len(data) // 2 * 2])
    if not samples:
        return float("-inf")
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    return 20 * math.log10(rms / 32768) if rms else float("-inf")


def seconds(value: str) -> float:
    hours, minutes, rest = value.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


@pytest.fixture(scope="module")
def library():
    return load(FIXTURES / "good", paths.pictogram_names())


@pytest.fixture(scope="module")
def made(library, tmp_path_factory, qapp):
    """The EPUB and the MP3 folder of PAGES, and the MP3s decoded."""
    folder = tmp_path_factory.mktemp("export")
    cache = WavCache(folder / "cache")
    progress: list[tuple[int, int]] = []
    book = run_export(library, ExportRequest("epub", PAGES, "da", "easy", folder / "book"),
                      cache=cache, progress=lambda d, t, _s: progress.append((d, t)))
    tracks = run_export(library, ExportRequest("mp3", PAGES, "da", "easy", folder / "mp3"),
                        cache=cache)
    decoded = {p.name: decode(p) for p in tracks.path.glob("*.mp3")}
    archive = zipfile.ZipFile(book.path)
    for name in archive.namelist():
        if name.endswith(".mp3"):
            target = folder / "from-epub" / Path(name).name
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(archive.read(name))
            decoded["epub:" + target.name] = decode(target)
    return {"book": book, "tracks": tracks, "decoded": decoded, "archive": archive,
            "progress": progress}


def test_epubcheck_finds_no_errors_or_warnings(made):
    if not EPUBCHECK.exists() or not shutil.which("java"):
        pytest.skip("needs epubcheck (Debian package epubcheck)")
    # The executable jar is run by java: binfmt_misc may be missing. Its reading-order check
    # recurses once per reference, so overlays down to the word need a larger stack.
    done = subprocess.run(["java", "-Xss64m", "-jar", str(EPUBCHECK), str(made["book"].path)],
                          capture_output=True, text=True, timeout=300)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "No errors or warnings detected" in report, report
    assert "Exception" not in report and "Error" not in report, report


def test_book_has_language_navigation_pictures_and_accessibility_metadata(made):
    archive = made["archive"]
    assert archive.namelist()[0] == "mimetype"
    opf = ET.fromstring(archive.read("EPUB/package.opf"))
    props = {}
    for meta in opf.iterfind(".//opf:meta", NS):
        props.setdefault((meta.get("property"), meta.get("refines")), []).append(meta.text)
    features = props[("schema:accessibilityFeature", None)]
    assert "synchronizedAudioText" in features and "alternativeText" in features
    for key in ("schema:accessMode", "schema:accessModeSufficient",
                "schema:accessibilitySummary", "dcterms:conformsTo", "media:active-class"):
        assert props.get((key, None)), key
    overlays = [i for i in opf.iterfind(".//opf:item", NS)
                if i.get("media-type") == "application/smil+xml"]
    durations = [seconds(props[("media:duration", "#" + i.get("id"))][0]) for i in overlays]
    assert math.isclose(sum(durations), seconds(props[("media:duration", None)][0]), abs_tol=0.01)
    nav = ET.fromstring(archive.read("EPUB/nav.xhtml"))
    entries = [a.text for a in nav.iterfind(".//x:nav//x:a", NS)]
    assert "Det vil kommunen" in entries and "Det er vigtigt" in entries and "At bo" in entries
    page = ET.fromstring(archive.read("EPUB/text/03-housing.xhtml"))
    assert page.get("lang") == "da" and page.get("{http://www.w3.org/XML/1998/namespace}lang") == "da"
    image = page.find(".//x:img", NS)
    assert image.get("alt") == "Et hus"
    assert "EPUB/images/housing.svg" in archive.namelist()
    text = "".join(page.itertext())
    assert "Kilde" in text and "Boliger" in text                       # the source
    glossary = "".join(ET.fromstring(archive.read("EPUB/text/04-glossary.xhtml")).itertext())
    assert "Botilbud" in glossary


def _overlays(archive):
    """Per section: (xhtml root, smil root, mp3 name)."""
    for name in sorted(n for n in archive.namelist() if n.endswith(".smil")):
        stem = Path(name).stem
        yield (ET.fromstring(archive.read(f"EPUB/text/{stem}.xhtml")),
               ET.fromstring(archive.read(name)), f"{stem}.mp3")


def test_every_sentence_and_word_has_a_clip_inside_its_audio_in_order(made):
    words_seen = 0
    for page, overlay, mp3 in _overlays(made["archive"]):
        pcm, rate = made["decoded"]["epub:" + mp3]
        length = len(pcm) / 2 / rate
        sentences = [s.get("id") for s in page.iterfind(".//x:span[@class='s']", NS)]
        words = [w.get("id") for w in page.iterfind(".//x:span[@class='w']", NS)]
        words_seen += len(words)
        spoken, clips = [], []
        for element in overlay.iter():
            if element.tag.endswith("seq"):
                spoken.append(element.get(f"{EPUB_NS}textref").split("#")[1])
            elif element.tag.endswith("par"):
                target = element.find("s:text", NS).get("src").split("#")[1]
                if target in sentences:
                    spoken.append(target)
                audio = element.find("s:audio", NS)
                assert audio.get("src") == f"../audio/{mp3}"
                clips.append((target, seconds(audio.get("clipBegin")),
                              seconds(audio.get("clipEnd"))))
        assert spoken == sentences, mp3             # every sentence, in reading order
        assert [c[0] for c in clips if c[0] not in sentences] == words
        previous = 0.0
        for target, begin, end in clips:
            assert previous <= begin < end <= length + 0.001, (mp3, target, begin, end, length)
            previous = end
        # Each sentence's sound is heard: no clip of a whole sentence is silence.
        for target, begin, end in clips:
            if target in sentences:
                part = pcm[int(begin * rate) * 2:int(end * rate) * 2]
                assert rms_dbfs(part) > -40, (mp3, target)
        # No text outside a sentence: what is shown is what is spoken.
        for block in page.iterfind(".//x:p", NS):
            outside = "".join(t for t in _text_outside_sentences(block))
            assert not re.search(r"\w", outside), outside
    assert words_seen > 0, "espeak-ng gives word timings: words should be in the overlays"


def _text_outside_sentences(element):
    if element.get("class") == "s":
        return
    if element.text:
        yield element.text
    for child in element:
        yield from _text_outside_sentences(child)
        if child.tail:
            yield child.tail


def test_mp3s_decode_audible_and_evenly_loud_with_tags_and_playlist(made, qtbot):
    tracks = made["tracks"]
    files = sorted(tracks.path.glob("*.mp3"))
    assert [f.name for f in files] == ["01-title.mp3", "02-values.mp3", "03-housing.mp3",
                                       "04-glossary.mp3"]
    levels = []
    for file in files:
        pcm, rate = made["decoded"][file.name]
        assert len(pcm) / 2 / rate > 1.0, file
        levels.append(rms_dbfs(pcm))
    assert min(levels) > -30, levels
    assert max(levels) - min(levels) < 2.0, levels
    playlist = (tracks.path / "playlist.m3u").read_text("utf-8").splitlines()
    assert playlist[0] == "#EXTM3U"
    assert [line for line in playlist if not line.startswith("#")] == [f.name for f in files]
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer
    player = QMediaPlayer()
    player.setSource(QUrl.fromLocalFile(str(files[2])))
    qtbot.waitUntil(lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia,
                    timeout=10000)
    meta = player.metaData()
    assert meta.stringValue(QMediaMetaData.Key.Title) == "At bo"
    assert meta.stringValue(QMediaMetaData.Key.AlbumTitle).startswith(
        "Handicappolitik i Ballerup")
    assert meta.value(QMediaMetaData.Key.TrackNumber) == 3


def test_progress_runs_to_the_end(made):
    progress = made["progress"]
    assert progress[-1][0] == progress[-1][1]
    assert [d for d, _t in progress] == sorted(d for d, _t in progress)


def test_cancel_leaves_nothing_behind(library, tmp_path):
    cancel = threading.Event()
    out = tmp_path / "out"
    out.mkdir()

    def progress(done, total, _section):
        if done > 0:
            cancel.set()
    for kind, target in (("epub", out / "book.epub"), ("mp3", out / "tracks")):
        with pytest.raises(ExportCancelled):
            run_export(library, ExportRequest(kind, PAGES, "da", "easy", target),
                       progress=progress, cancel=cancel, cache=WavCache(tmp_path / "cache"))
        cancel.clear()
    assert list(out.iterdir()) == []


def test_a_language_without_a_voice_says_so_and_writes_nothing(library, tmp_path):
    from desktop_app.speech.engine import EngineWorker
    from desktop_app.speech.voices import missing_voice_message
    from tests.test_speech_synth import FakeEngine
    worker = EngineWorker(lambda: FakeEngine(voices=(("gmw/en", "English", ["en-gb"]),)))
    with pytest.raises(ExportError) as caught:
        run_export(library, ExportRequest("epub", PAGES, "da", "easy", tmp_path / "b.epub"),
                   worker=worker, cache=WavCache(tmp_path / "cache"))
    assert str(caught.value) == missing_voice_message("da")
    assert list(tmp_path.iterdir()) == []


def test_command_line(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "desktop_app", "export", *args,
                               "--content-dir", str(FIXTURES / "good")],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
    done = run("epub", "--lang", "da", "--level", "easy", "--pages", "housing",
               "--out", str(tmp_path / "one"))
    assert done.returncode == 0, done.stderr
    assert zipfile.ZipFile(tmp_path / "one.epub").read("mimetype") == b"application/epub+zip"
    assert "one.epub" in done.stdout
    done = run("mp3", "--lang", "da", "--level", "easy", "--out", str(tmp_path / "all"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "01-title.mp3", "02-values.mp3", "03-housing.mp3", "04-glossary.mp3", "playlist.m3u"]
    done = run("epub", "--lang", "da", "--level", "easy", "--pages", "housing,nowhere",
               "--out", str(tmp_path / "bad.epub"))
    assert done.returncode == 1 and "nowhere" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "bad.epub").exists()
    done = run("epub", "--lang", "da", "--level", "easy", "--out",
               str(tmp_path / "no-such-folder" / "x.epub"))
    assert done.returncode == 1 and "no-such-folder" in done.stderr


def test_chosen_sections_only_and_every_sentence_once(library):
    from desktop_app.export.book import plan_book
    book = plan_book(library, [("values", ("Det er vigtigt",)), "housing"], "da", "easy")
    chapter = [s.text for s in book.sections[1].text.sentences]
    assert chapter[:4] == ["Det vil kommunen", "Det er vigtigt", "Hjælp i god tid.",
                           "Alle får de samme chancer."]
    assert chapter[4] == "Kilde:" and "Visioner og værdier" in chapter[5]   # the source
    assert len(chapter) == 6 and "Vi vil gerne hjælpe dig tidligt." not in chapter
    housing = [s.text for s in book.sections[2].text.sentences]
    assert housing[:3] == ["At bo", "Du kan bo i din egen bolig.",
                           "Du kan også bo i et botilbud."]


def test_clip_times_match_the_decoded_sound(qapp, tmp_path):
    """The decoder's output lags the PCM given to the encoder; the overlay's clips are shifted
    by exactly that lag (found here by cross-correlating a tone burst)."""
    import array
    from desktop_app.export import audio
    rate, at = 22050, 11025
    burst = [int(12000 * math.sin(i / 3.0) * math.sin(math.pi * i / 441)) for i in range(441)]
    samples = [0] * rate
    samples[at:at + len(burst)] = burst
    mp3 = tmp_path / "burst.mp3"
    mp3.write_bytes(audio.encode_mp3(array.array("h", samples).tobytes(), rate))
    decoded = array.array("h", decode(mp3)[0])
    lag = max(range(0, 3000), key=lambda k: sum(
        burst[i] * decoded[at + k + i] for i in range(0, len(burst), 2)))
    joined = audio.Joined(rate=rate, clips=[audio.Clip("s1", 500, 600, 700)])
    assert abs(audio.heard_clips(joined)[0].start - 500 - lag * 1000 / rate) <= 1.0, lag


def test_the_export_runs_without_qt():
    code = ("import sys, desktop_app.export.runner, desktop_app.export.cli; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_the_book_carries_its_fonts(made):
    archive = made["archive"]
    css = archive.read("EPUB/css/book.css").decode("utf-8")
    opf = archive.read("EPUB/package.opf").decode("utf-8")
    urls = re.findall(r'src: url\("\.\./(fonts/[^"]+)"\)', css)
    assert any("BallerupZero" in url for url in urls) and any("Atkinson" in u for u in urls)
    for url in urls:
        assert f"EPUB/{url}" in archive.namelist()
        assert f'href="{url}" media-type="font/ttf"' in opf
