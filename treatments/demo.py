"""The demo treatments and conditions: the clinical team, three treatment pages and four condition pages.

Like home/demo.py, everything here creates what is missing and leaves what exists
alone, so running the loader again never overwrites an editor's changes. It runs
after home.demo.load and forms.demo.load, which make the home page, the call-back form and the image
used below.
"""

import datetime

from forms.demo import CALL_BACK_SLUG, ending_with_call_back_form
from forms.models import FormPage
from home.demo import HERO_IMAGE_TITLE, bullet_list, section
from home.models import Clinician, ClinicImage, HomePage
from home.roles import assign_medical_review
from treatments.models import (
    ConditionIndexPage,
    ConditionPage,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
)

PHONE_LINK = '<a href="tel:5550102040">(555) 010-2040</a>'

RESULTS_VARY = "Results vary. One person's experience does not mean the treatment will work the same way for you."


def load(stdout):
    home = HomePage.objects.first()
    clinicians = {spec["name"]: clinician(spec, stdout) for spec in CLINICIANS}
    links = demo_links()

    condition_index = index_page(
        home,
        ConditionIndexPage,
        title="Conditions we treat",
        slug="conditions",
        intro="We care for adults whose depression, PTSD or OCD has not improved enough with the usual treatments.",
        stdout=stdout,
    )
    conditions = {}
    for spec in condition_specs(links):
        reviewer = clinicians[spec.pop("reviewer")]
        conditions[spec["slug"]] = medical_page(condition_index, ConditionPage, spec, reviewer, stdout)

    treatment_index = index_page(
        home,
        TreatmentIndexPage,
        title="Treatments",
        slug="treatments",
        intro="Three treatments for when depression, PTSD or OCD have not lifted with talking therapy or standard medicines.",
        stdout=stdout,
    )
    for spec in treatment_specs(links):
        reviewer = clinicians[spec.pop("reviewer")]
        condition_pages = [conditions[slug] for slug in spec.pop("conditions") if conditions.get(slug)]
        spec["treated_conditions"] = [TreatmentCondition(condition=page) for page in condition_pages]
        spec["body"] = ending_with_call_back_form(spec["body"])
        medical_page(treatment_index, TreatmentPage, spec, reviewer, stdout)

    for index in (condition_index, treatment_index):
        assign_medical_review(index, stdout)


def clinician(spec, stdout):
    person, created = Clinician.objects.get_or_create(name=spec["name"], defaults=spec)
    if created:
        stdout.write(f"Added {person} to the clinical team.")
    return person


def index_page(parent, model, *, title, slug, intro, stdout):
    existing = parent.get_children().filter(slug=slug).first() or model.objects.child_of(parent).first()
    if existing:
        return existing.specific
    page = model(title=title, slug=slug, intro=intro, show_in_menus=True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"Created the {title} page.")
    # publish() saves a fresh copy from the revision; reload to get its new url_path before adding children.
    return model.objects.get(pk=page.pk)


def medical_page(parent, model, spec, reviewer, stdout):
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing:
        return existing.specific
    page = model(**spec, reviewed_by=reviewer, last_reviewed=REVIEWED, next_review_due=NEXT_REVIEW)
    parent.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"Created the {page.title} page.")
    return model.objects.get(pk=page.pk)


REVIEWED = datetime.date(2026, 2, 2)
NEXT_REVIEW = datetime.date(2027, 2, 1)

CLINICIANS = [
    {
        "name": "Dr. Helen Marsh",
        "credentials": "MD",
        "role": "Medical director, psychiatrist",
        "bio": "Dr. Marsh is a board-certified psychiatrist and the medical director of Willow Bend Psychiatry. "
        "She leads the clinic's ketamine and Spravato programs and has cared for people with hard-to-treat "
        "depression and PTSD for many years.",
    },
    {
        "name": "Dr. Samuel Okoro",
        "credentials": "DO",
        "role": "Psychiatrist, TMS program lead",
        "bio": "Dr. Okoro is a board-certified psychiatrist with a special interest in OCD and brain stimulation "
        "treatments. He leads the clinic's TMS program and works closely with patients' therapists.",
    },
    {
        "name": "Rosa Delgado",
        "credentials": "PMHNP-BC",
        "role": "Psychiatric nurse practitioner",
        "bio": "Rosa is a board-certified psychiatric mental health nurse practitioner. She sees patients for "
        "first visits and follow-up care, and helps them plan their treatment with the rest of the team.",
    },
]


# Blocks in StreamField's raw form.


def demo_links():
    """Ids of what the demo's blocks point at: the call-back form and the demo image."""
    return {
        "call_back": FormPage.objects.get(slug=CALL_BACK_SLUG).pk,
        "image": ClinicImage.objects.get(title=HERO_IMAGE_TITLE).pk,
    }


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def key_takeaways(*points):
    return {"type": "key_takeaways", "value": {"heading": "Key takeaways", "points": list(points)}}


def benefits(heading, intro, *items):
    return {
        "type": "benefits",
        "value": {
            "heading": heading,
            "intro": p(intro),
            "items": [{"title": title, "detail": detail} for title, detail in items],
        },
    }


def risks(heading, intro, items, get_help):
    return {
        "type": "risks",
        "value": {
            "heading": heading,
            "intro": p(intro),
            "items": [{"name": name, "description": description} for name, description in items],
            "get_help": p(get_help),
        },
    }


def steps(heading, *items):
    return {
        "type": "steps",
        "value": {"heading": heading, "steps": [{"title": title, "text": p(text)} for title, text in items]},
    }


def faq(*items):
    return {
        "type": "faq",
        "value": {
            "heading": "Frequently asked questions",
            "questions": [
                {"question": question, "answer": answer if answer.startswith("<") else p(answer)}
                for question, answer in items
            ],
        },
    }


def callout(kind, title, text):
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": p(text)}}


def when_to_get_help(non_urgent=None, urgent=None, emergency=None):
    return {
        "type": "when_to_get_help",
        "value": {
            "heading": "When to get help",
            "non_urgent": non_urgent
            or p(
                f"Call us on {PHONE_LINK} during opening hours if side effects bother you, or if your mood is "
                "slowly getting worse."
            ),
            "urgent": urgent
            or p(
                "Call us today, or your own doctor or an urgent care center, if you feel much worse, have not "
                "slept for several nights, or feel unsafe but not in immediate danger."
            ),
            "emergency": emergency
            or p(
                'Call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) at any time if you are '
                'thinking about suicide. Call <a href="tel:911">911</a> if you or someone else is in immediate '
                "danger."
            ),
        },
    }


