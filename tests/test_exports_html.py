"""The HTML view, driven in headless Chromium: counts, search, filters, panel, safety."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from exports.html import HtmlExportError, importance, layout, render_html, write_html

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
XSS_TITLE = "<img src=x onerror=alert(1)>"
XSS_CLAIM = "</script><script>window.pwned = 1</script> Nvidia will ship 1m H100s"


def _entity(g: nx.DiGraph, node: str, kind: str, label: str, **extra: object) -> None:
    g.add_node(
        node,
        kind=kind,
        label=label,
        aliases=list(extra.pop("aliases", [])),
        wikidata=extra.pop("wikidata", ""),
        mentions=extra.pop("mentions", 1),
        articles=extra.pop("articles", 1),
        generic=False,
        description=extra.pop("description", ""),
        first_seen="2024-01-02",
        last_seen="2024-03-04",
    )


def _article(g: nx.DiGraph, node: str, title: str, url: str, date: str) -> None:
    g.add_node(
        node,
        kind="Article",
        label=title,
        title=title,
        url=url,
        published=date,
        publisher="Reuters",
        source=f"{node}.txt",
        topics=[],
        partial=False,
    )
    g.add_edge(node, "publisher/reuters", kind="publishedBy", weight=1)


def small_graph() -> nx.DiGraph:
    """A graph of the build contract: 3 articles, 7 entities, a publisher and a claim."""
    g = nx.DiGraph(name="test")
    g.add_node("publisher/reuters", kind="Publisher", label="Reuters")
    _article(g, "article/a1", XSS_TITLE, "https://news.example/a1", "2024-01-02")
    _article(g, "article/a2", "Chips & power", "javascript:alert(2)", "2024-02-03")
    _article(g, "article/a3", "Taiwan's fabs", "https://news.example/a3", "2024-03-04")
    _entity(
        g,
        "company/nvidia",
        "Company",
        "Nvidia",
        aliases=["NVIDIA Corp", "Team Green"],
        wikidata="Q182477",
        mentions=9,
        articles=3,
        description="American chip designer",
    )
    _entity(g, "company/openai", "Company", "OpenAI", mentions=4, articles=2)
    _entity(g, "person/sam-altman", "Person", "Sam Altman", aliases=["Altman"], mentions=3)
    _entity(g, "chip/h100", "Chip", "H100", aliases=["Hopper"], mentions=5, articles=2)
    _entity(g, "product/chatgpt", "Product", "ChatGPT", mentions=2)
    _entity(g, "organization/iea", "Organization", "International Energy Agency", mentions=1)
    _entity(g, "place/taiwan", "Place", "Taiwan", aliases=["Formosa"], mentions=1)
    mentions = {
        "article/a1": ["company/nvidia", "company/openai", "person/sam-altman", "chip/h100"],
        "article/a2": ["company/nvidia", "chip/h100", "product/chatgpt", "company/openai"],
        "article/a3": ["company/nvidia", "organization/iea", "place/taiwan"],
    }
    for art, ents in mentions.items():
        for e in ents:
            g.add_edge(art, e, kind="mentions", weight=2, count=2, offsets=[[0, 6], [10, 16]])
    pairs: dict[tuple[str, str], list[str]] = {}
    for art, ents in mentions.items():
        for i, u in enumerate(sorted(ents)):
            for v in sorted(ents)[i + 1 :]:
                pairs.setdefault((u, v), []).append(art)
    for (u, v), arts in pairs.items():
        g.add_edge(u, v, kind="coMentionedWith", weight=len(arts), evidence=arts, first="", last="")
    g.add_node(
        "claim/c1",
        kind="Claim",
        label="Nvidia will ship 1m H100s",
        text=XSS_CLAIM,
        claim_kind="prediction",
        article="article/a1",
        start=0,
        end=80,
        quantities=[{"text": "1m", "value": 1000000, "unit": "", "per": ""}],
    )
    g.add_edge("claim/c1", "article/a1", kind="statedIn", weight=1, start=0, end=80)
    g.add_edge("person/sam-altman", "claim/c1", kind="claims", weight=1)
    g.add_edge("claim/c1", "company/nvidia", kind="about", weight=1)
    g.add_edge("claim/c1", "chip/h100", kind="about", weight=1)
    return g


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Session:
    """One page, with every request, console message, dialog and page error recorded."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=15000)

    def js(self, expr: str, arg: object = None) -> object:
        return self.page.evaluate(expr, arg)

    def drawn(self) -> list[str]:
        """IDs of the nodes drawn now."""
        return self.js(
            "() => { const d = JSON.parse(document.getElementById('graph-data').textContent);"
            " return window.newsgraph.nodes.getIds().map(i => d.nodes[i].id); }"
        )

    def counts(self) -> tuple[int, int, int, int]:
        text = self.page.inner_text("#counts")
        m = re.fullmatch(r"showing (\d+) of (\d+) nodes, (\d+) of (\d+) edges", text)
        assert m, text
        return tuple(int(x) for x in m.groups())

    def screen_xy(self, index: int) -> tuple[float, float]:
        """Where node ``index`` (vis id) is on the screen."""
        return self.js(
            "(i) => { const n = window.newsgraph.network;"
            " const p = n.canvasToDOM(n.getPositions([i])[i]);"
            " const b = document.getElementById('graph').getBoundingClientRect();"
            " return [p.x + b.left, p.y + b.top]; }",
            index,
        )

    def index_of(self, node: str) -> int:
        return self.js(
            "(id) => JSON.parse(document.getElementById('graph-data').textContent)"
            ".nodes.findIndex(n => n.id === id)",
            node,
        )


