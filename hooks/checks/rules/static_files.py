"""KB417 file-type and KB418 unsafe-svg: which files of docs/ that are not articles may be published.

MkDocs copies every other file of docs/ to the site as it is. A web page, an XML file or a
script copied that way runs with the site's own address when a reader opens it, so it could
read the reader's data for the site or register a service worker that takes over its other
pages. The site therefore publishes only types a writer needs: images, PDFs, and, under
docs/assets/, the site's own stylesheets, scripts and fonts. An SVG is an XML document that
a browser runs as a page when it is opened directly, so it is read first (KB418).

The build and the writers' command both ask `static_findings`, which reads nothing from the
disk itself: it is given the path under docs/ and a way to read the file's bytes, used for an
SVG only.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import PurePosixPath
from typing import Callable
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import InputSource

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.expatreader import create_parser

from hooks.checks.findings import FILE, Finding, rule
from hooks.checks.rules.nav import NAV_FILE

KB417, KB418 = "KB417", "KB418"
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg")
# Anywhere under docs/: what an article shows or offers for download.
PUBLISHED_TYPES = frozenset((*IMAGE_TYPES, ".pdf"))
# Only under docs/assets/: the site's own look and behaviour, which mkdocs.yml names.
ASSET_TYPES = frozenset((".css", ".js", ".woff", ".woff2", ".ttf", ".otf"))
ASSETS = "assets/"
# GitHub Pages reads the custom domain from a CNAME file at the top of the site. It is one line
# of plain text with no file type, so a browser shows it as text and never runs it.
ROOT_FILES = frozenset(("CNAME",))
# The file types MkDocs reads as articles (mkdocs.utils.markdown_extensions).
MARKDOWN_TYPES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


SVG_NS = "http://www.w3.org/2000/svg"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Drawing editors keep their settings in these namespaces; a browser shows none of it.
EDITOR_NAMESPACES = frozenset((
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
))
# The SVG elements an image may use: shapes, text, paint servers, filters, structure and
# animation. Not on the list, so refused: script, foreignObject, handler, listener, iframe,
# video, audio, canvas, cursor, font and whatever SVG adds later.
ANIMATIONS = frozenset(("animate", "animateMotion", "animateTransform", "set"))
SVG_ELEMENTS = ANIMATIONS | frozenset((
    "a", "circle", "clipPath", "defs", "desc", "ellipse", "g", "image", "line", "linearGradient", "marker",
    "mask", "metadata", "mpath", "path", "pattern", "polygon", "polyline", "radialGradient", "rect", "stop",
    "style", "svg", "switch", "symbol", "text", "textPath", "title", "tspan", "use", "view", "filter",
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
    "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG",
    "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
))
XML_ATTRIBUTES = frozenset(("space", "lang"))  # xml:base would send even "#id" references elsewhere
# A CSS function and what follows its opening bracket; `url(` may only name a "#fragment".
CSS_FUNCTION_RE = re.compile(r"(?i)([a-z-]+)\(\s*['\"]?\s*(.?)")
# CSS functions that take a file's address in a quoted string, not in url().
CSS_FETCHING = frozenset(("image-set", "-webkit-image-set", "image", "cross-fade", "src", "element"))
FIX_SVG = "export the image again as plain SVG, or save it as PNG"


@rule(KB417, "file-type", "A file in docs/ is of a type the site does not publish (it publishes articles, "
                          "images and PDFs, and CSS, JS and fonts under docs/assets/): a web page or script "
                          "would run with the site's own address.",
      tests="tests/test_rules_static_files.py", reads=FILE)
@rule(KB418, "unsafe-svg", "An SVG image holds script, an event handler, a `<foreignObject>` or a reference "
                           "to another file, or cannot be read as plain SVG: opened on its own, it is a page "
                           "that could run code or fetch from elsewhere.",
      tests="tests/test_rules_static_files.py", reads=FILE)
def static_findings(path: str, read: Callable[[], bytes]) -> list[Finding]:
    """KB417 when a file at `path` under docs/ is of a type the site does not publish; KB418 when it
    is an SVG that is not safe to open (`read` gives its bytes). Empty: publish the file."""
    name = PurePosixPath(path).name
    suffix = PurePosixPath(path).suffix.lower()
    if suffix == ".svg":
        return svg_findings(read())
    if suffix in PUBLISHED_TYPES or (suffix in ASSET_TYPES and path.startswith(ASSETS)):
        return []
    if name == NAV_FILE or path in ROOT_FILES:
        return []
    return [Finding(1, 1, KB417, type_problem(path, suffix))]


def type_problem(path: str, suffix: str) -> str:
    """What is wrong with a file of a type the site does not publish, and what to do."""
    if suffix in ASSET_TYPES:
        return (f'a "{suffix}" file is published only from docs/{ASSETS}, where the site\'s own stylesheets, '
                "scripts and fonts live; move it there if the site needs it, or delete it")
    kind = f'"{suffix}" files' if suffix else "files without a type"
    if suffix in (".html", ".htm", ".xhtml", ".xml", ".php", ".shtml"):
        kind = f"{kind} are pages that would run their own script on the site, so they"
    return (f"{kind} are not published from docs/ (only articles, images: {' '.join(IMAGE_TYPES)}, PDFs, "
            f"and CSS, JS and fonts under docs/{ASSETS}); write it as a Markdown article, or delete it")


def is_static(path: str) -> bool:
    """True for a file under docs/ that is neither an article nor a folder's navigation file."""
    name = PurePosixPath(path).name
    return name != NAV_FILE and not name.lower().endswith(MARKDOWN_TYPES)