def testimonial(quote, attribution):
    return {"type": "testimonial", "value": {"quote": quote, "attribution": attribution, "results_note": RESULTS_VARY}}


def references(*items):
    return {"type": "references", "value": {"heading": "References", "items": list(items)}}


def call_to_action(links, heading, text, button_label="Request a call-back"):
    return {
        "type": "call_to_action",
        "value": {
            "heading": heading,
            "text": text,
            "button_label": button_label,
            "page": links["call_back"],
            "link_url": "",
        },
    }


def image(links, alt_text, caption):
    return {
        "type": "image",
        "value": {
            "image": links["image"],
            "alt_text": alt_text,
            "decorative": False,
            "caption": caption,
            "credit": "Illustration made for this site",
        },
    }


def video(url, title, transcript):
    return {"type": "video", "value": {"video": url, "title": title, "transcript": transcript}}


def comparison_table():
    headings = ["Treatment", "How it is given", "Each session", "Usual course", "Driving afterwards", "Insurance"]
    rows = [
        [
            "Ketamine therapy",
            "Drip into a vein (IV), or an injection into a muscle",
            "About 40 minutes, then rest until the effects wear off",
            "Often 6 sessions over 2–3 weeks",
            "Not until the next day, after a night's sleep",
            "Usually paid by the patient",
        ],
        [
            "Spravato (esketamine)",
            "Nasal spray you use yourself, with staff watching",
            "A few minutes for the spray, then at least 2 hours of monitoring",
            "Twice a week at first, then less often",
            "Not until the next day, after a restful sleep",
            "Often covered, with prior authorization",
        ],
        [
            "NeuroStar TMS",
            "Magnetic pulses from a coil held against the head",
            "About 19–37 minutes",
            "About 36 sessions over 6–9 weeks",
            "Yes, you can drive yourself",
            "Often covered for depression, with prior authorization",
        ],
    ]
    return {
        "type": "table",
        "value": {
            "caption": "How our three treatments compare",
            "columns": [{"type": "text", "heading": heading} for heading in headings],
            "rows": [{"values": row} for row in rows],
        },
    }


FEDER_2014 = {
    "authors": "Feder A, Parides MK, Murrough JW, et al.",
    "title": "Efficacy of intravenous ketamine for treatment of chronic posttraumatic stress disorder: "
    "a randomized clinical trial",
    "source": "JAMA Psychiatry",
    "year": 2014,
    "url": "",
    "doi": "10.1001/jamapsychiatry.2014.62",
}
DALY_2018 = {
    "authors": "Daly EJ, Singh JB, Fedgchin M, et al.",
    "title": "Efficacy and safety of intranasal esketamine adjunctive to oral antidepressant therapy in "
    "treatment-resistant depression: a randomized clinical trial",
    "source": "JAMA Psychiatry",
    "year": 2018,
    "url": "",
    "doi": "10.1001/jamapsychiatry.2017.3739",
}
OREARDON_2007 = {
    "authors": "O'Reardon JP, Solvason HB, Janicak PG, et al.",
    "title": "Efficacy and safety of transcranial magnetic stimulation in the acute treatment of major "
    "depression: a multisite randomized controlled trial",
    "source": "Biological Psychiatry",
    "year": 2007,
    "url": "",
    "doi": "10.1016/j.biopsych.2007.01.018",
}
CARMI_2019 = {
    "authors": "Carmi L, Tendler A, Bystritsky A, et al.",
    "title": "Efficacy and safety of deep transcranial magnetic stimulation for obsessive-compulsive disorder: "
    "a prospective multicenter randomized double-blind placebo-controlled trial",
    "source": "American Journal of Psychiatry",
    "year": 2019,
    "url": "",
    "doi": "10.1176/appi.ajp.2019.18101180",
}
FU_2020 = {
    "authors": "Fu DJ, Ionescu DF, Li X, et al.",
    "title": "Esketamine nasal spray for rapid reduction of major depressive disorder symptoms in patients who "
    "have active suicidal ideation with intent: double-blind, randomized study (ASPIRE I)",
    "source": "Journal of Clinical Psychiatry",
    "year": 2020,
    "url": "",
    "doi": "10.4088/JCP.19m13191",
}


