"""The self-check questionnaires (PHQ-9, GAD-7, PCL-5): their published wording, scales, scoring and bands.

This module is the only copy of the instruments. The self-check block renders its questions,
emits `definition()` into the page as JSON for static/js/self-check.js (which scores from it
and has no copy of its own), and `score()` computes the same result on the server for a
visitor without JavaScript (core/self_check_views.py). The tests check the band edges against it.

Nothing here stores or logs anything: a result is worked out and handed back, and that is all.
When a visitor ticks the box to send their answers with a call-back request, the form page
(forms/self_check_handoff.py, a layer below, which cannot import this module) asks
`score_sent_answers` through a Wagtail hook to check them and score them again.
"""

from dataclasses import dataclass, field

from wagtail import hooks

from forms import self_check_handoff

FREQUENCY_SCALE = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)

SEVERITY_SCALE = (
    (0, "Not at all"),
    (1, "A little bit"),
    (2, "Moderately"),
    (3, "Quite a bit"),
    (4, "Extremely"),
)

DIFFICULTY_SCALE = (
    (0, "Not difficult at all"),
    (1, "Somewhat difficult"),
    (2, "Very difficult"),
    (3, "Extremely difficult"),
)

# What the visitor is told to do next, by how soon: shown under the score.
ROUTINE = "routine"
SOON = "soon"


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str
    explanation: str
    next_step: str = ROUTINE


@dataclass(frozen=True)
class Instrument:
    slug: str
    name: str
    title: str
    about: str
    stem: str
    items: tuple
    scale: tuple
    bands: tuple
    citation: str
    notice: str
    scoring_note: str
    # The one item whose answer above "Not at all" shows crisis help before anything else (PHQ-9 item 9).
    safety_item: int | None = None
    # A last question that is asked but not scored (the PHQ-9's and GAD-7's "how difficult").
    difficulty_question: str = ""
    difficulty_scale: tuple = field(default=())

    @property
    def max_score(self):
        return len(self.items) * max(value for value, _ in self.scale)

    def item_name(self, number):
        return f"item{number}"

    def band_for(self, total):
        return next(band for band in self.bands if band.low <= total <= band.high)


PHQ9 = Instrument(
    slug="phq-9",
    name="PHQ-9",
    title="Depression self-check (PHQ-9)",
    about="The Patient Health Questionnaire (PHQ-9) asks about nine common signs of depression.",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
        "fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    scale=FREQUENCY_SCALE,
    bands=(
        Band(0, 4, "Minimal", "Your answers show few or no signs of depression right now."),
        Band(5, 9, "Mild", "Your answers show some signs of depression. They may ease, or they may grow."),
        Band(10, 14, "Moderate", "Your answers show signs of depression that often get in the way of daily life."),
        Band(
            15,
            19,
            "Moderately severe",
            "Your answers show many signs of depression. Most people with a score like this feel better with treatment.",
            SOON,
        ),
        Band(
            20,
            27,
            "Severe",
            "Your answers show a lot of signs of depression, most days. Treatment helps, and it is worth starting soon.",
            SOON,
        ),
    ),
    citation="Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. "
    "J Gen Intern Med. 2001;16(9):606–613.",
    notice="Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
    scoring_note="Each answer scores 0 to 3, for a total of 0 to 27. Scores of 5, 10, 15 and 20 mark mild, moderate, "
    "moderately severe and severe depression.",
    safety_item=9,
    difficulty_question="If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?",
    difficulty_scale=DIFFICULTY_SCALE,
)

GAD7 = Instrument(
    slug="gad-7",
    name="GAD-7",
    title="Anxiety self-check (GAD-7)",
    about="The Generalized Anxiety Disorder scale (GAD-7) asks about seven common signs of anxiety.",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    scale=FREQUENCY_SCALE,
    bands=(
        Band(0, 4, "Minimal", "Your answers show few or no signs of anxiety right now."),
        Band(5, 9, "Mild", "Your answers show some signs of anxiety. They may ease, or they may grow."),
        Band(10, 14, "Moderate", "Your answers show signs of anxiety that often get in the way of daily life."),
        Band(
            15,
            21,
            "Severe",
            "Your answers show a lot of signs of anxiety, most days. Treatment helps, and it is worth starting soon.",
            SOON,
        ),
    ),
    citation="Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety "
    "disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092–1097.",
    notice="Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
    scoring_note="Each answer scores 0 to 3, for a total of 0 to 21. Scores of 5, 10 and 15 mark mild, moderate "
    "and severe anxiety.",
    # The published GAD-7 says "these made it" where the PHQ-9 says "these problems made it".
    difficulty_question="If you checked off any problems, how difficult have these made it for you to do your "
    "work, take care of things at home, or get along with other people?",
    difficulty_scale=DIFFICULTY_SCALE,
)

