import Testing

@testable import GazetteWeb

/// Small pages written for these tests (no third-party text): a news page with every kind of furniture, a page with
/// JSON-LD and Open Graph metadata, a page nested deeper than libxml2's default limit, and a page with no container.
@Suite struct ArticleExtractorTests {
    static let newsPage = #"""
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Tidewater Courier</title>
<meta property="og:site_name" content="The Tidewater Courier">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2026-03-14T08:30:00Z">
<link rel="canonical" href="/news/harbour-bridge-reopens">
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. Accept all cookies?</p><button>Accept</button></div>
<header class="site-header"><a href="/">The Tidewater Courier</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
</header>
<div id="page">
<article class="story">
<h1>Harbour bridge reopens after repairs</h1>
<p class="byline">By Mara Quill</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<div class="story-body">
<p>The old swing bridge over Tidewater harbour reopened on Saturday morning, three months after a barge struck one of its piers and cracked the gearing that turns the span.</p>
<p>Engineers replaced the damaged gear ring, rebuilt the pier's fender and tested the span forty times, the harbour board said, before letting the first cars across at dawn.</p>
<h2>Ferries return to the timetable</h2>
<p>The temporary ferry, which carried about two thousand people a day while the bridge was shut, will stop running on Friday. Its crew, the board added, will go back to the island route.</p>
<ul><li>Cyclists may use the bridge again from Monday.</li><li>Lorries over twenty tonnes remain barred until May.</li></ul>
<blockquote><p>We are glad to give the town its bridge back, and sorry it took so long.</p></blockquote>
<p>Advertisement</p>
</div>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Barge owner fined</a></li><li><a href="/b">Harbour board elects chair</a></li></ul></aside>
<section id="comments"><h3>Comments (2)</h3><div class="comment"><p>Finally! I have been driving around the estuary for months, it added an hour every day.</p></div><div class="comment"><p>Forty tests seems like a lot, but better safe than sorry, I suppose.</p></div></section>
</div>
<footer><p>Copyright 2026 The Tidewater Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""#

    @Test func newsPageKeepsTheArticleAndDropsTheFurniture() {
        let article = ArticleExtractor().extract(html: Self.newsPage, url: "https://courier.example/news/today")
        #expect(article.text == """
            Harbour bridge reopens after repairs
            The old swing bridge over Tidewater harbour reopened on Saturday morning, three months after a barge struck \
            one of its piers and cracked the gearing that turns the span.
            Engineers replaced the damaged gear ring, rebuilt the pier's fender and tested the span forty times, the \
            harbour board said, before letting the first cars across at dawn.
            Ferries return to the timetable
            The temporary ferry, which carried about two thousand people a day while the bridge was shut, will stop \
            running on Friday. Its crew, the board added, will go back to the island route.
            Cyclists may use the bridge again from Monday.
            Lorries over twenty tonnes remain barred until May.
            We are glad to give the town its bridge back, and sorry it took so long.
            """)
        #expect(article.title == "Harbour bridge reopens after repairs")
        #expect(article.authors == ["Mara Quill"])
        #expect(article.publishedDate == "2026-03-14T08:30:00Z")
        #expect(article.canonicalURL == "https://courier.example/news/harbour-bridge-reopens")
        #expect(article.siteName == "The Tidewater Courier")
        #expect(article.language == "en-GB")
    }

    @Test func wholeModeKeepsEveryVisibleLine() {
        let text = ArticleExtractor(mode: .whole).extract(html: Self.newsPage).text
        #expect(text.hasPrefix("We use cookies to improve your experience. Accept all cookies?\nThe Tidewater Courier\nNews\nSport\n"))
        #expect(text.contains("Forty tests seems like a lot"))
        #expect(text.hasSuffix("Copyright 2026 The Tidewater Courier. All rights reserved.\nPrivacy"))
    }

    static let linkedDataPage = #"""
<html>
<head>
<meta property="og:title" content="A quiet year for the lighthouse keepers">
<meta property="og:url" content="https://example.org/stories/lighthouse">
<meta property="og:locale" content="en_US">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Coastal Notes"},
 {"@type": "NewsArticle", "headline": "A quiet year for the lighthouse keepers",
  "datePublished": "2025-11-02", "inLanguage": "en-US",
  "author": [{"@type": "Person", "name": "Ines Varga"}, {"@type": "Person", "name": "Tom Okafor"}],
  "publisher": {"@type": "Organization", "name": "Coastal Notes"}}]}