def treatment_specs(links):
    return [
        {
            "title": "Ketamine therapy",
            "slug": "ketamine-therapy",
            "reviewer": "Dr. Helen Marsh",
            "conditions": ["treatment-resistant-depression", "ptsd", "depression-with-suicidal-thoughts"],
            "summary": "Low doses of ketamine, given by IV infusion or injection in our clinic, can ease depression "
            "and PTSD symptoms for some people when other treatments have not helped enough. This use is "
            "off-label, and results vary.",
            "how_given": "IV infusion or intramuscular injection",
            "session_length": "About 40 minutes for an infusion, then rest until the effects wear off",
            "course_length": "Often 6 sessions over 2–3 weeks, then occasional top-up sessions if it helps",
            "insurance_note": "Ketamine is not FDA-approved for depression or PTSD, so insurance usually does not pay "
            "for the treatment. Most people pay for it themselves. We tell you the full cost before you start.",
            "fda_approved_for": p(
                "Ketamine is FDA-approved as an anesthetic, for sedation and pain control during surgery and "
                "other procedures. It is not FDA-approved to treat depression, PTSD or any other mental health "
                "condition."
            ),
            "off_label_uses": bullet_list(
                "Treatment-resistant depression",
                "Depression with thoughts of suicide",
                "Post-traumatic stress disorder (PTSD)",
            )
            + p(
                "“Off-label” means a medicine is used for a condition the FDA has not approved it for. Doctors "
                "may do this when research supports it. We explain what is known, and what is not, before you "
                "decide."
            ),
            "rems_requirements": "",
            "body": [
                key_takeaways(
                    "Ketamine can ease depression and PTSD symptoms for some people when other treatments have not helped enough.",
                    "Using ketamine for depression or PTSD is off-label: the FDA has not approved it for these conditions.",
                    "It is given in our clinic, and a nurse watches over you the whole time.",
                    "You cannot drive until the next day, so you need a ride home.",
                    "Results vary. It works best as one part of a wider treatment plan.",
                ),
                section(
                    "What ketamine therapy is",
                    "Ketamine has been used for many years as an anesthetic during surgery. At much lower doses, "
                    "researchers found it can ease the symptoms of depression, sometimes within hours or days.",
                    "At Willow Bend, ketamine is given as a slow drip into a vein (an IV infusion) or as an "
                    "injection into a muscle (intramuscular). Your psychiatrist decides with you which way suits "
                    "you. It is always given in the clinic, never at home.",
                ),
                section(
                    "How ketamine works",
                    "Most antidepressants work on serotonin or similar brain chemicals. Ketamine works in a "
                    "different way. It blocks a receptor in the brain called the NMDA receptor.",
                    "This leads to a short burst of glutamate, one of the brain's main messenger chemicals. "
                    "Researchers think this helps nerve cells grow new connections, called synapses. This ability "
                    "of the brain to change and make new connections is called neuroplasticity.",
                    "Scientists are still learning exactly how this eases depression and PTSD.",
                ),
                callout(
                    "information",
                    "An off-label treatment",
                    "The FDA has not approved ketamine for depression or PTSD. Doctors can still prescribe it when "
                    "research supports it. Your psychiatrist will explain the evidence, and other options, so you "
                    "can decide.",
                ),
                benefits(
                    "Possible benefits",
                    "Ketamine does not help everyone, and its effects may fade over time without further sessions.",
                    (
                        "It can work quickly",
                        "Some people notice a change within hours or days, rather than the weeks most antidepressants take.",
                    ),
                    (
                        "A different way of working",
                        "Because it acts on a different brain system, it may help when several antidepressants have not.",
                    ),
                    (
                        "It may ease PTSD symptoms",
                        "Studies suggest it can reduce PTSD symptoms for some people, though the research is still growing.",
                    ),
                    (
                        "No daily medicine at home",
                        "You receive each dose at the clinic, so there is nothing extra to take every day.",
                    ),
                ),
                risks(
                    "Risks and side effects",
                    "Most side effects happen during the session and fade within an hour or two. A nurse checks "
                    "on you throughout and stays until you are steady.",
                    [
                        (
                            "Dissociation",
                            "Feeling detached from your body or surroundings, or noticing changes in sight, sound "
                            "or time. It can feel strange, and usually passes soon after the dose ends.",
                        ),
                        ("Dizziness", "Feeling lightheaded or unsteady. Staff help you when you stand up."),
                        (
                            "Nausea",
                            "Feeling sick to your stomach, and sometimes vomiting. We can give medicine to help.",
                        ),
                        (
                            "Raised blood pressure",
                            "Blood pressure and heart rate often rise for a short time. We check them before, "
                            "during and after each session.",
                        ),
                        (
                            "Sleepiness",
                            "Feeling drowsy or slowed down for the rest of the day. This is why you must not "
                            "drive until the next day.",
                        ),
                        (
                            "Misuse",
                            "Ketamine is a controlled medicine because it can be misused. In the clinic it is "
                            "given in measured doses and never sent home. Heavy, frequent use outside medical "
                            "care can harm the bladder and memory.",
                        ),
                    ],
                    "Tell the nurse at once if you feel unwell during a session. After you get home, call us on "
                    f"{PHONE_LINK} if something worries you. Call 911 if you have chest pain, trouble breathing "
                    "or a very bad headache.",
                ),
                section(
                    "Who may not be able to have ketamine",
                    "Ketamine is not safe for everyone. Your psychiatrist checks your health first, and may advise "
                    "against it if you have:",
                    bullet_list(
                        "High blood pressure that is not well controlled",
                        "Certain heart or blood vessel problems, such as an aneurysm (a bulging blood vessel)",
                        "A history of psychosis, such as hearing or seeing things that others do not",
                        "A current problem with alcohol or drug use",
                        "A pregnancy, or plans to become pregnant soon",
                    ),
                    "Please tell us about all your medicines and health problems, even if they seem unrelated.",
                ),
                steps(
                    "What happens at an infusion session",
                    (
                        "Before you come",
                        "We tell you when to stop eating and drinking beforehand. Arrange for an adult to take you home.",
                    ),
                    (
                        "Check-in",
                        "A nurse checks your blood pressure and heart rate and asks how you have been feeling.",
                    ),
                    (
                        "The infusion",
                        "You sit in a reclining chair in a quiet private room. A small IV line goes into your arm "
                        "and the medicine drips in slowly, usually over about 40 minutes. You can listen to music "
                        "or wear an eye mask.",
                    ),
                    (
                        "Rest and recovery",
                        "You rest until the effects have worn off. The nurse checks your blood pressure again and "
                        "makes sure you are steady on your feet.",
                    ),
                    (
                        "Going home",
                        "An adult takes you home. Do not drive, or make big decisions, until the next day after a "
                        "night's sleep.",
                    ),
                ),
                callout(
                    "caution",
                    "Plan a ride home",
                    "You cannot drive for the rest of the day after ketamine. Please arrange for an adult to "
                    "collect you, and do not drive until the next day after a night's sleep.",
                ),
                comparison_table(),
                testimonial(
                    "I was nervous before my first infusion, but the nurse explained everything and stayed close. "
                    "After a few sessions the nightmares came less often and I slept better. It did not fix "
                    "everything, but it made it easier to keep going with my therapy.",
                    "A patient treated for PTSD",
                ),
                faq(
                    (
                        "Will ketamine make me feel strange?",
                        "During the session you may feel dreamy, floaty or detached, and sounds or colors may "
                        "seem different. These feelings usually fade within an hour or two. A nurse stays with "
                        "you, and you can tell them at any time if you feel uneasy.",
                    ),
                    (
                        "How soon might I notice a change?",
                        "Some people notice a change within a day or two. Others need several sessions, and some "
                        "people do not benefit. We check your progress with you after the first series of sessions.",
                    ),
                    (
                        "Can I keep taking my other medicines?",
                        "Usually yes. Some medicines, such as certain sleeping or anxiety medicines, may need to "
                        "be adjusted. Never stop a medicine without talking to your doctor first.",
                    ),
                    (
                        "Is ketamine addictive?",
                        "Ketamine can be misused, which is why it is only given in the clinic, in measured doses. "
                        "Please tell us if you have ever had problems with alcohol or drugs, so we can plan "
                        "your care safely.",
                    ),
                    (
                        "Does insurance pay for ketamine?",
                        "Usually not, because ketamine is not FDA-approved for depression or PTSD. Our intake "
                        "team tells you the full cost before you start, and can check whether your plan covers "
                        "any part of your visits.",
                    ),
                ),
                references(FEDER_2014),
                call_to_action(
                    links,
                    "Ask whether ketamine might suit you",
                    "Our intake team will call you back, usually within one working day, to talk about your "
                    "options in private.",
                ),
            ],
        },
        {
            "title": "Spravato (esketamine) nasal spray",
            "slug": "spravato-esketamine",
            "reviewer": "Dr. Helen Marsh",
            "conditions": ["treatment-resistant-depression", "depression-with-suicidal-thoughts"],
            "summary": "Spravato is a nasal spray that is FDA-approved for adults with treatment-resistant "
            "depression, and for depressive symptoms in adults with suicidal thoughts or behavior. You use it "
            "yourself at our certified center, where we watch over you afterwards.",
            "how_given": "Nasal spray, used by you under supervision",
            "session_length": "A few minutes for the spray, then at least 2 hours of monitored rest",
            "course_length": "For treatment-resistant depression: twice a week for 4 weeks, weekly for 4 weeks, "
            "then weekly or every 2 weeks",
            "insurance_note": "Many insurance plans cover Spravato when other antidepressants have not helped "
            "enough. Most plans need prior authorization, which our team requests for you. What you pay depends "
            "on your plan.",
            "fda_approved_for": bullet_list(
                "Treatment-resistant depression in adults: depression that has not improved enough after at "
                "least two antidepressants. It can be used together with an oral antidepressant, or on its own.",
                "Depressive symptoms in adults with major depressive disorder who have acute suicidal thoughts "
                "or behavior, together with an oral antidepressant.",
            )
            + p(
                "For the second use, Spravato has not been shown to prevent suicide or to reduce suicidal "
                "thoughts or behavior. It does not replace hospital care when that is needed."
            ),
            "off_label_uses": "",
            "rems_requirements": bullet_list(
                "Spravato is only given in a treatment center certified in the Spravato REMS program. It is "
                "never sent home with you.",
                "You use the nasal spray yourself, while a member of our staff watches.",
                "You stay with us for at least two hours after each dose, and until you are ready to leave "
                "safely. We check your blood pressure, alertness and breathing.",
                "You must not drive or use machinery until the next day, after a restful sleep. Someone needs "
                "to take you home.",
            ),
            "body": [
                key_takeaways(
                    "Spravato is an FDA-approved nasal spray for adults with treatment-resistant depression.",
                    "It is also approved for depressive symptoms in adults with suicidal thoughts or behavior, "
                    "alongside an antidepressant taken by mouth.",
                    "You use it at our clinic and stay at least two hours afterwards while we watch over you.",
                    "You cannot drive until the next day after a restful sleep, so you need a ride home.",
                    "Many insurance plans cover it, usually after prior authorization.",
                ),
                section(
                    "What Spravato is",
                    "Spravato is the brand name of esketamine, a medicine given as a nasal spray. It was approved "
                    "by the FDA in 2019 for adults whose depression has not improved enough after trying at least "
                    "two antidepressants.",
                    "Because it can cause sleepiness and unusual feelings for a short time, the FDA only allows it "
                    "to be used in certified treatment centers like ours, with staff present.",
                ),
                section(
                    "How Spravato works",
                    "Ketamine is made of two mirror-image forms of the same molecule. Esketamine is one of them, "
                    "called the S-enantiomer.",
                    "Like ketamine, esketamine blocks the NMDA receptor in the brain. This is a different way of "
                    "working from most antidepressants. Researchers think it helps brain cells form new "
                    "connections, but the exact way it eases depression is still being studied.",
                ),
                callout(
                    "caution",
                    "No driving until the next day",
                    "After each dose you must not drive or use machinery until the next day, after a restful "
                    "sleep. Please arrange for someone to take you home every time.",
                ),
                benefits(
                    "Possible benefits",
                    "Spravato does not help everyone. We check your progress with you regularly and stop if it is "
                    "not helping.",
                    (
                        "FDA-approved for treatment-resistant depression",
                        "It has been tested in clinical trials and approved for adults whose depression has not "
                        "lifted with other antidepressants.",
                    ),
                    (
                        "It can work within days",
                        "Some people notice their mood improving within days, rather than the weeks most "
                        "antidepressants take.",
                    ),
                    (
                        "Supervised every time",
                        "Every dose is given at the clinic, so a nurse is with you if side effects happen.",
                    ),
                    (
                        "Often covered by insurance",
                        "Many plans pay for it once prior authorization is in place.",
                    ),
                ),
                risks(
                    "Risks and side effects",
                    "Most side effects start soon after the dose and ease within the two hours you stay with us. "
                    "We check your blood pressure and how alert you are before you leave.",
                    [
                        (
                            "Dissociation",
                            "Feeling detached from yourself or your surroundings, or noticing changes in time, "
                            "space or sound. This is common and usually passes on the same day.",
                        ),
                        ("Dizziness", "Feeling lightheaded, or as if the room is spinning."),
                        ("Nausea", "Feeling sick, and sometimes vomiting. Not eating beforehand can help."),
                        (
                            "Sleepiness (sedation)",
                            "Feeling very drowsy. Rarely, breathing can slow down, especially with other "
                            "medicines that cause sleepiness. This is one reason we monitor you closely.",
                        ),
                        (
                            "Raised blood pressure",
                            "Blood pressure often rises for a short time after a dose. We check it before the "
                            "dose and again afterwards.",
                        ),
                        (
                            "Misuse",
                            "Esketamine is a controlled medicine because it can be misused. This is why it is "
                            "only used at the clinic and never taken home.",
                        ),
                        (
                            "Changes in mood or thoughts",
                            "As with other antidepressants, some young adults have new or worse thoughts of "
                            "suicide, especially early in treatment. Tell us at once about any change like this.",
                        ),
                    ],
                    f"Tell the nurse straight away if you feel unwell at the clinic. After you get home, call us on "
                    f"{PHONE_LINK} if something worries you. Call or text 988 if you are thinking about suicide, "
                    "and call 911 in an emergency.",
                ),
                section(
                    "Who should not use Spravato",
                    "You should not use Spravato if you have:",
                    bullet_list(
                        "An aneurysm (a bulging blood vessel) in the brain, chest, belly, arms or legs",
                        "An abnormal tangle of blood vessels, called an arteriovenous malformation",
                        "Had bleeding in the brain",
                        "Had an allergic reaction to esketamine or ketamine",
                    ),
                    "We also take extra care, and may advise against it, if you have high blood pressure that is "
                    "not controlled, heart problems, a history of psychosis or of drug or alcohol problems, or if "
                    "you are pregnant, breastfeeding or planning a pregnancy.",
                ),
                steps(
                    "What happens at a Spravato session",
                    (
                        "Before you come",
                        "Do not eat for 2 hours before your session, and do not drink for 30 minutes before. "
                        "Arrange a ride home.",
                    ),
                    (
                        "Check-in",
                        "A nurse checks your blood pressure and asks how you are. If your blood pressure is too "
                        "high, we may wait and check again, or move the session to another day.",
                    ),
                    (
                        "Using the spray",
                        "You use each nasal spray device yourself while the nurse watches, resting for 5 minutes "
                        "between devices.",
                    ),
                    (
                        "Monitoring",
                        "You rest in a comfortable chair for at least 2 hours. We check your blood pressure, "
                        "alertness and breathing.",
                    ),
                    (
                        "Going home",
                        "When the nurse agrees you are ready, someone takes you home. Do not drive until the "
                        "next day, after a restful sleep.",
                    ),
                ),
                comparison_table(),
                when_to_get_help(),
                faq(
                    (
                        "Can I take Spravato at home?",
                        "No. The FDA's safety program (REMS) only allows Spravato to be used at a certified "
                        "center, with staff watching you for at least two hours afterwards.",
                    ),
                    (
                        "Do I keep taking my antidepressant tablets?",
                        "Often yes. Spravato can be used with an antidepressant taken by mouth, or on its own for "
                        "treatment-resistant depression. Your psychiatrist will advise you. Do not stop any "
                        "medicine without talking to us first.",
                    ),
                    (
                        "How long will each visit take?",
                        "Plan to spend most of a morning or afternoon with us. The monitoring alone lasts at "
                        "least two hours, and you can read, listen to music or rest.",
                    ),
                    (
                        "Will my insurance cover Spravato?",
                        "Many plans do, usually after prior authorization. Our intake team checks your plan and "
                        "requests approval before your first session.",
                    ),
                ),
                references(DALY_2018),
                call_to_action(
                    links,
                    "Ask whether Spravato might suit you",
                    "Our intake team will call you back, usually within one working day, and check your "
                    "insurance for you.",
                ),
            ],
        },
        {
            "title": "NeuroStar TMS",
            "slug": "neurostar-tms",
            "reviewer": "Dr. Samuel Okoro",
            "conditions": ["treatment-resistant-depression", "ocd"],
            "summary": "TMS uses gentle magnetic pulses to stimulate an area of the brain linked to mood. "
            "NeuroStar is FDA-cleared for adults whose depression has not improved enough with antidepressants. "
            "You stay awake and can drive yourself home.",
            "how_given": "Magnetic pulses from a coil held against the head",
            "session_length": "About 19–37 minutes, depending on the treatment setting",
            "course_length": "About 36 sessions over 6–9 weeks: five days a week at first, then fewer",
            "insurance_note": "Many plans cover TMS for depression when certain conditions are met, such as having "
            "tried antidepressants. Prior authorization is usually needed. Cover for OCD varies more. Our team "
            "checks your plan for you.",
            "fda_approved_for": p(
                "TMS devices are FDA-<em>cleared</em>, not approved: clearance is the route the FDA uses for "
                "many medical devices."
            )
            + bullet_list(
                "NeuroStar TMS is FDA-cleared for major depressive disorder in adults who have not improved "
                "enough with antidepressant medicine.",
                "Some TMS devices are also FDA-cleared as an add-on treatment for OCD in adults. Ask us which "
                "device would be used for you.",
            ),
            "off_label_uses": p(
                "TMS is FDA-cleared for OCD only with certain devices designed for it. If TMS is suggested for "
                "your OCD using a device that is not cleared for OCD, that use is off-label. Your psychiatrist "
                "will tell you which device would be used and what the research shows."
            ),
            "rems_requirements": "",
            "body": [
                key_takeaways(
                    "TMS uses magnetic pulses to stimulate an area of the brain involved in mood.",
                    "NeuroStar is FDA-cleared for adults whose depression has not improved enough with antidepressants.",
                    "There is no anesthesia: you stay awake and can drive yourself home.",
                    "A typical course is about 36 sessions over 6–9 weeks.",
                    "The most common side effects are scalp discomfort and headache. Seizures are rare.",
                ),
                section(
                    "What TMS is",
                    "TMS stands for transcranial magnetic stimulation. “Transcranial” means through the skull. "
                    "It is a treatment for depression that does not use medicine.",
                    "NeuroStar is one of the TMS systems the FDA has cleared for depression. It has been used "
                    "in clinics since 2008.",
                ),
                section(
                    "How TMS works",
                    "A magnetic coil rests against your head, over the left prefrontal cortex. This is an area "
                    "near the front of the brain that helps control mood, and it tends to be less active in "
                    "depression.",
                    "The coil sends short magnetic pulses through the skull. They create small electrical "
                    "currents that stimulate the nerve cells underneath. Over many sessions, this is thought to "
                    "help the brain's mood circuits work more normally.",
                ),
                benefits(
                    "Possible benefits",
                    "TMS does not help everyone, and improvement is usually gradual over several weeks.",
                    (
                        "No anesthesia",
                        "You are awake the whole time, and you can drive yourself and go back to your day.",
                    ),
                    (
                        "Not a medicine",
                        "It does not cause whole-body side effects such as weight gain or sexual side effects.",
                    ),
                    (
                        "FDA-cleared for depression",
                        "It has been studied in clinical trials and used in clinics for many years.",
                    ),
                    (
                        "Works alongside other care",
                        "You can usually keep taking your medicines and seeing your therapist during TMS.",
                    ),
                ),
                risks(
                    "Risks and side effects",
                    "Side effects are usually mild and happen during or soon after a session. Many people find "
                    "they ease as the weeks go on.",
                    [
                        (
                            "Scalp discomfort",
                            "A tapping or aching feeling under the coil. We can adjust the coil or settings if it "
                            "bothers you.",
                        ),
                        ("Headache", "A mild headache after sessions, often eased by a simple pain reliever."),
                        (
                            "Noise",
                            "The coil makes a loud clicking sound. You wear earplugs during every session to "
                            "protect your hearing.",
                        ),
                        (
                            "Seizure",
                            "A seizure during TMS is rare. Staff are trained to respond, and we check your "
                            "history for seizure risk before you start.",
                        ),
                    ],
                    f"Tell the technician at once if anything feels wrong during a session: they can stop "
                    f"straight away. Between sessions, call us on {PHONE_LINK} if side effects worry you. Call "
                    "911 in an emergency.",
                ),
                callout(
                    "caution",
                    "Tell us about any metal in or near your head",
                    "TMS is not for people with metal that cannot be removed in or near the head, such as "
                    "aneurysm clips or coils, stents in the neck or brain, cochlear implants, implanted "
                    "stimulators or bullet fragments. Most ordinary dental fillings are not a problem, but "
                    "please tell us about any implant.",
                ),
                steps(
                    "What happens at a TMS session",
                    (
                        "Your first session",
                        "We find the right strength for you by placing the coil over the part of the brain that "
                        "moves your hand, and finding the lowest setting that makes your thumb or fingers twitch. "
                        "Then we find the treatment spot.",
                    ),
                    (
                        "Getting settled",
                        "You sit in a reclining chair, awake, and put in earplugs. The coil is placed gently "
                        "against your head.",
                    ),
                    (
                        "The treatment",
                        "You hear clicks and feel tapping on your scalp for about 19 to 37 minutes. You can talk, "
                        "rest or watch something.",
                    ),
                    (
                        "Afterwards",
                        "You can drive yourself home, go to work and do your usual activities straight away.",
                    ),
                ),
                # A real, openly licensed film stands in until the clinic records its own:
                # a made-up address could point at anything.
                video(
                    "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "Demo placeholder: replace with your own film of a TMS session",
                    p(
                        "This demo site shows “Big Buck Bunny”, an open film by the Blender Foundation, "
                        "where the clinic's own video of a TMS session would go. It has music and no speech.",
                    ),
                ),
                comparison_table(),
                testimonial(
                    "The sessions became part of my morning. I drove myself there and went on to work afterwards. "
                    "Around the fourth week my family said I was joining in conversations again. It was gradual, "
                    "not sudden.",
                    "A patient treated for depression",
                ),
                faq(
                    (
                        "Does TMS hurt?",
                        "Most people feel tapping and some discomfort on the scalp, and some get a headache. These "
                        "usually ease as sessions go on. Tell the technician if it hurts, so they can adjust it.",
                    ),
                    (
                        "Can I drive and go to work afterwards?",
                        "Yes. There is no anesthesia or sedation, so you can drive yourself and carry on with "
                        "your day.",
                    ),
                    (
                        "Is TMS the same as ECT (electroconvulsive therapy)?",
                        "No. ECT is given under general anesthesia and causes a controlled seizure. TMS does not "
                        "need anesthesia, you stay awake, and it has not been found to cause memory problems.",
                    ),
                    (
                        "Can TMS help OCD?",
                        "The FDA has cleared some TMS devices as an add-on treatment for OCD in adults. If you "
                        "have OCD, your psychiatrist will explain which device would be used and whether that use "
                        "is cleared, and TMS is added to your therapy, not used instead of it.",
                    ),
                    (
                        "What happens after the course ends?",
                        "We check your progress with you. Some people stay well, and some need more sessions later "
                        "if symptoms come back.",
                    ),
                ),
                references(OREARDON_2007),
                call_to_action(
                    links,
                    "Ask whether TMS might suit you",
                    "Our intake team will call you back, usually within one working day, and check your "
                    "insurance for you.",
                ),
            ],
        },
    ]


