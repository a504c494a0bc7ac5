"""Writing aids for editors: how hard a page is to read, and safe-messaging about suicide.

They advise and never block: the page editor shows them (core/panels.py) to the editor
while writing and to the clinical reviewer in Medical review, refreshed as the text
changes. Everything an editor reads here — the target, the phrases and the reasons — is
data in this module.

Reading grade: the Flesch–Kincaid grade level, 0.39 × (words ÷ sentences) + 11.8 ×
(syllables ÷ words) − 15.59, over the page's sentences (paragraphs, list items and answers;
headings and short labels are not sentences and are left out). NHS and US health-literacy
guidance aim health content at US grade 8 or lower (a reading age of about 9–11).

Safe messaging: the phrases the 988 Suicide & Crisis Lifeline, the American Foundation for
Suicide Prevention (AFSP) and the Recommendations for Reporting on Suicide
(reportingonsuicide.org) ask writers to avoid, each with what to say instead; and a page
that talks about suicide or self-harm must say where to get help now.
"""

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.db import models
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

# The grade medical pages (treatment, condition, article) should read at or below.
MEDICAL_TARGET_GRADE = 8
# Sentences longer than this are hard to follow; the longest few are listed whatever their length.
LONG_SENTENCE_WORDS = 25
LONGEST_SENTENCES_SHOWN = 3
# Below this many words the grade is a rough figure, and the panel says so.
FEW_WORDS = 100

GUIDANCE = "988 Lifeline and AFSP safe-messaging guidance"


@dataclass(frozen=True)
class Phrase:
    """A way of writing about suicide that safe-messaging guidance advises against."""

    pattern: str  # a regular expression, matched case-insensitively on whole words
    instead: str  # what to write instead
    reason: str  # why, in a sentence an editor can act on

    @property
    def regex(self):
        return re.compile(rf"\b(?:{self.pattern})\b", re.IGNORECASE)


SAFE_MESSAGING_PHRASES = [
    Phrase(
        r"commit(?:s|ted|ting)?\s+suicide|suicide\s+was\s+committed",
        "“died by suicide” or “took their own life”",
        "“Commit” links suicide with crime or sin and adds to the shame that stops people asking for help.",
    ),
    Phrase(
        r"(?:successful|successfully|completed)\s+suicides?|suicide\s+was\s+successful",
        "“died by suicide”",
        "Calling a death a success presents suicide as a goal achieved.",
    ),
    Phrase(
        r"(?:failed|unsuccessful|botched)\s+(?:suicide|suicide\s+attempts?|attempts?\s+at\s+suicide)",
        "“survived a suicide attempt”",
        "Calling survival a failure tells the person they failed at something, and can make them feel worse.",
    ),
    Phrase(
        r"suicide\s+(?:epidemic|crisis|wave)|epidemic\s+of\s+suicides?|(?:soaring|skyrocketing)\s+suicide",
        "“rising rates of suicide”, with the figures",
        "Alarming words make suicide sound common and expected, which can raise the risk for people who are struggling.",
    ),
    Phrase(
        r"suicide\s+victims?|victims?\s+of\s+suicide",
        "“a person who died by suicide”",
        "“Victim” frames the person as acted upon and the death as a crime.",
    ),
    Phrase(
        r"(?:a\s+)?cry\s+for\s+help|attention[-\s]seeking|selfish\s+act",
        "“a sign that someone is in pain and needs support”",
        "Words that judge or dismiss a person's distress discourage them from telling anyone.",
    ),
    Phrase(
        r"suicide\s+(?:is|was|seems|seemed)\s+(?:a|an|the)\s+(?:only\s+)?(?:solution|answer|way\s+out|option)",
        "say that the feeling of having no way out is a symptom, and that it can ease with help",
        "Presenting suicide as a solution to problems is what guidance most asks writers to avoid.",
    ),
    Phrase(
        r"hang(?:ed|ing)\s+(?:himself|herself|themselves|themself|myself|yourself)|noose|"
        r"slit\s+(?:his|her|their|my|your)\s+wrists?|cut\s+(?:his|her|their|my|your)\s+wrists|"
        r"shot\s+(?:himself|herself|themselves|themself|myself)|"
        r"jump(?:ed|ing)?\s+(?:off|from)\s+(?:a|the)\s+(?:bridge|building|roof)|"
        r"overdos(?:e|ed|ing)\s+on|lethal\s+dose|how\s+many\s+pills|suicide\s+(?:method|note)s?",
        "leave out how; say that the person died by suicide, or that someone harmed themselves",
        "Describing a method or a note can lead people at risk to copy it. Guidance asks for no method details.",
    ),
]