@pytest.fixture
def graph() -> nx.DiGraph:
    return small_graph()


def open_page(browser: Browser, graph: nx.DiGraph, tmp_path: Path, **opts: object) -> Session:
    path = write_html(graph, tmp_path / "graph.html", **opts)
    return Session(browser, path)


def test_counts_match_the_graph_and_the_page_is_offline(browser, graph, tmp_path):
    s = open_page(browser, graph, tmp_path, max_nodes=6)
    rank = importance(graph)
    top = sorted(graph, key=lambda n: -rank[n])[:6]
    shown, total, shown_edges, total_edges = s.counts()
    assert (total, total_edges) == (graph.number_of_nodes(), graph.number_of_edges())
    assert s.js("window.newsgraph.total") == {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
    }
    assert shown == 6 and sorted(s.drawn()) == sorted(top)
    assert shown_edges == graph.subgraph(top).number_of_edges()
    assert s.requests == [s.url]
    assert s.errors == []


def test_search_by_alias_reveals_a_hidden_node_and_opens_its_panel(browser, graph, tmp_path):
    s = open_page(browser, graph, tmp_path, max_nodes=4)
    assert "place/taiwan" not in s.drawn()
    s.page.fill("#search", "formosa")
    assert "Taiwan" in s.page.inner_text("#results")
    s.page.keyboard.press("Enter")
    assert "place/taiwan" in s.drawn()
    assert s.js("window.newsgraph.network.getSelectedNodes()") == [s.index_of("place/taiwan")]
    panel = s.page.inner_text("#panel")
    assert "Taiwan" in panel and "Formosa" in panel and "Taiwan's fabs" in panel
    assert s.counts()[0] > 4
    assert s.errors == []


def test_clicking_a_node_shows_its_details_claims_and_links(browser, graph, tmp_path):
    s = open_page(browser, graph, tmp_path)
    x, y = s.screen_xy(s.index_of("company/nvidia"))
    s.page.mouse.click(x, y)
    assert not s.page.is_hidden("#panel")
    panel = s.page.inner_text("#panel")
    for text in ("Nvidia", "Company", "NVIDIA Corp", "Team Green", "American chip designer"):
        assert text in panel
    assert s.page.get_attribute("#panel a[href*=wikidata]", "href") == (
        "https://www.wikidata.org/wiki/Q182477"
    )
    # The articles that mention it, linked; an unsafe URL is shown as text, not a link.
    assert "Mentioned in (3)" in panel and "Chips & power" in panel
    hrefs = s.page.eval_on_selector_all("#panel a[href]", "as => as.map(a => a.href)")
    assert "https://news.example/a1" in hrefs
    assert not any(h.startswith("javascript:") for h in hrefs)
    # Its claims, with the sentence and the speaker.
    assert XSS_CLAIM in panel and "Sam Altman" in panel and "prediction" in panel
    # The neighbourhood stays bright, the rest is dimmed.
    dim = s.js("() => window.newsgraph.nodes.get().filter(n => n.opacity < 1).map(n => n.id)")
    assert dim == [s.index_of("publisher/reuters")]  # the only node not linked to Nvidia
    assert s.errors == []


