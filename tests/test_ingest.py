"""Ingest: every format read well, every bad input skipped with one clear line."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.cli import main
from graph.errors import InputError
from graph.ingest import READERS, Skipped, decode, read, read_bytes, read_text, summarize
from graph.model import Article
from tests.conftest import EXAMPLES, FIXTURES

GOOD = FIXTURES / "ingest" / "good"
BAD = FIXTURES / "ingest" / "bad"

CORE_WEAVE = "CoreWeave raises $2.3bn in debt backed by Nvidia H100 GPUs"
AMD = "AMD & the MI300X: a challenger for Nvidia's H100?"

# What each bad fixture is skipped for: (kind, words of the message).
BAD_FILES = {
    "app-shell.html": ("no article", "no article text found in the HTML page"),
    "billion-laughs.xml": ("unsafe", "declares XML entities"),
    "blank.md": ("empty", "blank file"),
    "broken.json": ("malformed", "malformed JSON (Expecting ',' delimiter at line 5, column 7)"),
    "chart.png": ("binary", "binary file (PNG image), not text"),
    "cookie-wall.txt": ("no article", "no article text"),
    "empty.txt": ("empty", "empty file"),
    "garbage.txt": ("encoding", "not readable text: invalid UTF-8 (byte 0xba at offset 0)"),
    "malformed-frontmatter.md": ("malformed", "while scanning a quoted scalar (line 2)"),
    "maven-settings.xml": ("no article", "XML, but not an RSS or Atom feed"),
    "quarterly-report.pdf": ("binary", "binary file (PDF), not text"),
    "truncated-feed.rss": ("malformed", "malformed feed"),
    "unclosed-frontmatter.md": ("malformed", "no closing '---'"),
    "xxe-feed.rss": ("unsafe", "declares XML entities"),
}
BAD_RECORDS = {
    "mixed-records.jsonl:2": ("malformed", "Unterminated string starting at line 1, column 39"),
    "mixed-records.jsonl:3": ("no article", "record has no title and no text"),
    "mixed-records.jsonl:4": ("malformed", "expected a JSON object, found list"),
}


def _by_title(articles: list[Article]) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = {}
    for a in articles:
        out.setdefault(a.title, []).append(a)
    return out


# -- good inputs: one small real sample of each format --------------------------------


def test_every_good_sample_is_read_with_its_metadata() -> None:
    reading = read([GOOD])
    articles = _by_title(list(reading))
    assert reading.skipped == []
    assert {a.format for group in articles.values() for a in group} == {
        "html",
        "feed",
        "frontmatter",
        "json",
        "text",
    }

    page = next(a for a in articles[CORE_WEAVE] if a.format == "html")
    assert page.published == "2023-08-03T15:42:00+01:00"  # the page's time, with its zone
    assert page.publisher == "DatacenterDynamics"
    assert page.url.startswith("https://www.datacenterdynamics.com/en/news/coreweave")
    assert "Michael Intrator" in page.text
    # Navigation, cookie banner, share buttons, related links and footer are dropped,
    # and each paragraph keeps its own line.
    for furniture in ("Accept all cookies", "Subscribe", "Tweet", "Lambda Labs raises", "©"):
        assert furniture not in page.text
    assert "as collateral.\nThe deal was led by" in page.text

    [tpu] = articles["Google makes TPU v5e generally available on Google Cloud"]
    assert tpu.format == "feed" and not tpu.partial
    assert tpu.published == "2023-08-29T16:05:00-07:00"
    assert tpu.publisher == "The Chip Letter"
    assert tpu.topics == ("AI Hardware", "Google")
    assert "256 chips in a single pod.\nGoogle also said" in tpu.text

    [grid] = articles["Utilities warn AI data centers could strain the grid"]
    assert grid.published == "2023-09-11T14:30:00+02:00" and grid.publisher == "Grid & Compute"
    [nuclear] = articles["Microsoft signs nuclear power deal for Azure AI"]
    assert nuclear.partial  # only a summary in the feed

    [saudi] = articles["Saudi Arabia buys thousands of Nvidia chips for AI push"]
    assert saudi.published == "2023-08-14T11:20:00+01:00"
    assert saudi.topics == ("AI Hardware", "Geopolitics")
    [gaudi] = articles["Intel to sell Gaudi2 accelerators in China"]
    assert gaudi.published == "2023-07-11T09:00:00Z"  # epoch seconds in the export

    amd = next(a for a in articles[AMD] if a.format == "json")
    assert not amd.partial and "Lisa Su" in amd.text and "<p>" not in amd.text
    assert amd.publisher == "Example News"
    [tsmc] = articles["TSMC says AI chip packaging capacity tight until end-2024"]
    assert tsmc.partial and "18 months" in tsmc.text  # a description, no content

    [md] = articles["Why GPU clouds are borrowing against their chips"]
    assert md.published == "2023-08-07T09:15:00-04:00"
    assert md.publisher == "Compute Weekly" and md.topics == ("AI Hardware", "Finance")
    assert [r.title for r in md.related] == [CORE_WEAVE]


def test_other_encodings_are_read_correctly() -> None:
    [jupiter] = read([GOOD / "supercomputer-cp1252.txt"])
    assert jupiter.title == "Europe's supercomputers switch to Nvidia's Grace Hopper"
    assert "Jülich Supercomputing Centre" in jupiter.text and "2024 — a fraction" in jupiter.text
    assert jupiter.published == "2023-09-12" and jupiter.publisher == "Compute Weekly"
    assert "Share this" not in jupiter.text and "\r" not in jupiter.text

    [hbm] = read([GOOD / "hbm-utf16.txt"])
    assert hbm.title == "Samsung's HBM3 passes Nvidia's tests, reports say"
    assert hbm.published == "2023-10-04" and "SK Hynix" in hbm.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café “quotes” — 20€".encode("cp1252"), "Café “quotes” — 20€"),
        ("Zürich".encode("latin-1"), "Zürich"),
        ("\ufeffNvidia — H100".encode("utf-16"), "Nvidia — H100"),
        ("Nvidia — H100".encode("utf-16-le"), "Nvidia — H100"),  # no BOM
        ("Nvidia — H100".encode("utf-32"), "Nvidia — H100"),
        ("\ufeffNvidia".encode(), "Nvidia"),
        (
            "日本のニュース記事です。エヌビディアの株価が上昇した。".encode("shift_jis"),
            "エヌビディア",
        ),
        (
            b'<html><head><meta charset="windows-1251"></head><body>' + "Новости".encode("cp1251"),
            "Новости",
        ),
        ("Zürich and Genève. ".encode() * 30 + b"\xfc", "Zürich and Genève."),  # a stray byte
    ],
)
def test_decode_reads_the_encodings_people_have(data: bytes, expected: str) -> None:
    assert expected in decode("x.txt", data)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary file (PDF), not text"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (ZIP archive, or a DOCX/XLSX/EPUB), not text"),
        (b"\x1f\x8b\x08\x00\x00\x00", "binary file (gzip), not text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image), not text"),
        (b"text\x00\x01\x02\x03 with NULs\x00\x00\x00", "binary file (NUL bytes), not text"),
        (bytes(range(1, 32)) * 20, "binary file (control characters), not text"),
    ],
)
def test_binary_files_are_named_not_decoded(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        decode("upload.bin", data)
    assert str(caught.value) == f"upload.bin: {problem}"
    assert caught.value.kind == "binary"


def test_reader_is_chosen_by_content_not_only_by_name(tmp_path: Path) -> None:
    html = (GOOD / "gpu-cloud-page.html").read_bytes()
    rss = (GOOD / "ai-chips.rss").read_bytes()
    jsonl = (GOOD / "wire-stories.jsonl").read_bytes()
    for name, data, fmt in (
        ("saved-page.txt", html, "html"),
        ("download", rss, "feed"),
        ("export.txt", jsonl, "json"),
    ):
        (tmp_path / name).write_bytes(data)
        articles = list(read([tmp_path / name]))
        assert articles and {a.format for a in articles} == {fmt}, name


def test_markdown_and_other_page_shapes_read_as_plain_text() -> None:
    [note] = read_text(
        "# Nvidia beats estimates\n\n*March 3, 2024*\n\nNvidia said revenue rose 265%.\n\n"
        "Data center sales were $18.4bn.\n",
        "notes.md",
    )
    assert note.title == "Nvidia beats estimates" and note.published == "2024-03-03"
    assert note.text.endswith("Nvidia said revenue rose 265%.\nData center sales were $18.4bn.")

    [page] = read_text(
        "Skip to content\nThe Register\nMenu\nAMD's MI300X ships to Microsoft\n"
        "Tue 5 Dec 2023 // 17:30 UTC\nAMD said its MI300X accelerators are shipping to "
        "Microsoft Azure and Oracle.\nWe use cookies to improve your experience on our site\n"
        "The chips carry 192GB of HBM3.\nShare this\nAMD\nGPUs\n",
        "page.txt",
    )
    assert page.title == "AMD's MI300X ships to Microsoft"
    assert page.publisher == "The Register" and page.published == "2023-12-05T17:30:00Z"
    assert page.text.splitlines()[2:] == [
        "AMD said its MI300X accelerators are shipping to Microsoft Azure and Oracle.",
        "The chips carry 192GB of HBM3.",
    ]


@pytest.mark.parametrize(
    ("document", "title", "text", "url"),
    [
        (  # WordPress REST API
            {
                "title": {"rendered": "Cerebras &amp; G42 build Condor Galaxy"},
                "content": {"rendered": "<p>Cerebras built a 4 exaflop AI supercomputer.</p>"},
                "link": "https://example.org/condor-galaxy",
                "date": "2023-07-20T10:00:00",
            },
            "Cerebras & G42 build Condor Galaxy",
            "Cerebras built a 4 exaflop AI supercomputer.",
            "https://example.org/condor-galaxy",
        ),
        (  # The Guardian's content API
            {
                "response": {
                    "results": [
                        {
                            "webTitle": "Nvidia hits $1tn valuation",
                            "webUrl": "https://www.theguardian.example/nvidia-1tn",
                            "webPublicationDate": "2023-05-30T14:00:00Z",
                            "fields": {"bodyText": "Shares in Nvidia rose 4%."},
                        }
                    ]
                }
            },
            "Nvidia hits $1tn valuation",
            "Shares in Nvidia rose 4%.",
            "https://www.theguardian.example/nvidia-1tn",
        ),
    ],
)
def test_json_exports_with_nested_fields(document: dict, title: str, text: str, url: str) -> None:
    [article] = read_text(json.dumps(document), "export.json")
    assert (article.title, article.url) == (title, url)
    assert article.text == f"{title}\n\n{text}"
    assert article.published is not None


def test_a_bad_related_list_costs_only_that_list() -> None:
    items = read_bytes(
        b"---\ntitle: Arm files for IPO\nrelated: see below\n---\nArm filed.", "a.md"
    )
    assert [type(i).__name__ for i in items] == ["Skipped", "Article"]
    assert str(items[0]) == "a.md#related: related: is not a list of entries"


def test_standard_input_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (GOOD / "wire-stories.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    articles = list(read(["-"]))
    assert [a.source for a in articles] == ["<stdin>:1", "<stdin>:2"]


def test_standard_input_over_the_size_limit_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    reading = read(["-"], max_bytes=1000)
    assert list(reading) == []
    assert [str(s) for s in reading.skipped] == [
        "<stdin>: input is over the limit of 1,000 bytes (raise it with --max-bytes)"
    ]


# -- bad inputs -------------------------------------------------------------------------


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    """The committed bad inputs plus the ones a repository cannot hold."""
    folder = tmp_path / "bad"
    shutil.copytree(BAD, folder)
    with open(folder / "huge.txt", "wb") as handle:  # sparse: 60 MB on paper, none on disk
        handle.truncate(60 * 1024 * 1024)
    os.symlink(tmp_path / "gone.txt", folder / "dangling-link.txt")
    os.mkfifo(folder / "a-pipe")
    return folder


def test_every_bad_input_gets_one_clear_line_and_the_good_records_survive(
    bad_folder: Path,
) -> None:
    reading = read([bad_folder, bad_folder / "not-there.md"])
    articles = list(reading)
    assert [a.title for a in articles] == ["Broadcom wins Google TPU contract extension"]

    expected = {
        **{str(bad_folder / name): why for name, why in BAD_FILES.items()},
        **{str(bad_folder / where): why for where, why in BAD_RECORDS.items()},
        str(bad_folder / "huge.txt"): (
            "too large",
            "file is 62,914,560 bytes, over the limit of 52,428,800 (raise it with --max-bytes)",
        ),
        str(bad_folder / "dangling-link.txt"): ("unreadable", "cannot read: broken symbolic link"),
        str(bad_folder / "a-pipe"): ("unreadable", "not a regular file"),
        str(bad_folder / "not-there.md"): ("missing", "no such file or folder"),
    }
    got = {s.source: s for s in reading.skipped}
    assert len(got) == len(reading.skipped), "one line per bad input"
    assert set(got) == set(expected)
    for source, (kind, words) in expected.items():
        assert got[source].kind == kind, source
        assert words in got[source].problem, str(got[source])
        assert "\n" not in str(got[source])
    assert summarize(reading.skipped).startswith(f"{len(expected)} skipped: ")


def test_billion_laughs_is_refused_at_once() -> None:
    started = time.perf_counter()
    reading = read([BAD / "billion-laughs.xml"])
    assert list(reading) == []
    assert time.perf_counter() - started < 2
    assert reading.skipped[0].kind == "unsafe"


def test_entity_declarations_in_html_are_refused() -> None:
    bomb = (BAD / "billion-laughs.xml").read_text().replace("DOCTYPE rss", "DOCTYPE html")
    page = bomb.split("<rss")[0] + "<html><body><p>&lol9; Nvidia</p></body></html>"
    with pytest.raises(InputError, match="declares XML entities"):
        read_bytes(page.encode(), "bomb.html")


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    reading = read([GOOD / "gpu-cloud-page.html"], max_bytes=1024)
    assert list(reading) == []
    [skip] = reading.skipped
    assert skip.kind == "too large" and "over the limit of 1,024" in skip.problem


def test_cli_reads_good_and_bad_together_and_strict_fails(bad_folder: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(GOOD), str(bad_folder)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert len(skipped) == len(BAD_FILES) + len(BAD_RECORDS) + 3
    for name in BAD_FILES:
        assert sum(str(bad_folder / name) + ":" in line for line in skipped) == 1, name
    titles = [json.loads(line)["article"]["title"] for line in result.stdout.splitlines()]
    good = [a.title for a in read([GOOD])]
    assert sorted(titles) == sorted([*good, "Broadcom wins Google TPU contract extension"])

    strict = runner.invoke(main, ["extract", "--strict", str(bad_folder / "chart.png")])
    assert strict.exit_code != 0
    assert f"skipped {bad_folder / 'chart.png'}: binary file (PNG image), not text" in strict.stderr


# -- identity: the same article twice is one Article node, the fuller one ---------------


def test_duplicates_become_one_article_node_and_the_fuller_wins(extractor) -> None:
    from graph.pipeline import build_corpus

    result = build_corpus([GOOD], extractor=extractor)
    graph = result.graph
    nodes = {d["title"]: (n, d) for n, d in graph.nodes(data=True) if d["kind"] == "Article"}
    articles = list(read([GOOD]))
    assert len(nodes) == len({a.id for a in articles}) == len(articles) - 2

    # A related: entry (with a tracking parameter on its URL) and the full HTML page.
    node, page = nodes[CORE_WEAVE]
    assert not page["partial"] and page["source"].endswith("gpu-cloud-page.html")
    md, _ = nodes["Why GPU clouds are borrowing against their chips"]
    assert graph.has_edge(md, node) and graph.edges[md, node]["kind"] == "relatedTo"
    # The same URL in a feed (summary only) and in a JSON export (full text).
    _, amd = nodes[AMD]
    assert not amd["partial"] and amd["source"].endswith("newsapi-export.json#0")


def test_the_example_articles_still_read_as_before() -> None:
    reading = read([EXAMPLES])
    articles = list(reading)
    assert reading.skipped == []
    assert len(articles) == 9
    pages = {a.source.rsplit("/", 1)[1][:3]: a for a in articles if a.format == "text"}
    assert set(pages) == {"002", "003", "004"}
    assert all(a.title and a.publisher for a in pages.values())


# -- property-based: any bytes, any text -> articles or our own error -------------------

_PREFIXES = st.sampled_from(
    [
        "",
        "---\n",
        "---\ntitle: x\n---\n",
        "{",
        "[",
        '{"title": ',
        "<html><body><p>",
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>',
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',
        "<!DOCTYPE html [<!ENTITY a 'b'>]>",
    ]
)
_NAMES = st.sampled_from(["a.txt", "a.md", "a.json", "a.jsonl", "a.html", "a.rss", "a.xml", "-"])


def _check(items: list[Article | Skipped]) -> None:
    for item in items:
        assert isinstance(item, (Article, Skipped))
        if isinstance(item, Article):
            assert item.text and item.id.startswith("article/")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), name=_NAMES)
def test_any_bytes_give_articles_or_an_input_error(data: bytes, name: str) -> None:
    try:
        _check(read_bytes(data, name))
    except InputError as exc:
        assert exc.problem and "\n" not in exc.problem


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=_PREFIXES, text=st.text(max_size=2000), name=_NAMES)
def test_any_text_gives_articles_or_an_input_error(prefix: str, text: str, name: str) -> None:
    try:
        _check(read_bytes((prefix + text).encode(), name))
    except InputError as exc:
        assert exc.problem and "\n" not in exc.problem


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=1500))
def test_every_reader_survives_any_text(text: str) -> None:
    for reader in READERS:
        with contextlib.suppress(InputError):
            _check(list(reader.read("any.dat", text)))