# Talks about suicide or self-harm: then the page must say where to get help now.
MENTIONS_SUICIDE = re.compile(
    r"\bsuicid\w*|\bself[-\s]?harm\w*|\bself[-\s]injur\w*|"
    r"\bkill(?:s|ed|ing)?\s+(?:my|your|him|her|them)sel(?:f|ves)\b|"
    r"\bend(?:s|ed|ing)?\s+(?:my|your|his|her|their)\s+(?:own\s+)?li(?:fe|ves)\b",
    re.IGNORECASE,
)
# A crisis line the help text must give: 988 (call or text) or 911.
CRISIS_NUMBER = re.compile(r"\b(?:988|911)\b")
WHEN_TO_GET_HELP = (
    "This page talks about suicide or self-harm but does not say where to get help now. Add a “When to get "
    "help” section (or a callout, or a “Risks and side effects” section whose “When to get help”, gives 988 "
    "or 911), so a reader in crisis knows what to do."
)

# Where a sentence ends, and the abbreviations whose full stop does not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|No|approx|U\.S)\.", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*$")
# A chunk of text without closing punctuation is a heading or a label unless it is this long.
_LABEL_MAX_WORDS = 9
_BLOCK_ELEMENTS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd", "dt"]


def syllables(word):
    """Syllables in an English word: its groups of vowels, less a silent final e (at least one)."""
    word = word.lower().strip("'’")
    if word.isdigit():
        return len(word)  # a number is read digit by digit ("988"), near enough
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)  # silent endings: "makes", "used", "take"
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]+", word)))


def words(text):
    return _WORD.findall(text.replace("-", " ").replace("–", " "))


def sentences(text):
    """The sentences of a paragraph, keeping abbreviations such as "e.g." and "Dr." inside theirs."""
    protected = _ABBREVIATIONS.sub(lambda match: match.group(0).replace(".", "\u2024"), " ".join(text.split()))
    return [part.replace("\u2024", ".") for part in _SENTENCE_END.split(protected) if words(part)]


def flesch_kincaid_grade(text_sentences):
    """The Flesch–Kincaid grade of a list of sentences, to one decimal (None without any words)."""
    all_words = [word for sentence in text_sentences for word in words(sentence)]
    if not all_words:
        return None
    grade = 0.39 * len(all_words) / len(text_sentences) + 11.8 * sum(map(syllables, all_words)) / len(all_words) - 15.59
    return round(grade, 1)


# --- The page's text -------------------------------------------------------------------------


def html_chunks(html):
    """Rich text as its paragraphs, list items and headings, each as plain text."""
    soup = BeautifulSoup(str(html or ""), "html.parser")
    elements = soup.find_all(_BLOCK_ELEMENTS)
    leaves = [element for element in elements if not element.find(_BLOCK_ELEMENTS)]
    chunks = [element.get_text(" ") for element in leaves] if leaves else [soup.get_text(" ")]
    return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]


