filedesc://crawl.arc 0.0.0.0 20260102030405 text/plain 70
1 0 Example
URL IP-address Archive-date Content-type Archive-length

https://example.org/a 10.0.0.1 20260102030405 text/html 475
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8

<html><head><meta charset="utf-8"><title>Harbour reopens</title><meta property="og:site_name" content="Example Post"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Harbour reopens</h1><p>The port of Valletta reopened on Friday after a storm, the transport minister said.</p><p>Ferries to Sicily resume next week.</p></article><footer>Copyright Example Post</footer></body></html>