def published(path: str) -> bool:
    """False for what MkDocs never publishes by default: names starting with "." and docs/templates/."""
    return not path.startswith("templates/") and not any(part.startswith(".") for part in path.split("/"))


class UnsafeSvg(Exception):
    """The first reason an SVG is refused, at the line and column of the element that holds it."""

    def __init__(self, line: int, col: int, problem: str):
        super().__init__(problem)
        self.finding = Finding(line, col, KB418, problem)


class SvgReader(ContentHandler):
    """Reads an SVG's elements in order and stops at the first one that is not allowed."""

    def __init__(self, parser):
        super().__init__()
        self.parser = parser
        self.depth = 0
        self.style: list[str] | None = None  # the text of the open <style> element
        self.style_at = (1, 1)

    def place(self) -> tuple[int, int]:
        """Where the parser is: the start of the element it is reporting, counted from 1."""
        return self.parser.getLineNumber(), self.parser.getColumnNumber() + 1

    def refuse(self, problem: str, at: tuple[int, int] | None = None):
        raise UnsafeSvg(*(at or self.place()), problem)

    def processingInstruction(self, target, data):
        self.refuse(f"<?{target} ...?> asks the browser to load or run another file; delete it")

    def startElementNS(self, name, qname, attrs):  # qname is None: expat gives no prefixes
        uri, local = name
        if self.depth == 0 and name != (SVG_NS, "svg"):
            self.refuse(f'the file\'s first element is <{local}>, not <svg xmlns="{SVG_NS}">; {FIX_SVG}')
        self.depth += 1
        if uri not in EDITOR_NAMESPACES and not (uri == SVG_NS and local in SVG_ELEMENTS):
            self.refuse(element_problem(uri, local))
        for (attr_uri, attr_local), value in attrs.items():
            if problem := attribute_problem(attr_uri, attr_local, value, css=attr_uri is None):
                self.refuse(f"<{local}> {problem}")
        if uri == SVG_NS and local in ANIMATIONS:
            target = attrs.get((None, "attributeName"), "").rpartition(":")[2].lower()
            if target == "href" or target.startswith("on"):
                self.refuse(f'<{local}> changes the attribute "{target}", which could make a link or run '
                            "script; animate a drawing attribute, or delete the animation")
        if (uri, local) == (SVG_NS, "style"):
            self.style, self.style_at = [], self.place()

    def characters(self, content):
        if self.style is not None:
            self.style.append(content)

    def endElementNS(self, name, qname):
        self.depth -= 1
        if self.style is not None and name == (SVG_NS, "style"):
            text, self.style = "".join(self.style), None
            if problem := css_problem(text):
                self.refuse(f"<style> {problem}", self.style_at)


