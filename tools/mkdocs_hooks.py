"""MkDocs hooks: the generated parts of pages, put in as the site is built (they come from the code itself, so the
documentation cannot drift from it): the field reference and the list of docgen check's rules."""

from __future__ import annotations


def on_page_markdown(markdown, page, config, files):  # noqa: ARG001  (MkDocs passes them all)
    if "<!-- docgen:reference -->" in markdown:
        from docgen.reference import reference_markdown

        markdown = markdown.replace("<!-- docgen:reference -->", reference_markdown())
    if "<!-- docgen:rules -->" in markdown:
        from docgen.reference import rules_markdown

        markdown = markdown.replace("<!-- docgen:rules -->", rules_markdown())
    return markdown