def condition_specs(links):
    return [
        {
            "title": "PTSD",
            "slug": "ptsd",
            "reviewer": "Dr. Helen Marsh",
            "summary": "Post-traumatic stress disorder (PTSD) can follow a frightening or harmful event. It can "
            "bring nightmares, fear and feeling on edge long after the danger has passed. It is treatable.",
            "common_symptoms": "\n".join(
                [
                    "Nightmares or flashbacks about what happened",
                    "Upsetting memories that come back without warning",
                    "Avoiding people, places or thoughts that bring back the memory",
                    "Feeling on edge, jumpy or easily startled",
                    "Trouble sleeping or concentrating",
                    "Feeling numb, guilty or cut off from other people",
                ]
            ),
            "body": [
                key_takeaways(
                    "PTSD is a common response to trauma. It is not a sign of weakness.",
                    "Talking therapies that focus on the trauma are usually the first treatment to try.",
                    "Some medicines can help too, alongside therapy.",
                    "Ketamine is being studied for PTSD. Using it for PTSD is off-label.",
                ),
                section(
                    "What PTSD is",
                    "PTSD can develop after living through or seeing an event that was frightening, violent or "
                    "life-threatening. Examples include an assault, a serious accident, military combat, a "
                    "disaster or the sudden loss of someone close.",
                    "Most people have strong reactions after a trauma, and these often ease over time. With PTSD, "
                    "the symptoms last for more than a month, or start later, and get in the way of daily life. "
                    "The brain keeps reacting as if the danger is still happening.",
                ),
                section(
                    "How PTSD is usually treated",
                    "Talking therapies that focus on the trauma help many people. These include cognitive "
                    "processing therapy, prolonged exposure therapy and EMDR (eye movement desensitization and "
                    "reprocessing). They help you make sense of what happened and feel less controlled by it.",
                    "Two antidepressants, sertraline and paroxetine, are FDA-approved for PTSD. Your doctor may "
                    "suggest one of these or a similar medicine alongside therapy.",
                ),
                section(
                    "Where ketamine may fit",
                    "For people whose PTSD has not improved enough with therapy and medicines, ketamine is one "
                    "option being studied. In a small trial, a single ketamine infusion eased PTSD symptoms for a "
                    "short time more than a comparison medicine did. Larger and longer studies are still needed.",
                    "Ketamine is not FDA-approved for PTSD. If we offer it, it is added to your therapy, not used "
                    "in place of it.",
                ),
                image(
                    links,
                    "Soft morning light over still water, with low hills on the horizon.",
                    "Recovery from PTSD is often gradual, and support helps along the way.",
                ),
                faq(
                    (
                        "Can PTSD start years after the event?",
                        "Yes. Symptoms often begin soon after a trauma, but they can also start months or even "
                        "years later.",
                    ),
                    (
                        "Do I have to talk about the trauma in detail?",
                        "Not at first, and not until you are ready. Some therapies do involve going back over the "
                        "memory, but this is done gradually and with support, at a pace you agree to.",
                    ),
                    (
                        "Is PTSD only something veterans get?",
                        "No. Anyone can develop PTSD after a trauma, at any age.",
                    ),
                ),
                when_to_get_help(),
                references(FEDER_2014),
                call_to_action(
                    links,
                    "Talk to us about PTSD",
                    "If PTSD is still shaping your days despite treatment, our intake team can talk through your "
                    "options in private.",
                ),
            ],
        },
        {
            "title": "Treatment-resistant depression",
            "slug": "treatment-resistant-depression",
            "reviewer": "Rosa Delgado",
            "summary": "Treatment-resistant depression is depression that has not improved enough after trying at "
            "least two antidepressants. It is common, it is not your fault, and there are still treatments to try.",
            "common_symptoms": "\n".join(
                [
                    "Low, empty or hopeless mood most of the day",
                    "Losing interest or pleasure in things you used to enjoy",
                    "Sleeping much more or much less than usual",
                    "Feeling tired or slowed down",
                    "Changes in appetite or weight",
                    "Trouble concentrating or making decisions",
                    "Feeling worthless or guilty",
                    "Thoughts of death or suicide",
                ]
            ),
            "body": [
                key_takeaways(
                    "Depression is called treatment-resistant when at least two antidepressants have not helped enough.",
                    "Many people with depression do not get enough relief from the first medicines they try.",
                    "Spravato, TMS and ketamine work in different ways from standard antidepressants.",
                    "New treatments are added to your care. You do not have to give up what already helps.",
                ),
                section(
                    "What treatment-resistant depression means",
                    "Doctors usually use this term when depression has not improved enough after at least two "
                    "different antidepressants, each taken at a good dose for long enough.",
                    "It does not mean nothing will work. It means it is time to look again at the diagnosis, and "
                    "to think about treatments that work in a different way.",
                ),
                section(
                    "Why depression may not respond",
                    "Depression is different from person to person, and no one treatment suits everyone. Before "
                    "trying something new, we check for things that can keep depression going, such as thyroid "
                    "problems, poor sleep, alcohol or drug use, or bipolar disorder, which needs different "
                    "treatment.",
                ),
                steps(
                    "How we plan your care",
                    (
                        "A full assessment",
                        "A psychiatrist or nurse practitioner goes over your symptoms, your health and every "
                        "treatment you have tried.",
                    ),
                    (
                        "Checking other causes",
                        "We look for other problems that can keep depression going, and may ask for blood tests.",
                    ),
                    (
                        "Choosing together",
                        "We explain the options that may suit you, with their benefits and risks, and you decide.",
                    ),
                    (
                        "Tracking progress",
                        "You fill in short questionnaires as treatment goes on, so we can see what is changing "
                        "and adjust the plan.",
                    ),
                ),
                callout(
                    "information",
                    "You do not have to stop what helps",
                    "New treatments are usually added to your current care. We stay in touch with your own doctor "
                    "and therapist, and never ask you to stop a medicine without a plan.",
                ),
                section(
                    "Treatments we offer",
                    bullet_list(
                        "<b>Spravato (esketamine)</b>: an FDA-approved nasal spray for treatment-resistant depression.",
                        "<b>NeuroStar TMS</b>: magnetic stimulation, FDA-cleared for depression that has not improved "
                        "enough with antidepressants.",
                        "<b>Ketamine therapy</b>: IV infusions or injections, used off-label for depression.",
                    ),
                    "Other options, such as different medicines, talking therapies or electroconvulsive therapy "
                    "(ECT), may also help. If one of these suits you better, we will tell you and help you get it.",
                ),
                faq(
                    (
                        "Is it my fault that treatments have not worked?",
                        "No. Treatment-resistant depression is common, and it is not caused by a lack of effort. "
                        "It often means the right treatment has not been found yet.",
                    ),
                    (
                        "Which treatment should I try first?",
                        "It depends on your symptoms, your health, what you have tried and what matters to you, "
                        "including cost and time. We talk through the options together.",
                    ),
                    (
                        "Do I need a referral?",
                        "No, you can contact us yourself. We do ask for permission to talk with your own doctor, "
                        "so your care stays joined up.",
                    ),
                ),
                when_to_get_help(),
                call_to_action(
                    links,
                    "Talk to us about your options",
                    "Our intake team will call you back, usually within one working day, to talk about your "
                    "treatment so far.",
                ),
            ],
        },
        {
            "title": "OCD",
            "slug": "ocd",
            "reviewer": "Dr. Samuel Okoro",
            "summary": "Obsessive-compulsive disorder (OCD) causes unwanted thoughts, urges or images, and repeated "
            "actions or mental rituals done to ease the distress. It is treatable, even when first treatments "
            "have not helped enough.",
            "common_symptoms": "\n".join(
                [
                    "Unwanted thoughts, images or urges that keep coming back",
                    "Strong anxiety or discomfort until a ritual is done",
                    "Repeated checking, cleaning, counting or ordering",
                    "Mental rituals, such as repeating words in your head",
                    "Needing things to feel “just right”",
                    "Spending a lot of time each day on thoughts or rituals",
                    "Avoiding places or things that set off the thoughts",
                ]
            ),
            "body": [
                key_takeaways(
                    "OCD is a medical condition, not a quirk or a personality trait.",
                    "A talking therapy called exposure and response prevention (ERP) is a first treatment.",
                    "Medicines called SSRIs can also help, often together with therapy.",
                    "Some TMS devices are FDA-cleared as an add-on treatment for OCD in adults.",
                ),
                section(
                    "What OCD is",
                    "OCD has two parts. Obsessions are unwanted thoughts, images or urges that cause strong "
                    "anxiety or distress. Compulsions are things you feel you must do, in your actions or in your "
                    "head, to ease that distress or stop something bad from happening.",
                    "The relief from a compulsion does not last, so the cycle repeats. Many people with OCD know "
                    "their fears do not fully make sense, but still find them very hard to resist.",
                ),
                section(
                    "First treatments for OCD",
                    "Exposure and response prevention (ERP) is a type of cognitive behavioral therapy. With a "
                    "therapist's support, you slowly face the things that set off your fears, and practice not "
                    "doing the rituals. Over time, the anxiety tends to fade.",
                    "Antidepressant medicines called SSRIs are also used for OCD, often together with ERP.",
                ),
                section(
                    "TMS for OCD",
                    "Since 2018, the FDA has cleared some TMS devices as an add-on treatment for OCD in adults. "
                    "These devices use coils designed for OCD, and aim at a different part of the brain from "
                    "standard TMS for depression.",
                    "If TMS may suit you, your psychiatrist will explain which device would be used, whether it "
                    "is FDA-cleared for OCD, and what the research shows.",
                ),
                callout(
                    "information",
                    "TMS is added to therapy",
                    "TMS for OCD is an add-on treatment. It works alongside therapy and medicine, not in place of "
                    "them.",
                ),
                faq(
                    (
                        "Is OCD just being very tidy?",
                        "No. OCD is about distress and feeling driven to do rituals, not about liking things neat. "
                        "Its themes vary widely, from fears of harm or contamination to unwanted thoughts that "
                        "feel shocking.",
                    ),
                    (
                        "Does having an unwanted thought mean I want it to happen?",
                        "No. Unwanted thoughts in OCD go against what a person wants or values, which is why they "
                        "cause so much distress.",
                    ),
                    (
                        "Can I have TMS if I am still in therapy?",
                        "Yes. TMS for OCD is meant to be added to your current care. We work with your therapist.",
                    ),
                ),
                references(CARMI_2019),
                call_to_action(
                    links,
                    "Talk to us about OCD",
                    "If OCD is still taking up much of your day despite treatment, our intake team can talk "
                    "through your options in private.",
                ),
            ],
        },
        {
            "title": "Depression with suicidal thoughts",
            "slug": "depression-with-suicidal-thoughts",
            "reviewer": "Dr. Helen Marsh",
            "summary": "Depression can bring thoughts of death or suicide. These thoughts are a symptom of illness, "
            "and they can ease with treatment. If you are in danger now, call or text 988, or call 911.",
            "common_symptoms": "\n".join(
                [
                    "Thinking about death or wanting to die",
                    "Feeling hopeless or trapped",
                    "Feeling like a burden to others",
                    "Pulling away from friends and family",
                    "Low mood most of the day, nearly every day",
                    "Sleeping much more or much less than usual",
                ]
            ),
            "body": [
                when_to_get_help(
                    urgent=p(
                        "Call us today, or your own doctor, if thoughts of suicide are coming more often or "
                        "feel stronger, even if you do not plan to act on them."
                    ),
                    emergency=p(
                        'Call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) at any time, '
                        "day or night, if you are thinking about suicide. Call "
                        '<a href="tel:911">911</a> or go to the nearest emergency room if you might act on '
                        "these thoughts, or if someone else is in immediate danger."
                    ),
                ),
                callout(
                    "caution",
                    "We are not an emergency service",
                    "Our phones are answered during opening hours only. If you need help outside those hours, "
                    "call or text 988 at any time, or call 911.",
                ),
                key_takeaways(
                    "Thoughts of suicide are a symptom of depression, not a personal failing.",
                    "Talking about these thoughts is safe, and it is the first step to getting help.",
                    "A written safety plan can help you get through hard moments.",
                    "Spravato is FDA-approved for depressive symptoms in adults with suicidal thoughts or "
                    "behavior, alongside an antidepressant.",
                ),
                section(
                    "Thoughts of suicide are a symptom",
                    "When depression is severe, it can make the future look hopeless and make death seem like the "
                    "only way out. These thoughts come from the illness. As depression is treated, they often "
                    "ease.",
                    "You deserve help, and telling someone how you feel is a sign of strength.",
                ),
                section(
                    "Making a safety plan",
                    "A safety plan is a short written list you make with your clinician, to use when thoughts of "
                    "suicide grow stronger. It usually covers:",
                    "<ol><li>Your warning signs: the thoughts, moods or situations that come first.</li>"
                    "<li>Things you can do on your own to cope, such as going for a walk or calling a friend.</li>"
                    "<li>People and places that help take your mind off things.</li>"
                    "<li>People you can ask for help, and how to reach them.</li>"
                    "<li>Professionals to contact, including 988 at any time.</li>"
                    "<li>Making your home safer, for example by storing medicines and firearms away or asking "
                    "someone to keep them.</li></ol>",
                ),
                section(
                    "How treatment may help",
                    "Spravato (esketamine) is FDA-approved, together with an antidepressant taken by mouth, for "
                    "depressive symptoms in adults with major depressive disorder who have acute suicidal "
                    "thoughts or behavior. It has not been shown to prevent suicide or to reduce suicidal "
                    "thoughts, and it does not replace hospital care when that is needed.",
                    "Ketamine is sometimes used off-label for depression with suicidal thoughts. Talking "
                    "therapies, medicines and regular contact with your care team are also important parts of "
                    "treatment.",
                ),
                faq(
                    (
                        "If I tell you I am having suicidal thoughts, will I be sent to hospital?",
                        "Most people who tell us about suicidal thoughts are not admitted to hospital. We talk "
                        "with you about how safe you feel and make a plan together. If you are in immediate "
                        "danger, we help you get emergency care.",
                    ),
                    (
                        "How can I help someone I am worried about?",
                        "<p>Ask them directly whether they are thinking about suicide. Asking does not put the "
                        "idea in their head. Then:</p><ul><li>Listen without judging.</li>"
                        "<li>Help them stay away from anything they could use to harm themselves.</li>"
                        "<li>Call or text 988 together, or call 911 if they are in immediate danger.</li></ul>",
                    ),
                    (
                        "Will these thoughts ever go away?",
                        "For many people, yes. As depression is treated, thoughts of suicide often become less "
                        "frequent and less intense. Keep in touch with your care team while that happens.",
                    ),
                ),
                references(FU_2020),
                call_to_action(
                    links,
                    "Talk to us about treatment",
                    "If you are not in immediate danger, our intake team can call you back to talk about "
                    "treatment. In a crisis, call or text 988 at any time.",
                ),
            ],
        },
    ]