def block_chunks(block, value):
    """The text in one StreamField value, walked through its block definitions (references are not read as prose)."""
    from .blocks import ReferencesBlock

    if value is None or isinstance(block, ReferencesBlock):
        return []
    if isinstance(block, blocks.RichTextBlock):
        return html_chunks(value.source if isinstance(value, RichText) else value)
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    if isinstance(block, blocks.StructBlock):
        return [chunk for name, child in block.child_blocks.items() for chunk in block_chunks(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [chunk for item in value for chunk in block_chunks(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [chunk for child in value for chunk in block_chunks(child.block, child.value)]
    return []  # images, links, page choosers, embedded forms: no prose


def text_fields(page):
    """The page's own fields that hold prose: its text, rich text and StreamFields (not Page's own)."""
    base_fields = {f.name for f in Page._meta.get_fields()}
    excluded = set(getattr(page, "writing_checks_exclude", ()))
    return [
        f
        for f in page._meta.get_fields()
        if isinstance(f, (models.TextField, StreamField))
        and f.name not in base_fields
        and f.name not in excluded
        and not f.choices
    ]


def page_chunks(page):
    """Every piece of text on the page, in field order: paragraphs, list items, headings, lines."""
    chunks = []
    for f in text_fields(page):
        value = getattr(page, f.name)
        if isinstance(f, StreamField):
            chunks += block_chunks(f.stream_block, value)
        elif isinstance(f, RichTextField):
            chunks += html_chunks(value)
        else:
            chunks += [line.strip() for line in strip_tags(value or "").splitlines() if line.strip()]
    return chunks


def prose_sentences(chunks):
    """The sentences among the chunks: headings and short labels without a full stop are not sentences."""
    found = []
    for chunk in chunks:
        if not _ENDS_SENTENCE.search(chunk) and len(words(chunk)) <= _LABEL_MAX_WORDS:
            continue
        found += sentences(chunk)
    return found


def has_help_now(page):
    """Whether the page says where to get help now.

    A "When to get help" section does; so does a callout, or a risks section's "When to get help",
    that gives 988 or 911.
    """
    from .blocks import CalloutBlock, RisksBlock, WhenToGetHelpBlock

    gives_crisis_line = {CalloutBlock: "text", RisksBlock: "get_help"}
    for f in text_fields(page):
        if not isinstance(f, StreamField):
            continue
        for child in getattr(page, f.name):
            if isinstance(child.block, WhenToGetHelpBlock):
                return True
            name = next((name for kind, name in gives_crisis_line.items() if isinstance(child.block, kind)), None)
            text = child.value.get(name) if name else None
            if text and CRISIS_NUMBER.search(strip_tags(text.source)):
                return True
    return False


# --- The report the editor sees --------------------------------------------------------------


@dataclass
class Flag:
    found: str  # the words as written on the page
    sentence: str  # where, so the editor can find it
    phrase: Phrase


@dataclass
class WritingReport:
    grade: float | None
    target: int | None
    word_count: int
    sentence_count: int
    longest: list = field(default_factory=list)  # (words, sentence), longest first
    flags: list = field(default_factory=list)
    needs_help_section: bool = False

    @property
    def over_target(self):
        return self.grade is not None and self.target is not None and self.grade > self.target

    @property
    def few_words(self):
        return self.word_count < FEW_WORDS

    @property
    def issue_count(self):
        return len(self.flags) + int(self.needs_help_section) + int(self.over_target)

    @property
    def long_sentence_words(self):
        return LONG_SENTENCE_WORDS

    @property
    def guidance(self):
        return GUIDANCE

    @property
    def help_section_message(self):
        return WHEN_TO_GET_HELP


def safe_messaging_flags(chunks):
    flags = []
    for chunk in chunks:
        for phrase in SAFE_MESSAGING_PHRASES:
            for match in phrase.regex.finditer(chunk):
                sentence = next((s for s in sentences(chunk) if match.group(0) in s), chunk)
                flags.append(Flag(found=match.group(0), sentence=sentence, phrase=phrase))
    return flags


def check_page(page):
    """The writing report for a page as it stands (saved, or as the editor's form has it)."""
    chunks = page_chunks(page)
    found = prose_sentences(chunks)
    counted = sorted(((len(words(s)), s) for s in found), key=lambda item: -item[0])
    mentions = any(MENTIONS_SUICIDE.search(chunk) for chunk in chunks)
    return WritingReport(
        grade=flesch_kincaid_grade(found),
        target=getattr(page, "reading_grade_target", None),
        word_count=sum(count for count, _ in counted),
        sentence_count=len(found),
        longest=counted[:LONGEST_SENTENCES_SHOWN],
        flags=safe_messaging_flags(chunks),
        needs_help_section=mentions and not has_help_now(page),
    )
