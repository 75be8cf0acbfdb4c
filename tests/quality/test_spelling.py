"""Every built page is spell-checked in its own language with hunspell.

What is checked
    The visible text of every built page in both languages: the ``<title>``, the page description,
    the header, the navigation, the article, the footer and the text the browser shows from
    attributes (``alt``, ``title``, ``aria-label``, ``placeholder``), plus the SVG ``<title>`` and
    ``<desc>`` that screen readers read. On the calculator pages, the strings the script shows later
    (the ``strings`` and ``reference_labels`` of ``<script id="bfr-calculator-data">``) are checked
    too. Hidden calculator parts (errors, the other method's fields) are checked: they are shown
    on demand. ``<script>``, ``<style>``, ``<code>``, ``<pre>``, ``<kbd>`` and ``<samp>`` are not.

Every string
    Every string of ``calculators/strings.json`` is checked in both languages on its own, whether
    or not a built page ships it, so a message the tools show only in a rare case (an error, one
    screening outcome) is checked as well as the text of the pages.

Language
    Text is checked in the language of the page (``<html lang>``), unless an element says
    otherwise: ``lang`` on any element, ``hreflang`` on a link (the language switcher names each
    language in that language). English uses Debian's ``en_GB`` dictionary (the site is written
    in British English), Danish ``da_DK``. Text in any other language is not checked.

British English
    ``en_GB`` also accepts some spellings that British health pages avoid (``-ize`` verbs,
    ``judgment``, ``toward``, ``program``, ``meters``). The English text, apart from quoted titles,
    must use the British form of the words in ``US_FORMS`` and no ``-ize``/``-yze`` verb: the site
    writes ``randomised``, ``judgement``, ``towards``, ``programme`` and ``metres``.

Words
    A word is a run of letters with apostrophes, hyphens or dots inside it (``O'Conner``,
    ``KAATSU-træning``, ``m.fl.``). Numbers, one-letter words, URLs, DOIs, e-mail addresses and
    ``{placeholders}`` are left out. A word with a final dot is accepted with or without it
    (Danish abbreviations such as ``ca.`` are dictionary words with the dot). A hyphenated word
    the dictionary rejects is accepted if every part is accepted. A possessive of a listed word is
    accepted: ``Epley's`` in English, ``Epleys`` or ``BFR's`` in Danish (names and abbreviations
    only, that is, listed words that start with a capital).

References
    On the references page each entry is one paragraph whose ``id`` is the reference key: a
    citation line, then a one-sentence summary on the next line. The summary is checked in the
    page's language. Of the citation, the article or chapter title (the text between the author
    list, which ends at its first ". ", and the italic journal or book name, or a chapter's "In:")
    is checked in English on both pages, because titles are quoted as published (a citation in
    another language, marked with ``lang``, is checked whole: the marked part in its language,
    the rest in the page's): a title's US
    spelling (``Ischemia``) is not changed, and such words are listed apart, in
    ``words-en-titles.txt``, so that the list for the site's own English stays British. The
    author list, the editors, the italic journal or book title and the publication details after
    it are not checked: they are copied from the source, and checking them would only grow the
    word list by dozens of surnames and journal abbreviations without catching anything a
    reviewer of the citation does not already check against the article itself. Authors named
    in the running text ("Patterson et al. 2019") are checked, so their names are in the word
    lists.

Project word lists
    ``words-en.txt``, ``words-da.txt`` and ``words-en-titles.txt`` (words of quoted English
    titles only): one word per line, sorted case-insensitively, no duplicates. Only names,
    abbreviations and domain terms the dictionary does not know belong there; a real misspelling
    is fixed in the text, never listed, and a US spelling of the site's own text is changed to the
    British one. A lower-case entry also accepts
    its capitalised and upper-case forms, as in hunspell. Every listed word must still be needed:
    it must occur in the site's text in that language and be unknown to the dictionary.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, ROOT, STRINGS, Build, built_html, page_path, source_pages

HERE = Path(__file__).resolve().parent
#: The kinds of text checked, and the hunspell dictionary of each: the site's English, its Danish,
#: and the English titles of the works cited, quoted as published.
DICTIONARIES = {"en": "en_GB", "da": "da_DK", "en-title": "en_GB"}
#: The word lists (``words-<name>.txt``) each kind of text may use.
WORD_LISTS = {"en": ("en",), "da": ("da",), "en-title": ("en", "en-titles")}
LIST_LANGUAGE = {"en": "en", "da": "da", "en-titles": "en"}
TITLE = "en-title"
INSTALL = "apt-get install hunspell hunspell-en-gb hunspell-da (or make install-system)"
#: Spellings ``en_GB`` accepts that the site's British English does not use, with the form it uses.
US_FORMS = {
    "aging": "ageing",
    "gray": "grey",
    "judgment": "judgement",
    "judgments": "judgements",
    "meter": "metre (or gauge, for a device)",
    "meters": "metres",
    "program": "programme",
    "programs": "programmes",
    "toward": "towards",
}
#: ``-ize``/``-yze`` words that are spelt so in British English too.
IZE_WORDS = {"capsize", "prize", "prizes", "seize", "seized", "seizes", "size", "sized", "sizes"}
IZE = re.compile(r"[^\W\d_]+[iy]z(?:e|es|ed|ing|ation|ations|er|ers)", re.IGNORECASE)

SKIPPED_TAGS = {"script", "style", "code", "pre", "kbd", "samp", "template"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
#: The keys of the references: the `{ #key }` line under each entry of the References page
#: (author and year, "nascimento-2022", or an organisation, "hypertension-canada").
REFERENCE_KEYS = frozenset(
    re.findall(r"^\{ #([a-z0-9-]+) \}$", (ROOT / "docs/en/references.md").read_text("utf-8"), re.M)
)
CALCULATOR_DATA = "bfr-calculator-data"

NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|\b10\.\d{4,}/\S+|\S+@\S+\.\w+|\{[^{}\s]*\}")
WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+|\.[^\W\d_]+)*\.?")


@dataclass
class Segment:
    text: str
    lang: str
    em: bool
    #: The language comes from a ``lang`` attribute in the text, not from the page.
    marked: bool = False


@dataclass
class Frame:
    tag: str
    lang: str
    skip: bool = False
    em: bool = False
    data: bool = False
    reference: bool = False
    marked: bool = False


class PageText(HTMLParser):
    """Collects the (language, text) chunks of one built page."""

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.chunks: list[tuple[str, str]] = []
        self.stack: list[Frame] = [Frame("#document", self.page_lang)]
        self.data_json: list[str] = []
        self.reference: list[Segment] | None = None

    # -------------------------------------------------------------- tree
    @property
    def top(self) -> Frame:
        return self.stack[-1]

    def add(self, lang: str, text: str) -> None:
        if self.reference is not None:
            self.reference.append(Segment(text, lang, self.top.em, self.top.marked))
        elif text.strip():
            self.chunks.append((lang, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        parent = self.top
        lang = values.get("lang") or parent.lang
        if tag == "a" and values.get("hreflang"):
            lang = values["hreflang"]
        lang = lang.split("-")[0].lower()
        frame = Frame(tag, lang, skip=parent.skip, em=parent.em or tag in ("em", "i"))
        frame.marked = parent.marked or (tag != "html" and bool(values.get("lang")))
        if tag in SKIPPED_TAGS:
            frame.skip = True
            frame.data = tag == "script" and values.get("id") == CALCULATOR_DATA
        if tag == "html":
            frame.lang = self.page_lang = lang
        if not frame.skip:
            self.attribute_text(tag, values, lang)
        if tag == "p" and values.get("id", "") in REFERENCE_KEYS and not frame.skip:
            frame.reference = True
            self.reference = []
        if tag not in VOID_TAGS:
            self.stack.append(frame)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if not self.top.skip:
            self.attribute_text(tag, values, values.get("lang") or self.top.lang)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                for frame in self.stack[depth:]:
                    if frame.reference:
                        self.end_reference()
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        frame = self.top
        if frame.data:
            self.data_json.append(data)
        elif not frame.skip:
            self.add(frame.lang, data)

    def attribute_text(self, tag: str, values: dict[str, str], lang: str) -> None:
        texts = [values[name] for name in TEXT_ATTRIBUTES if values.get(name)]
        if tag == "meta" and values.get("name") == "description":
            texts.append(values.get("content", ""))
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            texts.append(values.get("value", ""))
        for text in texts:
            if text.strip():
                self.chunks.append((lang.split("-")[0].lower(), text))

    # -------------------------------------------------------------- references
    def end_reference(self) -> None:
        """Split a reference paragraph into its checked parts (see the module docstring)."""
        segments, self.reference = self.reference or [], None
        citation: list[Segment] = []
        summary: list[Segment] = []
        for segment in segments:
            if summary or "\n" not in segment.text:
                (summary if summary else citation).append(segment)
                continue
            head, tail = segment.text.split("\n", 1)
            citation.append(Segment(head, segment.lang, segment.em, segment.marked))
            summary.append(Segment(tail, segment.lang, segment.em, segment.marked))
        before_title: list[Segment] = []
        for segment in citation:
            if segment.em:
                break
            before_title.append(segment)
        authors_and_title = "".join(segment.text for segment in before_title)
        _, sep, title = authors_and_title.partition(". ")
        title = title.split(" In: ")[0]  # a chapter: the book's editors follow
        if any(segment.marked for segment in before_title):
            # A citation in another language (a Danish hospital's instruction, marked with
            # lang): checked whole, the marked part in its language and the rest in the page's.
            for segment in before_title:
                if segment.text.strip():
                    self.chunks.append((segment.lang, segment.text))
        elif sep and title.strip():
            self.chunks.append((TITLE, title))
        for segment in summary:
            if segment.text.strip():
                self.chunks.append((segment.lang, segment.text))

    # -------------------------------------------------------------- calculator strings
    def calculator_chunks(self) -> list[tuple[str, str]]:
        if not self.data_json:
            return []
        data = json.loads("".join(self.data_json))
        lang = data.get("lang", self.page_lang)
        texts = list(data.get("strings", {}).values())
        texts += list(data.get("reference_labels", {}).values())
        return [(lang, text) for text in texts if isinstance(text, str)]


def page_chunks(path: Path, lang: str) -> list[tuple[str, str]]:
    parser = PageText(lang)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.chunks + parser.calculator_chunks()


def words(text: str) -> Iterable[str]:
    text = NOT_WORDS.sub(" ", text.replace("\u2019", "'").replace("\u00ad", ""))
    for match in WORD.finditer(text):
        word = match.group()
        if len(word.rstrip(".")) > 1:
            yield word


# ------------------------------------------------------------------ the word lists
def word_list_path(lang: str) -> Path:
    return HERE / f"words-{lang}.txt"


def read_word_list(lang: str) -> list[str]:
    lines = word_list_path(lang).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def sort_key(word: str) -> tuple[str, str]:
    return (word.casefold(), word)


def listed_forms(word: str, lang: str) -> set[str]:
    """The forms of one listed word that are accepted."""
    forms = {word}
    if word[:1].islower():
        forms |= {word.capitalize(), word.upper()}
    possessives = {"en": ("'s", "'"), "da": ("s", "'s", "'")}[lang]
    if lang == "en" or word[:1].isupper():
        forms |= {form + ending for form in set(forms) for ending in possessives}
    return forms


# ------------------------------------------------------------------ hunspell
def hunspell_rejects(forms: Iterable[str], lang: str) -> set[str]:
    """The forms (one word each) that hunspell's dictionary for ``lang`` does not know."""
    if shutil.which("hunspell") is None:
        pytest.fail(f"hunspell is not installed: {INSTALL}")
    dictionary = DICTIONARIES[lang]
    proc = subprocess.run(
        ["hunspell", "-i", "utf-8", "-d", dictionary, "-L"],
        input="\n".join(sorted(forms)) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0 or "Can't open affix or dictionary" in proc.stderr:
        pytest.fail(
            f"hunspell cannot use the {dictionary} dictionary ({proc.stderr.strip()}): {INSTALL}"
        )
    return set(proc.stdout.splitlines())


def variants(word: str) -> list[str]:
    return [word, word[:-1]] if word.endswith(".") else [word]


def parts(word: str) -> list[str]:
    pieces = [piece for piece in word.split("-") if piece]
    return [piece for piece in pieces if len(piece.rstrip(".")) > 1]


@dataclass
class Checker:
    lang: str
    listed: dict[str, tuple[str, str]]  # accepted form -> (word list, entry)
    rejected: set[str]
    used: set[tuple[str, str]] = field(default_factory=set)

    def known(self, word: str) -> bool:
        if any(form not in self.rejected for form in variants(word)):
            return True
        for form in variants(word):
            if form in self.listed:
                self.used.add(self.listed[form])
                return True
        return "-" in word and all(self.known(part) for part in parts(word))


def site_words(build: Build) -> dict[str, dict[str, set[str]]]:
    """Language -> word -> the site paths it occurs on."""
    found: dict[str, dict[str, set[str]]] = {lang: defaultdict(set) for lang in DICTIONARIES}
    pages = [
        (path, source, lang)
        for source in source_pages()
        for lang in LANGUAGES
        for path in [built_html(build, source, lang)]
    ]
    pages.append((build.site / "404.html", "404.md", "en"))
    for path, source, lang in pages:
        assert path.is_file(), f"{path} was not built"
        where = "/404.html" if source == "404.md" else page_path(source, lang)
        for chunk_lang, text in page_chunks(path, lang):
            if chunk_lang in found:
                for word in words(text):
                    found[chunk_lang][word].add(where)
    for key, lang, text in every_string():
        for word in words(text):
            found[lang][word].add(f"strings.json {key}")
    return found


def every_string() -> list[tuple[str, str, str]]:
    """(key, language, text) of every string in calculators/strings.json, in both languages."""
    return [(key, lang, entry[lang]) for key, entry in STRINGS.items() for lang in LANGUAGES]


@pytest.fixture(scope="module")
def checked(build: Build) -> dict[str, tuple[dict[str, set[str]], Checker]]:
    result = {}
    for kind, found in site_words(build).items():
        forms = {v for word in found for piece in [word, *parts(word)] for v in variants(piece)}
        listed = {
            form: (name, entry)
            for name in WORD_LISTS[kind]
            for entry in read_word_list(name)
            for form in listed_forms(entry, LIST_LANGUAGE[name])
        }
        checker = Checker(kind, listed, hunspell_rejects(forms, kind))
        result[kind] = (found, checker)
    return result


def display(word: str) -> str:
    """A word as reported: without a sentence's final dot."""
    return word[:-1] if word.endswith(".") and "." not in word[:-1] else word


# ------------------------------------------------------------------ tests
@pytest.mark.parametrize("name", sorted(LIST_LANGUAGE))
def test_word_list_is_sorted_without_duplicates(name: str) -> None:
    entries = read_word_list(name)
    assert entries, f"{word_list_path(name).name} is empty"
    assert len(set(entries)) == len(entries), f"duplicates in {word_list_path(name).name}"
    assert entries == sorted(entries, key=sort_key), (
        f"{word_list_path(name).name} is not sorted case-insensitively"
    )
    bad = [entry for entry in entries if not re.fullmatch(WORD.pattern, entry)]
    assert not bad, f"not single words in {word_list_path(name).name}: {bad}"


@pytest.mark.parametrize("kind", sorted(DICTIONARIES))
def test_no_unknown_words(
    kind: str, checked: dict[str, tuple[dict[str, set[str]], Checker]]
) -> None:
    found, checker = checked[kind]
    unknown: dict[str, set[str]] = defaultdict(set)
    for word, pages in found.items():
        if not checker.known(word):
            unknown[display(word)] |= pages
    report = "\n".join(
        f"  {word} -> {', '.join(sorted(unknown[word]))}" for word in sorted(unknown, key=sort_key)
    )
    lists = " or ".join(f"tests/quality/{word_list_path(name).name}" for name in WORD_LISTS[kind])
    assert not unknown, (
        f"{len(unknown)} word(s) unknown to hunspell {DICTIONARIES[kind]} in the {kind} text. Fix "
        f"the spelling in the text; only a name, abbreviation or domain term goes into "
        f"{lists}:\n{report}"
    )


def test_english_is_british(checked: dict[str, tuple[dict[str, set[str]], Checker]]) -> None:
    found, _ = checked["en"]
    american: dict[str, set[str]] = defaultdict(set)
    for word, pages in found.items():
        bare = display(word)
        for piece in [bare, *parts(bare)]:
            lower = piece.casefold()
            if lower in US_FORMS or (IZE.fullmatch(piece) and lower not in IZE_WORDS):
                american[piece] |= pages
    report = "\n".join(
        f"  {word} (British: {US_FORMS.get(word.casefold(), 'the -ise/-yse form')}) -> "
        f"{', '.join(sorted(american[word]))}"
        for word in sorted(american, key=sort_key)
    )
    assert not american, f"US spellings in the English text:\n{report}"


@pytest.mark.parametrize("name", sorted(LIST_LANGUAGE))
def test_every_listed_word_is_needed(
    name: str, checked: dict[str, tuple[dict[str, set[str]], Checker]]
) -> None:
    used: set[str] = set()
    for kind, lists in WORD_LISTS.items():
        if name not in lists:
            continue
        found, checker = checked[kind]
        for word in found:
            checker.known(word)
        used |= {entry for source, entry in checker.used if source == name}
    unused = sorted(set(read_word_list(name)) - used, key=sort_key)
    assert not unused, (
        f"listed in {word_list_path(name).name} but not in the site's text of that kind, or known "
        f"to the dictionary anyway: {unused}"
    )
