"""The editor's view: HTML pages of cleaned articles, for the static report and the server.

One renderer serves both: ``cleanup fix --html DIR`` / ``cleanup report LOG --html DIR`` write
the pages to a folder, and ``cleanup serve`` renders the same templates for ``/review``.
"""

from .render import ArticleView, article_page, index_pages, review_index, write_report

__all__ = ["ArticleView", "article_page", "index_pages", "review_index", "write_report"]