PCL5 = Instrument(
    slug="pcl-5",
    name="PCL-5",
    title="PTSD self-check (PCL-5)",
    about="The PTSD Checklist for DSM-5 (PCL-5) asks about twenty problems people sometimes have after a very "
    "stressful experience. Think of the experience that bothers you most.",
    stem="In the past month, how much were you bothered by:",
    items=(
        "Repeated, disturbing, and unwanted memories of the stressful experience?",
        "Repeated, disturbing dreams of the stressful experience?",
        "Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were "
        "actually back there reliving it)?",
        "Feeling very upset when something reminded you of the stressful experience?",
        "Having strong physical reactions when something reminded you of the stressful experience (for example, "
        "heart pounding, trouble breathing, sweating)?",
        "Avoiding memories, thoughts, or feelings related to the stressful experience?",
        "Avoiding external reminders of the stressful experience (for example, people, places, conversations, "
        "activities, objects, or situations)?",
        "Trouble remembering important parts of the stressful experience?",
        "Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts "
        "such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is "
        "completely dangerous)?",
        "Blaming yourself or someone else for the stressful experience or what happened after it?",
        "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
        "Loss of interest in activities that you used to enjoy?",
        "Feeling distant or cut off from other people?",
        "Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving "
        "feelings for people close to you)?",
        "Irritable behavior, angry outbursts, or acting aggressively?",
        "Taking too many risks or doing things that could cause you harm?",
        "Being “superalert” or watchful or on guard?",
        "Feeling jumpy or easily startled?",
        "Having difficulty concentrating?",
        "Trouble falling or staying asleep?",
    ),
    scale=SEVERITY_SCALE,
    bands=(
        Band(
            0,
            32,
            "Below the PTSD cut-point",
            "Your total is below the score that suggests PTSD. If some of these problems still bother you, "
            "they are worth talking about.",
        ),
        Band(
            33,
            80,
            "At or above the PTSD cut-point",
            "Your total is at or above the score that suggests PTSD may be likely. A full assessment can tell "
            "you more, and PTSD can be treated.",
            SOON,
        ),
    ),
    citation="Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 "
    "(PCL-5). National Center for PTSD, 2013. www.ptsd.va.gov.",
    notice="The PCL-5 is in the public domain (U.S. Department of Veterans Affairs, National Center for PTSD).",
    scoring_note="Each answer scores 0 to 4, for a total of 0 to 80. The National Center for PTSD says a total of "
    "31 to 33 or higher suggests probable PTSD; we use 33.",
)

INSTRUMENTS = {instrument.slug: instrument for instrument in (PHQ9, GAD7, PCL5)}
CHOICES = [(instrument.slug, instrument.title) for instrument in INSTRUMENTS.values()]

# Names the questionnaire's form may send besides its items (nothing else is accepted).
DIFFICULTY_FIELD = "difficulty"
CHANGE_FIELD = "change"  # "Change my answers" on the result page: the questionnaire again, answers kept
# "Send my answers with a call-back request" on the result page: the call-back form, with a box to tick to send them
SEND_FIELD = "send"
CSRF_FIELD = "csrfmiddlewaretoken"  # sent by nothing of ours, tolerated if a browser extension adds it


