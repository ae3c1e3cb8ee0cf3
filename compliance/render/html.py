"""Document -> HTML: a whole self-contained page, or a fragment to paste into a website.

The fragment is one ``<section>`` without styles or scripts of its own, so it takes the
website's look; the page adds a small inline style sheet and loads nothing from outside.
"""

from __future__ import annotations

from html import escape

from compliance.documents.model import (
    BulletList,
    CheckboxList,
    Document,
    FactTable,
    Heading,
    Paragraph,
    SignatureBlock,
    runs,
)

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1f2328}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;
padding:.3rem .5rem;border-bottom:1px solid #c9d1d9}th{background:#f6f8fa;width:40%}
.notice{background:#fff4e5;border-left:4px solid #d97706;padding:.5rem .8rem}
.small,footer{font-size:.85rem;color:#59636e}
""".strip()


def _inline(text: str) -> str:
    parts = []
    for segment, bold in runs(text):
        html = escape(segment).replace("\n", "<br>")
        parts.append(f"<strong>{html}</strong>" if bold else html)
    return "".join(parts)


def _blocks(document: Document) -> list[str]:
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(block.level + 1, 6)
            out.append(f"<h{level}>{_inline(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            css = "" if block.style == "body" else f' class="{block.style}"'
            out.append(f"<p{css}>{_inline(block.text)}</p>")
        elif isinstance(block, BulletList):
            items = "".join(f"<li>{_inline(item)}</li>" for item in block.items)
            out.append(f"<ul>{items}</ul>")
        elif isinstance(block, CheckboxList):
            items = "".join(f"<li>☐ {_inline(item.label)}</li>" for item in block.items)
            out.append(f"<ul>{items}</ul>")
        elif isinstance(block, FactTable):
            caption = f"<caption>{_inline(block.caption)}</caption>" if block.caption else ""
            rows = "".join(
                f'<tr><th scope="row">{_inline(k)}</th><td>{_inline(v)}</td></tr>'
                for k, v in block.rows
            )
            out.append(f"<table>{caption}{rows}</table>")
        elif isinstance(block, SignatureBlock):
            continue  # a web page is not signed
    return out


def render_html_fragment(document: Document) -> bytes:
    """One ``<section>`` with the document's text, for a website's privacy page."""
    title = f"<h1>{_inline(document.title)}</h1>"
    body = "\n".join([title, *_blocks(document)])
    section = (
        f'<section class="privacy-notice" lang="{document.meta.language}">\n{body}\n</section>\n'
    )
    return section.encode("utf-8")


def render_html(document: Document) -> bytes:
    """A whole HTML page (no external requests)."""
    subtitle = f'<p class="small">{_inline(document.subtitle)}</p>' if document.subtitle else ""
    footer = escape(
        document.meta.footer.split(" · Seite")[0].split(" · page")[0].split(" · Page")[0]
    )
    body = "\n".join([f"<h1>{_inline(document.title)}</h1>", subtitle, *_blocks(document)])
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{document.meta.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n<footer>{footer}</footer>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