def element_problem(uri: str | None, local: str) -> str:
    """Why an element is refused, and what to do."""
    if local == "script":
        return f"<{local}> holds script, which runs when the image is opened on its own; {FIX_SVG}"
    if local == "foreignObject":
        return f"<{local}> holds a web page inside the image, which can run script; {FIX_SVG}"
    if uri is None:
        return f'<{local}> is not in the SVG namespace; add xmlns="{SVG_NS}" to <svg>, or {FIX_SVG}'
    return f"<{local}> is not one of the SVG drawing elements an image may use; {FIX_SVG}"


def attribute_problem(uri: str | None, local: str, value: str, css: bool) -> str | None:
    """Why an attribute is refused (an event handler, a reference out of the file, xml:base, CSS
    that fetches), or None. `css`: the value may be read as CSS (any attribute without a namespace)."""
    if local.lower().startswith("on"):
        return f'has the event handler "{local}", which runs script; delete the attribute'
    if local == "href" and not value.strip().startswith("#"):
        return (f'refers to "{value[:80]}", outside the image; keep only references to "#id" inside it '
                "(put a picture in the image itself, or show it beside the image in the article)")
    if uri == XML_NS and local not in XML_ATTRIBUTES:
        return f'has xml:{local}, which changes where the image\'s references lead; delete the attribute'
    problem = css_problem(value) if css else None
    return f'"{local}" {problem}' if problem else None


def css_problem(css: str) -> str | None:
    """Why CSS in an SVG is refused (it fetches another file, or hides a name with escapes), or None."""
    if "\\" in css:
        return "has a CSS escape (a backslash), which can hide a reference to another file; write it without one"
    if "@import" in css.lower():
        return "imports another stylesheet; delete the @import"
    for function, first in CSS_FUNCTION_RE.findall(css):
        name = function.lower()
        if (name == "url" and first != "#") or name in CSS_FETCHING:
            return (f"loads another file with {name}(); refer only to \"#id\" inside the image, "
                    "e.g. fill: url(#gradient)")
    return None


def svg_findings(data: bytes) -> list[Finding]:
    """KB418 for the first thing in an SVG that is not allowed, at its line and column; [] for a safe one.

    It is read with defusedxml, which expands no entity and fetches nothing, and with DTDs
    refused outright; and a file is refused, never cleaned, so nothing a hostile file holds is
    rewritten and published.
    """
    parser = create_parser(forbid_dtd=True)
    parser.setFeature(feature_namespaces, True)
    reader = SvgReader(parser)
    parser.setContentHandler(reader)
    source = InputSource()
    source.setByteStream(BytesIO(data))
    try:
        parser.parse(source)
    except UnsafeSvg as unsafe:
        return [unsafe.finding]
    except SAXParseException as error:
        return [Finding(error.getLineNumber(), error.getColumnNumber() + 1, KB418,
                        f"the file is not well-formed XML ({error.getMessage()}), so it cannot be checked; "
                        f"{FIX_SVG}")]
    except DefusedXmlException as error:
        return [Finding(*reader.place(), KB418, defused_problem(error))]
    except LookupError as error:  # an encoding Python does not know
        return [Finding(1, 1, KB418, f"the file is in an unknown text encoding ({error}); {FIX_SVG}")]
    return []


def defused_problem(error: DefusedXmlException) -> str:
    """What defusedxml refused to read, and what to do."""
    if isinstance(error, DTDForbidden):
        return "the file has a <!DOCTYPE>, which the checks do not read; delete that line (browsers do not need it)"
    if isinstance(error, EntitiesForbidden):
        return f'the file declares the entity "{error.name}", which the checks do not expand; {FIX_SVG}'
    return f"the file refers to another file in its XML ({error.__class__.__name__}); {FIX_SVG}"