@dataclass
class Result:
    instrument: Instrument
    answers: dict  # item number -> value
    difficulty: int | None
    total: int
    band: Band
    safety_concern: bool

    @property
    def next_step(self):
        return SOON if self.safety_concern else self.band.next_step

    @property
    def answer_fields(self):
        fields = [(self.instrument.item_name(number), value) for number, value in sorted(self.answers.items())]
        if self.difficulty is not None:
            fields.append((DIFFICULTY_FIELD, self.difficulty))
        return fields

    @property
    def fields(self):
        """The answers as hidden fields, for "Change my answers" on the no-JavaScript result page (a POST, never a URL)."""
        return [*self.answer_fields, (CHANGE_FIELD, "1")]

    @property
    def send_fields(self):
        """The answers as hidden fields, for "Send my answers with a call-back request" (a POST, never a URL)."""
        return [*self.answer_fields, (SEND_FIELD, "1")]


@dataclass
class Checked:
    """What a POST of a questionnaire said: the answers it holds, and what is wrong with it (or a result)."""

    answers: dict  # item number -> value, only the valid ones (to fill the form in again)
    difficulty: int | None
    missing: list  # item numbers not answered
    invalid: list  # item numbers with an answer outside the scale
    unknown: list  # names the form does not have
    result: Result | None = None

    @property
    def errors(self):
        return bool(self.missing or self.invalid or self.unknown)


def _value(raw, scale):
    allowed = {str(value): value for value, _ in scale}
    return allowed.get(raw)


def check(instrument, data):
    """Read a POSTed questionnaire: a Result only when every item has an answer on the scale and nothing else was sent.

    A partial or tampered form never gets a score: `missing`, `invalid` and `unknown` say what was wrong.
    """
    answers, missing, invalid = {}, [], []
    for number in range(1, len(instrument.items) + 1):
        values = (
            data.getlist(instrument.item_name(number))
            if hasattr(data, "getlist")
            else [data.get(instrument.item_name(number))]
        )
        values = [value for value in values if value not in (None, "")]
        if not values:
            missing.append(number)
            continue
        value = _value(values[0], instrument.scale) if len(values) == 1 else None
        if value is None:
            invalid.append(number)
        else:
            answers[number] = value
    difficulty = None
    raw_difficulty = data.get(DIFFICULTY_FIELD) or ""
    if instrument.difficulty_question and raw_difficulty:
        difficulty = _value(raw_difficulty, instrument.difficulty_scale)
    known = {instrument.item_name(n) for n in range(1, len(instrument.items) + 1)} | {
        CHANGE_FIELD,
        SEND_FIELD,
        CSRF_FIELD,
    }
    if instrument.difficulty_question:
        known.add(DIFFICULTY_FIELD)
        if raw_difficulty and difficulty is None:
            invalid.append(DIFFICULTY_FIELD)
    unknown = sorted(set(data.keys()) - known)
    checked = Checked(answers=answers, difficulty=difficulty, missing=missing, invalid=invalid, unknown=unknown)
    if not checked.errors:
        checked.result = score(instrument, answers, difficulty)
    return checked


def score(instrument, answers, difficulty=None):
    """The result for a complete set of answers ({item number: value})."""
    if sorted(answers) != list(range(1, len(instrument.items) + 1)):
        raise ValueError("A score needs an answer to every item.")
    total = sum(answers.values())
    safety = instrument.safety_item is not None and answers[instrument.safety_item] > 0
    return Result(
        instrument=instrument,
        answers=answers,
        difficulty=difficulty,
        total=total,
        band=instrument.band_for(total),
        safety_concern=safety,
    )


def definition(instrument):
    """What static/js/self-check.js needs to score in the browser, as data for json_script."""
    return {
        "slug": instrument.slug,
        "name": instrument.name,
        "items": len(instrument.items),
        "itemName": instrument.item_name(0)[:-1],
        "scale": [value for value, _ in instrument.scale],
        "maxScore": instrument.max_score,
        "safetyItem": instrument.safety_item,
        "difficultyName": DIFFICULTY_FIELD if instrument.difficulty_question else None,
        "bands": [
            {
                "low": band.low,
                "high": band.high,
                "label": band.label,
                "explanation": band.explanation,
                "nextStep": band.next_step,
            }
            for band in instrument.bands
        ],
    }