</script>
<script>var tracking = "ignored text";</script>
<style>p { color: red }</style>
</head>
<body>
<div class="menu"><a href="/">Home</a> | <a href="/archive">Archive</a></div>
<div class="post-content">
<p>Only two ships needed the light's warning this year, the keepers wrote in their annual log, the fewest since records began in 1887.</p>
<p>They spent the long evenings painting the stairwell, repairing the fog horn and, in their own words, "listening to the weather argue with itself".</p>
<p>The lamp will be switched to solar power next spring, and the keepers will then move to the mainland.</p>
</div>
</body>
</html>
"""#

    @Test func metadataFromJSONLDAndOpenGraph() {
        let article = ArticleExtractor().extract(html: Self.linkedDataPage)
        #expect(article == ExtractedArticle(
            title: "A quiet year for the lighthouse keepers",
            text: """
                A quiet year for the lighthouse keepers
                Only two ships needed the light's warning this year, the keepers wrote in their annual log, the fewest \
                since records began in 1887.
                They spent the long evenings painting the stairwell, repairing the fog horn and, in their own words, \
                "listening to the weather argue with itself".
                The lamp will be switched to solar power next spring, and the keepers will then move to the mainland.
                """,
            publishedDate: "2025-11-02",
            authors: ["Ines Varga", "Tom Okafor"],
            canonicalURL: "https://example.org/stories/lighthouse",
            siteName: "Coastal Notes",
            language: "en-US"))
    }

    @Test func pageNestedDeeperThanLibXML2sDefaultLimit() {
        let depth = 300
        let html = "<html><head><title>Deep page</title></head><body>" + String(repeating: "<div>", count: depth)
            + "<p>This paragraph sits three hundred levels down, below the parser's default depth limit, and is found.</p>"
            + "<p>A second paragraph, just as deep, says that nesting alone does not hide an article.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        #expect(ArticleExtractor().extract(html: html).text == """
            Deep page
            This paragraph sits three hundred levels down, below the parser's default depth limit, and is found.
            A second paragraph, just as deep, says that nesting alone does not hide an article.
            """)
        // Deeper than the parser's flattening depth: the text is kept, the extra levels are not.
        let flat = HTMLParser(maximumDepth: 10).parse(html)
        var deepest = 0
        func measure(_ element: HTMLElement, _ depth: Int) {
            deepest = max(deepest, depth)
            for child in element.elementChildren { measure(child, depth + 1) }
        }
        measure(flat.root, 1)
        #expect(deepest == 10)
        #expect(flat.root.rawText.contains("says that nesting alone"))
    }

    static let plainPage = #"""
<html><head><title>Notes</title></head>
<body>
Meeting notes, written in a hurry and never wrapped in paragraphs.<br>
The committee agreed to repaint the village hall before the summer fair.<br>
<b>Next meeting:</b> the first Tuesday of June, in the library.
</body></html>
"""#

    @Test func pageWithoutContainerKeepsItsLines() {
        let article = ArticleExtractor().extract(html: Self.plainPage)
        #expect(article.text == """
            Notes
            Meeting notes, written in a hurry and never wrapped in paragraphs.
            The committee agreed to repaint the village hall before the summer fair.
            Next meeting: the first Tuesday of June, in the library.
            """)
        #expect(article.authors.isEmpty && article.publishedDate == nil && article.canonicalURL == nil)
    }

    static let chunkedPage = #"""
<html><head><title>Council votes to keep the night buses | Valley Post</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<main><div class="layout"><div class="story">
<h1>Council votes to keep the night buses</h1>
<div class="story-text">
<p>The district council voted on Tuesday to keep the three night bus routes that the transport committee had proposed to cut, after a petition signed by four thousand residents.</p>
<p>Nurses, bakers and cleaners who work late shifts told the council that the buses are their only way home, and several members said the savings would be small.</p>
</div>
<div class="slot"><div class="ad-slot"><p>Advertisement</p></div></div>
<div class="story-text">
<p>The routes will now be reviewed again next year, when the new bus contract is signed, and the committee has promised to publish passenger numbers for every night service.</p>
</div>
</div></div></main>
<footer><p>Valley Post, 12 Mill Lane.</p></footer>
</body></html>
"""#

    @Test func storyCutIntoChunksByAnAdvertisement() {
        #expect(ArticleExtractor().extract(html: Self.chunkedPage).text == """
            Council votes to keep the night buses
            The district council voted on Tuesday to keep the three night bus routes that the transport committee had \
            proposed to cut, after a petition signed by four thousand residents.
            Nurses, bakers and cleaners who work late shifts told the council that the buses are their only way home, \
            and several members said the savings would be small.
            The routes will now be reviewed again next year, when the new bus contract is signed, and the committee has \
            promised to publish passenger numbers for every night service.
            """)
    }

    @Test func emptyPage() {
        #expect(ArticleExtractor().extract(html: "") == ExtractedArticle(text: ""))
    }
}