def test_a_type_filter_and_the_weight_filter_hide_what_they_say(browser, graph, tmp_path):
    s = open_page(browser, graph, tmp_path)
    before = s.counts()
    s.page.uncheck("#legend input[data-kind=Company]")
    assert not {"company/nvidia", "company/openai"} & set(s.drawn())
    assert s.counts()[0] == before[0] - 2
    s.page.check("#legend input[data-kind=Company]")
    assert s.counts() == before
    s.page.fill("#min-weight", "2")
    heavy = [1 for *_, w in graph.edges(data="weight") if w >= 2]
    assert s.counts()[2] == len(heavy) < before[2]
    assert s.errors == []


def test_hovering_an_edge_shows_kind_weight_and_evidence(browser, graph, tmp_path):
    s = open_page(browser, graph, tmp_path)
    a, b = s.index_of("company/nvidia"), s.index_of("chip/h100")
    (x1, y1), (x2, y2) = s.screen_xy(a), s.screen_xy(b)
    # Walk along the edge until the tooltip names it (nodes may cover its ends).
    for t in (0.5, 0.4, 0.6, 0.3, 0.7):
        s.page.mouse.move(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
        s.page.wait_for_timeout(150)
        if not s.page.is_hidden("#tip") and "coMentionedWith" in s.page.inner_text("#tip"):
            break
    tip = s.page.inner_text("#tip")
    assert "coMentionedWith" in tip and "weight 2" in tip
    assert XSS_TITLE in tip and "Chips & power" in tip


def test_script_in_article_text_or_title_is_shown_not_run(browser, graph, tmp_path):
    s = open_page(browser, graph, tmp_path, title=XSS_TITLE + "</title><script>alert(3)</script>")
    s.page.fill("#search", "<img")
    s.page.keyboard.press("Enter")
    s.page.wait_for_timeout(300)
    assert XSS_TITLE in s.page.inner_text("#panel")
    assert XSS_TITLE in s.page.inner_text("h1")
    assert s.js("window.pwned === undefined") is True
    assert s.js("document.querySelectorAll('img').length") == 0
    assert s.dialogs == [] and s.errors == []
    assert s.requests == [s.url]


def test_the_page_is_one_file_with_nothing_to_fetch(graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_html(graph, tmp_path / "out.html", title="Q & A")
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]  # no lib/ folder
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<title>Q &amp; A</title>" in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "Content-Security-Policy" in page
    assert XSS_TITLE not in page  # data is JSON with < escaped, so never markup


def test_max_nodes_must_be_positive(graph):
    with pytest.raises(HtmlExportError, match="max_nodes=0"):
        render_html(graph, max_nodes=0)


def test_layout_places_every_node_apart_and_repeatably():
    g = nx.barabasi_albert_graph(1500, 2, seed=3).to_directed()
    rank = importance(g)
    core = sorted(g, key=lambda n: -rank[n])[:200]
    pos = layout(g, core)
    assert set(pos) == set(g)
    assert len({(round(x), round(y)) for x, y in pos.values()}) > 0.95 * len(g)
    assert layout(g, core) == pos


def test_build_writes_the_page_for_the_example_articles(browser, built_store, example_graph):
    s = Session(browser, built_store / "graph.html")
    _, total, _, total_edges = s.counts()
    assert (total, total_edges) == (
        example_graph.number_of_nodes(),
        example_graph.number_of_edges(),
    )
    assert s.requests == [s.url] and s.errors == []