def form_rows(instrument, checked=None):
    """The questions as the templates show them: each with its options, the answer given and its error."""
    answers = checked.answers if checked else {}
    rows = []
    for number, text in enumerate(instrument.items, start=1):
        error = ""
        if checked and number in checked.missing:
            error = "Choose an answer to this question."
        elif checked and number in checked.invalid:
            error = "The answer sent is not one of the choices: choose one again."
        name = instrument.item_name(number)
        rows.append(
            {
                "number": number,
                "text": text,
                "name": name,
                "id": f"{instrument.slug}-{name}",
                "error": error,
                "options": [
                    {"value": value, "label": label, "checked": answers.get(number) == value}
                    for value, label in instrument.scale
                ],
            }
        )
    return rows


def difficulty_row(instrument, checked=None):
    if not instrument.difficulty_question:
        return None
    chosen = checked.difficulty if checked else None
    error = (
        "The answer sent is not one of the choices: choose one again."
        if checked and DIFFICULTY_FIELD in checked.invalid
        else ""
    )
    return {
        "text": instrument.difficulty_question,
        "name": DIFFICULTY_FIELD,
        "id": f"{instrument.slug}-{DIFFICULTY_FIELD}",
        "error": error,
        "options": [
            {"value": value, "label": label, "checked": chosen == value} for value, label in instrument.difficulty_scale
        ],
    }


def error_summary(instrument, checked):
    """Every problem with a POSTed questionnaire, in words, each linking to its question where there is one."""
    lines = []
    if checked.missing:
        numbers = ", ".join(str(number) for number in checked.missing)
        lines.append(
            {
                "text": f"Question{'s' if len(checked.missing) > 1 else ''} {numbers} {'have' if len(checked.missing) > 1 else 'has'} no answer.",
                "target": f"{instrument.slug}-{instrument.item_name(checked.missing[0])}-0",
            }
        )
    for number in checked.invalid:
        if number == DIFFICULTY_FIELD:
            lines.append(
                {
                    "text": "The last question's answer is not one of its choices.",
                    "target": f"{instrument.slug}-{DIFFICULTY_FIELD}-0",
                }
            )
        else:
            lines.append(
                {
                    "text": f"Question {number}'s answer is not one of its choices.",
                    "target": f"{instrument.slug}-{instrument.item_name(number)}-0",
                }
            )
    if checked.unknown:
        lines.append(
            {
                "text": "The form sent something this questionnaire does not ask, so no score was worked out. Please answer the questions below.",
                "target": "",
            }
        )
    return lines


# --- A result the visitor chose to send with a call-back request ----------------------------------


def sent_record(result):
    """A result as the intake inbox stores and shows it: every question with its answer, the total and band."""
    instrument = result.instrument
    labels = dict(instrument.scale)
    record = {
        "instrument": instrument.slug,
        "name": instrument.name,
        "title": instrument.title,
        "questions": [
            {
                "number": number,
                "text": text,
                "value": result.answers[number],
                "answer": labels[result.answers[number]],
                "flagged": number == instrument.safety_item and result.answers[number] > 0,
            }
            for number, text in enumerate(instrument.items, start=1)
        ],
        "difficulty": None,
        "total": result.total,
        "max_score": instrument.max_score,
        "band": result.band.label,
        "safety_item": instrument.safety_item,
        "safety_concern": result.safety_concern,
    }
    if result.difficulty is not None:
        record["difficulty"] = {
            "text": instrument.difficulty_question,
            "value": result.difficulty,
            "answer": dict(instrument.difficulty_scale)[result.difficulty],
        }
    return record


@hooks.register(self_check_handoff.READ_HOOK)
def score_sent_answers(slug, answers, difficulty=None):
    """The stored record of answers sent with a request, checked as a POSTed questionnaire is; None if any is wrong.

    Every item must have an answer on the scale, and nothing else may be sent: never a partial score.
    """
    instrument = INSTRUMENTS.get(slug)
    if instrument is None or len(answers) != len(instrument.items):
        return None
    data = {instrument.item_name(number): str(value) for number, value in enumerate(answers, start=1)}
    if difficulty is not None:
        data[DIFFICULTY_FIELD] = str(difficulty)
    checked = check(instrument, data)
    if checked.result is None or (difficulty is not None and checked.difficulty is None):
        return None
    return sent_record(checked.result)
