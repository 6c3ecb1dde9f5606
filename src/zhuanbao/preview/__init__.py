"""`zhuanbao preview`: the issue's pages in a browser, laid out again on every save.

pipeline.py keeps one long-lived render (fonts loaded once, articles cached by
../articlecache.py), watch.py notices saves, server.py serves a fixed set of routes from
memory, page.html is the page the editor sees.
"""
