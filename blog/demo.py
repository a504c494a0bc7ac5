"""The demo articles: the blog index and eight articles written and reviewed by the clinical team.

Like home/demo.py and treatments/demo.py, everything here creates what is missing and
leaves what exists alone, so running the loader again never overwrites an editor's
changes. It runs after treatments.demo.load, which makes the clinicians, treatments
and conditions the articles point to.
"""

import datetime

from blog.models import BlogIndexPage, BlogPage
from forms.demo import ending_with_call_back_form
from home.demo import HERO_IMAGE_TITLE, bullet_list, section
from home.models import Clinician, ClinicImage, HomePage
from home.roles import assign_medical_review
from treatments.demo import (
    FEDER_2014,
    PHONE_LINK,
    benefits,
    call_to_action,
    callout,
    demo_links,
    faq,
    index_page,
    references,
    risks,
    steps,
    testimonial,
    when_to_get_help,
)
from treatments.models import ConditionPage, TreatmentPage


def load(stdout):
    home = HomePage.objects.first()
    links = demo_links()
    blog = index_page(
        home,
        BlogIndexPage,
        title="Articles",
        slug="blog",
        intro="Plain-language articles from our clinicians about depression, PTSD, OCD and the treatments we offer.",
        stdout=stdout,
    )
    for spec in article_specs(links):
        article(blog, spec, stdout)
    assign_medical_review(blog, stdout)


def article(parent, spec, stdout):
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing:
        return existing.specific
    spec = dict(spec)
    spec["body"] = ending_with_call_back_form(spec["body"])
    tags = spec.pop("tags")
    treatments = [TreatmentPage.objects.get(slug=slug) for slug in spec.pop("treatments")]
    conditions = [ConditionPage.objects.get(slug=slug) for slug in spec.pop("conditions")]
    author = Clinician.objects.get(name=spec.pop("author"))
    reviewer = Clinician.objects.get(name=spec.pop("reviewer"))
    image = ClinicImage.objects.get(title=HERO_IMAGE_TITLE) if spec.pop("hero_image") else None
    reviewed = spec["date_published"] + datetime.timedelta(days=spec.pop("reviewed_after_days", 0))
    page = BlogPage(
        **spec,
        author=author,
        reviewed_by=reviewer,
        last_reviewed=reviewed,
        next_review_due=reviewed.replace(year=reviewed.year + 1),
        hero_image=image,
    )
    page.tags.add(*tags)
    page.related_treatments.set(treatments)
    page.related_conditions.set(conditions)
    parent.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"Created the article “{page.title}”.")
    return page


def article_specs(links):
    return [
        {
            "title": "What to expect at your first Spravato session",
            "slug": "first-spravato-session",
            "date_published": datetime.date(2026, 3, 10),
            "author": "Rosa Delgado",
            "reviewer": "Dr. Helen Marsh",
            "hero_image": True,
            "tags": ["Spravato", "Depression", "Insurance"],
            "treatments": ["spravato-esketamine"],
            "conditions": ["treatment-resistant-depression"],
            "summary": "A first Spravato visit takes most of a morning or afternoon. Here is how to prepare, "
            "what happens in the room, and how you get home safely afterwards.",
            "key_takeaways": [
                {"type": "point", "value": "You use the nasal spray yourself, with a nurse beside you."},
                {"type": "point", "value": "You stay with us for at least two hours after the dose."},
                {"type": "point", "value": "You cannot drive until the next day, so plan a ride home."},
            ],
            "body": [
                section(
                    "Before the day",
                    "Most insurance plans ask for prior authorization before Spravato can start. Our intake team "
                    "sends the request and tells you when it has been approved, so you know what you will pay.",
                    bullet_list(
                        "Do not eat for 2 hours before your session, and do not drink for 30 minutes before.",
                        "Bring a list of all your medicines, including ones you buy without a prescription.",
                        "Arrange for an adult to take you home afterwards.",
                        "Bring something calming, such as music and headphones, or an eye mask.",
                    ),
                ),
                steps(
                    "Your first session, step by step",
                    (
                        "Check-in",
                        "A nurse checks your blood pressure and asks how your mood has been. If your blood "
                        "pressure is too high, we may wait and check again, or move the session to another day.",
                    ),
                    (
                        "Using the spray",
                        "The nurse shows you how to use each nasal spray device. You use it yourself while the "
                        "nurse watches, resting for 5 minutes between devices.",
                    ),
                    (
                        "Resting and monitoring",
                        "You relax in a reclining chair for at least 2 hours. Feeling dreamy, dizzy or detached "
                        "is common. The nurse checks your blood pressure, alertness and breathing.",
                    ),
                    (
                        "Going home",
                        "When the nurse agrees you are ready, your ride takes you home. Rest for the rest of the day.",
                    ),
                ),
                callout(
                    "caution",
                    "No driving until the next day",
                    "Do not drive or use machinery until the next day, after a restful sleep. This is true after "
                    "every session, even if you feel fine.",
                ),
                faq(
                    (
                        "Will I feel strange during the session?",
                        "Many people feel floaty, sleepy or a little detached for a while after the spray. These "
                        "feelings usually ease during the time you stay with us. Tell the nurse if you feel "
                        "uneasy at any point.",
                    ),
                    (
                        "How often will I come in?",
                        "For treatment-resistant depression, sessions are usually twice a week for the first 4 "
                        "weeks, then less often. Your psychiatrist will go through your own schedule with you.",
                    ),
                    (
                        "Will I feel better after the first session?",
                        "Some people notice a change within days, and others take longer. Some people do not "
                        "benefit. We check your progress with you regularly.",
                    ),
                ),
                call_to_action(
                    links,
                    "Questions before your first session?",
                    "Our intake team can talk you through the day and check your insurance for you.",
                ),
            ],
        },
        {
            "title": "Is it treatment-resistant depression? Signs to talk about with your doctor",
            "slug": "treatment-resistant-depression-signs",
            "date_published": datetime.date(2026, 4, 14),
            "reviewed_after_days": 2,
            "author": "Rosa Delgado",
            "reviewer": "Dr. Samuel Okoro",
            "hero_image": False,
            "tags": ["Depression", "Treatment planning"],
            "treatments": ["spravato-esketamine", "neurostar-tms"],
            "conditions": ["treatment-resistant-depression"],
            "summary": "If you have tried two or more antidepressants and still feel low, your depression may be "
            "treatment-resistant. These signs can help you start the conversation with your doctor.",
            "key_takeaways": [
                {
                    "type": "point",
                    "value": "Depression is usually called treatment-resistant when at least two antidepressants "
                    "have not helped enough.",
                },
                {"type": "point", "value": "It is common, and it is not your fault."},
                {"type": "point", "value": "There are still treatments that work in different ways."},
            ],
            "body": [
                section(
                    "What the term means",
                    "Doctors usually say depression is treatment-resistant when it has not improved enough after "
                    "at least two different antidepressants, each taken at a good dose for long enough.",
                    "It does not mean nothing will help. It means it is time to look again at your care.",
                ),
                section(
                    "Signs worth raising",
                    bullet_list(
                        "You have tried two or more antidepressants and still feel low most days.",
                        "A medicine helped at first, but the low mood came back.",
                        "You feel a little better, but still cannot work, sleep or enjoy things as you used to.",
                        "Side effects made it hard to stay on a medicine long enough.",
                        "You have been in talking therapy for a while and still feel stuck.",
                    ),
                ),
                section(
                    "Questions to ask your doctor",
                    bullet_list(
                        "Have my medicines been tried at a full dose, for long enough?",
                        "Could something else be keeping my depression going, such as my thyroid, sleep or "
                        "alcohol use?",
                        "Could this be a different condition, such as bipolar disorder?",
                        "Would Spravato, TMS or another treatment that works differently suit me?",
                    ),
                    "It can help to write down your medicines, doses and how long you took each one before your visit.",
                ),
                callout(
                    "caution",
                    "If you are thinking about suicide",
                    'Call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) at any time. Call '
                    '<a href="tel:911">911</a> if you are in immediate danger.',
                ),
                call_to_action(
                    links,
                    "Talk to us about your options",
                    "Our intake team can call you back to talk through the treatments you have tried so far.",
                ),
            ],
        },
        ketamine_for_ptsd(links),
        {
            "title": "TMS for depression: a week-by-week guide",
            "slug": "tms-week-by-week",
            "date_published": datetime.date(2026, 6, 9),
            "reviewed_after_days": 1,
            "author": "Dr. Samuel Okoro",
            "reviewer": "Dr. Helen Marsh",
            "hero_image": True,
            "tags": ["TMS", "Depression", "OCD"],
            "treatments": ["neurostar-tms"],
            "conditions": ["treatment-resistant-depression", "ocd"],
            "summary": "A course of NeuroStar TMS usually lasts 6 to 9 weeks. This guide walks through what "
            "happens along the way, from your first mapping session to the end of the course.",
            "key_takeaways": [
                {"type": "point", "value": "A typical course is about 36 sessions over 6 to 9 weeks."},
                {"type": "point", "value": "You stay awake and can drive yourself home after each session."},
                {"type": "point", "value": "Change is usually gradual, and results vary."},
            ],
            "body": [
                section(
                    "Before you start",
                    "We check your health and ask about any metal in or near your head, such as clips, "
                    "implants or fragments. Most insurance plans need prior authorization first, which our team "
                    "requests for you.",
                ),
                steps(
                    "Your course, week by week",
                    (
                        "Week 1: finding your setting",
                        "At your first session we find the right strength for you and mark the treatment spot. "
                        "The tapping on your scalp can feel odd at first. Many people find it easier as the week "
                        "goes on.",
                    ),
                    (
                        "Weeks 2 to 6: daily sessions",
                        "You come in five days a week. Each session lasts about 19 to 37 minutes, and you can go "
                        "to work afterwards. We ask you to fill in short mood questionnaires along the way.",
                    ),
                    (
                        "Weeks 7 to 9: tapering",
                        "Sessions become less frequent as the course comes to an end.",
                    ),
                    (
                        "After the course",
                        "We review your progress with you. Some people stay well, and some need more sessions "
                        "later if symptoms come back.",
                    ),
                ),
                callout(
                    "information",
                    "Change is usually gradual",
                    "TMS does not work overnight. Some people notice changes partway through the course, others "
                    "later, and some do not benefit. Keep taking your other medicines unless your doctor says "
                    "otherwise.",
                ),
                section(
                    "If you are having TMS for OCD",
                    "Some TMS devices are FDA-cleared as an add-on treatment for OCD in adults. They use a "
                    "different coil and aim at a different part of the brain, so the schedule may not match this "
                    "guide. Your psychiatrist will explain your own plan, and you keep going with your therapy.",
                ),
                call_to_action(
                    links,
                    "Ask whether TMS might suit you",
                    "Our intake team will call you back and check your insurance for you.",
                ),
            ],
        },
        ptsd_medication_alternatives(links),
        {
            "title": "OCD treatment options when therapy and medicines are not enough",
            "slug": "ocd-treatment-options",
            "date_published": datetime.date(2026, 8, 18),
            "reviewed_after_days": 3,
            "author": "Dr. Samuel Okoro",
            "reviewer": "Rosa Delgado",
            "hero_image": False,
            "tags": ["OCD", "TMS", "Treatment planning"],
            "treatments": ["neurostar-tms"],
            "conditions": ["ocd"],
            "summary": "If OCD still takes up much of your day after therapy and medicine, there are more steps "
            "to try. Here is what your care team may suggest next.",
            "key_takeaways": [
                {
                    "type": "point",
                    "value": "Exposure and response prevention (ERP) and SSRIs are the first treatments.",
                },
                {"type": "point", "value": "Reviewing how those treatments were given is often the first step."},
                {"type": "point", "value": "Some TMS devices are FDA-cleared as an add-on treatment for OCD."},
            ],
            "body": [
                section(
                    "The first treatments",
                    "A talking therapy called exposure and response prevention (ERP) helps many people with OCD. "
                    "Medicines called SSRIs are also used, often together with ERP.",
                ),
                section(
                    "When they have not helped enough",
                    "Your care team will first look at how your treatment has gone so far. For example:",
                    bullet_list(
                        "Did your therapy include ERP, with a therapist trained in it?",
                        "Was your medicine taken at a full dose, for long enough? OCD often needs higher doses "
                        "than depression, and it can take longer to respond.",
                        "Would a different medicine, such as clomipramine, or an added medicine help?",
                        "Would more intensive ERP, with more sessions each week, help?",
                    ),
                ),
                section(
                    "Where TMS fits",
                    "Since 2018, the FDA has cleared some TMS devices as an add-on treatment for OCD in adults. "
                    "TMS is added to your therapy and medicine, not used in place of them. Your psychiatrist will "
                    "explain which device would be used and what the research shows.",
                ),
                callout(
                    "information",
                    "Keep going with therapy",
                    "Please do not stop ERP or a medicine on your own while you try something new. Changes work "
                    "best when they are planned with your care team.",
                ),
                call_to_action(
                    links,
                    "Talk to us about OCD",
                    "Our intake team can talk through what you have tried and what might come next.",
                ),
            ],
        },
        {
            "title": "Paying for ketamine, Spravato and TMS: insurance questions to ask",
            "slug": "insurance-questions",
            "date_published": datetime.date(2026, 9, 22),
            "reviewed_after_days": 1,
            "author": "Rosa Delgado",
            "reviewer": "Dr. Helen Marsh",
            "hero_image": False,
            "tags": ["Insurance", "Ketamine", "Spravato"],
            "treatments": ["ketamine-therapy", "spravato-esketamine", "neurostar-tms"],
            "conditions": ["treatment-resistant-depression"],
            "summary": "Insurance covers our three treatments in different ways. These questions help you find "
            "out what your plan pays for before you start, so there are no surprises.",
            "key_takeaways": [
                {"type": "point", "value": "Spravato and TMS are often covered, usually after prior authorization."},
                {"type": "point", "value": "Ketamine for depression or PTSD is usually paid for by the patient."},
                {"type": "point", "value": "Our intake team checks your plan before your first treatment."},
            ],
            "body": [
                section(
                    "Why cover differs",
                    "Spravato is FDA-approved for treatment-resistant depression, and NeuroStar TMS is "
                    "FDA-cleared for depression. Many plans pay for them once certain conditions are met, such "
                    "as having tried antidepressants first.",
                    "Ketamine is not FDA-approved for depression or PTSD. Because this use is off-label, "
                    "insurance usually does not pay for the treatment itself. Cover for TMS for OCD varies more "
                    "from plan to plan.",
                ),
                section(
                    "Questions to ask your insurer",
                    bullet_list(
                        "Is this treatment covered for my condition?",
                        "Do you need prior authorization, and what do you need from my doctor?",
                        "How many antidepressants, or what other treatments, must I have tried first?",
                        "What will I pay for each session, and does my deductible apply?",
                        "Is there a limit on the number of sessions?",
                        "Are visits with the psychiatrist covered separately from the treatment?",
                    ),
                    "Write down the date, the name of the person you spoke to and any reference number.",
                ),
                steps(
                    "How our intake team helps",
                    ("Checking your plan", "We contact your insurer to find out what is covered."),
                    (
                        "Asking for approval",
                        "If prior authorization is needed, we send the request with your records.",
                    ),
                    (
                        "Telling you the cost",
                        "We tell you what you are likely to pay before your first treatment, so you can decide.",
                    ),
                ),
                call_to_action(
                    links,
                    "Ask us to check your cover",
                    "Our intake team will call you back and look into your insurance for you.",
                ),
            ],
        },
        {
            "title": "Making a safety plan with your care team",
            "slug": "making-a-safety-plan",
            "date_published": datetime.date(2026, 10, 20),
            "reviewed_after_days": 2,
            "author": "Dr. Helen Marsh",
            "reviewer": "Rosa Delgado",
            "hero_image": True,
            "tags": ["Depression", "Treatment planning"],
            "treatments": [],
            "conditions": ["depression-with-suicidal-thoughts", "treatment-resistant-depression"],
            "summary": "A safety plan is a short written list to help you through moments when thoughts of "
            "suicide feel stronger. You make it with your care team, in your own words.",
            "key_takeaways": [
                {"type": "point", "value": "If you are in danger now, call or text 988, or call 911."},
                {"type": "point", "value": "A safety plan lists your warning signs, ways to cope and people to call."},
                {"type": "point", "value": "You make it with your clinician, and keep it where you can find it."},
            ],
            "body": [
                when_to_get_help(),
                section(
                    "What a safety plan is",
                    "Thoughts of suicide can come and go, and they can feel very strong for a while. A safety "
                    "plan is a short list you write ahead of time, when you feel calmer, to help you stay safe "
                    "until those moments pass.",
                    "Having these thoughts does not mean you have failed. They are a symptom, and help is available.",
                ),
                steps(
                    "Building your plan together",
                    (
                        "Your warning signs",
                        "Note the thoughts, moods or situations that tend to come first, so you can spot them.",
                    ),
                    (
                        "Ways to cope on your own",
                        "List simple things that help you, such as going for a walk, a shower or music.",
                    ),
                    (
                        "People and places that distract you",
                        "Name people you can be with, and places you can go, to take your mind off things.",
                    ),
                    ("People you can ask for help", "Write down who you can call, and their numbers."),
                    (
                        "Professionals and crisis lines",
                        f"Add your care team ({PHONE_LINK}) and 988, which you can call or text at any time.",
                    ),
                    (
                        "Making your home safer",
                        "Plan how to keep medicines, firearms or other things you could use to harm yourself "
                        "out of reach, or ask someone you trust to keep them.",
                    ),
                ),
                section(
                    "Keeping your plan close",
                    bullet_list(
                        "Keep a copy on your phone and a paper copy somewhere easy to find.",
                        "Share it with someone you trust, if you feel able to.",
                        "Look at it again with us when your treatment or life changes.",
                    ),
                ),
                callout(
                    "information",
                    "You do not have to do this alone",
                    "Talking about suicidal thoughts is safe, and it will not put ideas in your head. We will "
                    "listen without judging and work through your plan with you.",
                ),
                call_to_action(
                    links,
                    "Make a plan with us",
                    "If you are not in immediate danger, our intake team can call you back. In a crisis, call or "
                    "text 988 at any time.",
                ),
            ],
        },
    ]


def ketamine_for_ptsd(links):
    return {
        "title": "Ketamine for PTSD: how it can help",
        "slug": "ketamine-for-ptsd",
        "date_published": datetime.date(2026, 5, 12),
        "reviewed_after_days": 2,
        "author": "Dr. Helen Marsh",
        "reviewer": "Dr. Samuel Okoro",
        "hero_image": True,
        "tags": ["PTSD", "Ketamine", "Treatment planning"],
        "treatments": ["ketamine-therapy"],
        "conditions": ["ptsd"],
        "summary": "Ketamine is being studied as a treatment for PTSD when other care has not helped enough. "
        "Here is how it works, what it may offer, its risks, and how it can fit into a wider treatment plan.",
        "key_takeaways": [
            {"type": "point", "value": "Ketamine works on a different brain system from most PTSD medicines."},
            {"type": "point", "value": "Using ketamine for PTSD is off-label, and results vary."},
            {"type": "point", "value": "Side effects are usually short-lived, and a nurse watches over you."},
            {"type": "point", "value": "It works best as one part of a plan that includes therapy."},
        ],
        "body": [
            section(
                "What PTSD is",
                "Post-traumatic stress disorder (PTSD) can start after you live through or see something "
                "frightening or harmful. The danger is over, but your mind and body keep reacting as if it is not.",
                "Common signs include:",
                bullet_list(
                    "Reliving the event through flashbacks or nightmares",
                    "Staying away from people, places or thoughts that bring it back",
                    "Changes in how you think and feel, such as guilt, fear or feeling numb",
                    "Feeling on edge, jumpy or quick to anger, and sleeping badly",
                ),
            ),
            section(
                "How ketamine works",
                "Ketamine has been used for many years as an anesthetic. At much lower doses, it is being "
                "studied for depression and PTSD.",
                "Most medicines for PTSD act on serotonin. Ketamine works differently. It blocks the NMDA "
                "receptor, which leads to a short burst of a messenger chemical called glutamate. Researchers "
                "think this helps brain cells form new connections. This ability to change and adapt is called "
                "neuroplasticity. Scientists are still learning how this may ease PTSD.",
                "Before you start, a psychiatrist checks whether ketamine is safe and suitable for you. At our "
                "clinic it is given as an IV infusion or an injection, always at the clinic, with a dose and "
                "schedule planned for you.",
            ),
            callout(
                "information",
                "An off-label use",
                "The FDA has not approved ketamine for PTSD. Doctors can still offer it when research supports "
                "it. We explain what is known, and what is not, so you can decide.",
            ),
            benefits(
                "How ketamine may help",
                "Ketamine does not help everyone, and its effects may fade without further sessions.",
                (
                    "It can work quickly",
                    "Some people notice a change within hours or days, rather than the weeks many medicines take.",
                ),
                (
                    "It may ease low mood and anxiety",
                    "Many people with PTSD also live with depression and anxiety. Ketamine may ease these too.",
                ),
                (
                    "Daily life may feel easier",
                    "Some people say they sleep better and find it easier to take part in their therapy.",
                ),
                (
                    "Top-up sessions are possible",
                    "If ketamine helps, occasional further sessions may help keep the benefit going.",
                ),
            ),
            risks(
                "Side effects and risks",
                "Most side effects happen during the session and fade soon after it ends. A nurse watches over "
                "you the whole time.",
                [
                    (
                        "Dissociation",
                        "Feeling detached from yourself or your surroundings, or as if time has slowed. It can "
                        "feel strange, and usually passes within an hour or two.",
                    ),
                    ("Dizziness", "Feeling lightheaded or unsteady. Staff help you when you stand up."),
                    ("Nausea", "Feeling sick to your stomach. We can give medicine to help."),
                    (
                        "Raised blood pressure",
                        "Blood pressure often rises for a short time. We check it before, during and after "
                        "each session.",
                    ),
                ],
                "Tell the nurse at once if you feel unwell during a session. After you get home, call us on "
                f"{PHONE_LINK} if something worries you. Call 911 if you have chest pain or trouble breathing.",
            ),
            section(
                "Who needs extra care",
                "Ketamine is not right for everyone. Your psychiatrist will take extra care, and may advise "
                "against it, if you have:",
                bullet_list(
                    "A past or current problem with alcohol or drug use",
                    "High blood pressure that is not well controlled, or heart problems",
                    "A history of psychosis, such as hearing or seeing things others do not",
                    "A pregnancy, or plans to become pregnant soon",
                ),
            ),
            section(
                "What patients report",
                "People who have had ketamine for PTSD often describe feeling some relief from constant fear "
                "or low mood, sometimes soon after treatment. Others notice little change. Everyone responds in "
                "their own way, which is why we check your progress with you regularly.",
            ),
            testimonial(
                "Before ketamine, I was on guard every minute of the day. After a few sessions, I noticed I "
                "could sit in a busy room without planning my way out. It was not a cure, but it gave me room "
                "to do the work in therapy.",
                "A patient treated for PTSD",
            ),
            steps(
                "Fitting ketamine into your PTSD care: eight steps",
                (
                    "Get assessed",
                    "A psychiatrist looks at your PTSD symptoms, your health and the treatments you have tried, "
                    "to see whether ketamine is a safe choice for you.",
                ),
                (
                    "Work with your team",
                    "We stay in touch with your therapist and your own doctor, so everyone knows the plan.",
                ),
                (
                    "Create your plan",
                    "Together we decide how ketamine is given, the dose, and how often you come in.",
                ),
                (
                    "Combine treatments",
                    "Keep up your therapy and any medicines that help. Ketamine is added to your care, not used "
                    "in place of it.",
                ),
                (
                    "Monitor your progress",
                    "Tell us how you feel at each visit. We use short questionnaires and adjust the plan if needed.",
                ),
                (
                    "Plan for the long term",
                    "Agree on follow-up visits, support and what to do if symptoms start to return.",
                ),
                (
                    "Learn and get support",
                    "Learn what to expect, and share it with people close to you. Ask us anything, at any time.",
                ),
                (
                    "Evaluate together",
                    "Look back with us at what has changed. Use this to decide whether to continue, pause or "
                    "try something else.",
                ),
            ),
            faq(
                (
                    "Can ketamine be combined with other PTSD treatments?",
                    "Yes. Ketamine is usually added to talking therapy and, for many people, to medicine. We "
                    "plan this with you and your other clinicians.",
                ),
                (
                    "Do I need to change my diet or lifestyle?",
                    "No special diet is needed, apart from not eating for a few hours before each session. Good "
                    "sleep, regular activity and avoiding alcohol and recreational drugs can support your "
                    "recovery.",
                ),
                (
                    "How often are follow-up visits?",
                    "It depends on how you respond. We see you at every session during the first series. After "
                    "that, visits are often spaced further apart as symptoms ease. Your plan will say how often.",
                ),
                (
                    "Are there long-term effects?",
                    "Research on long-term use for PTSD is still limited. The benefit of a series of sessions can "
                    "fade, and some people have occasional top-up sessions. We review the benefits and risks "
                    "with you over time.",
                ),
                (
                    "Does insurance cover ketamine for PTSD?",
                    "Usually not, because this use is off-label. Cover varies by plan, so it is worth checking. "
                    "Our intake team tells you the full cost before you start.",
                ),
            ),
            call_to_action(
                links,
                "Talk to us about ketamine for PTSD",
                "If PTSD is still shaping your days despite treatment, our intake team can call you back to "
                "talk about your options in private.",
            ),
        ],
    }


def ptsd_medication_alternatives(links):
    return {
        "title": "PTSD medication alternatives: ketamine's potential",
        "slug": "ptsd-medication-alternatives",
        "date_published": datetime.date(2026, 7, 15),
        "reviewed_after_days": 2,
        "author": "Dr. Helen Marsh",
        "reviewer": "Dr. Samuel Okoro",
        "hero_image": True,
        "tags": ["PTSD", "Ketamine"],
        "treatments": ["ketamine-therapy"],
        "conditions": ["ptsd"],
        "summary": "The usual medicines for PTSD help many people, but not everyone. Here is how ketamine "
        "differs, what one early trial found, and what to weigh up before trying it.",
        "key_takeaways": [
            {"type": "point", "value": "PTSD can bring nightmares, flashbacks and a constant sense of threat."},
            {"type": "point", "value": "Standard PTSD medicines can take weeks to work and do not help everyone."},
            {"type": "point", "value": "Ketamine works differently and may act within hours or days."},
            {"type": "point", "value": "Ketamine for PTSD is off-label. Research is promising but still limited."},
        ],
        "body": [
            section(
                "PTSD basics",
                "Post-traumatic stress disorder (PTSD) can follow an event that was terrifying, violent or "
                "life-threatening, whether it happened to you or you saw it happen.",
                "Feeling shaken for a while after a trauma is normal. With PTSD, those reactions do not settle. "
                "Memories return as nightmares or flashbacks that can feel as real as the first time. You may:",
                bullet_list(
                    "Steer clear of anything that reminds you of what happened",
                    "Blame yourself, or feel cut off, numb or hopeless",
                    "Feel tense, jumpy and unable to relax or sleep",
                ),
                "Over time, this can wear down work, sleep and relationships.",
            ),
            section(
                "Medicines used for PTSD today",
                "Talking therapies that focus on the trauma are a first treatment. Medicines are often used too. "
                "Two antidepressants from a group called SSRIs are FDA-approved for PTSD: sertraline (Zoloft) "
                "and paroxetine (Paxil).",
            ),
            section(
                "Where these medicines fall short",
                "SSRIs help many people, but they have limits:",
                bullet_list(
                    "They usually take several weeks to start working.",
                    "They do not help everyone, or may only help a little.",
                    "Side effects can include sexual problems, weight change and emotional blunting, a sense "
                    "of feeling flat or numb.",
                ),
                "Side effects can make it hard to keep taking a medicine, even when it helps.",
            ),
            section(
                "How ketamine is different",
                "Ketamine was first used as an anesthetic. At much lower doses, it has been found to ease "
                "depression quickly in some people, and it is now being studied for PTSD.",
                "Instead of acting on serotonin, ketamine blocks the brain's NMDA receptors. This sets off a "
                "burst of glutamate, a messenger chemical, and is thought to help brain cells build new "
                "connections. This is called neuroplasticity. Researchers think it may help the brain respond "
                "to stress in a healthier way, but this is not yet proven.",
            ),
            section(
                "What the research shows",
                "In a randomized trial published in JAMA Psychiatry in 2014, adults with long-lasting PTSD had a "
                "single ketamine infusion and, on another day, an infusion of midazolam, in random order. "
                "Midazolam is a sedative used as a comparison because it also has effects you can feel.",
                "A day after the infusion, PTSD symptoms had fallen more after ketamine than after midazolam. "
                "Depression symptoms eased too.",
                "This was a small study, and the effects were measured over a short time. Larger and longer "
                "studies are still needed to know how well ketamine works for PTSD, and for whom.",
            ),
            callout(
                "information",
                "An off-label use",
                "The FDA has not approved ketamine for PTSD. Your psychiatrist will explain the evidence, and "
                "other options, so you can decide.",
            ),
            benefits(
                "Possible advantages",
                "These are possible advantages, not promises. Results vary from person to person.",
                (
                    "Fast action",
                    "Some people feel better within hours or days, not the weeks standard medicines often take.",
                ),
                (
                    "A different approach",
                    "Because it works through a different system, it may help when other treatments have not.",
                ),
                (
                    "Given with care",
                    "Every dose is given at the clinic, with a nurse checking on you.",
                ),
            ),
            risks(
                "Side effects to know about",
                "Most side effects happen during treatment and are short-lived. Staff watch you closely the "
                "whole time.",
                [
                    (
                        "Dissociation",
                        "Feeling detached from your body or surroundings. It usually passes soon after the session.",
                    ),
                    (
                        "Raised blood pressure",
                        "A short rise in blood pressure and heart rate. We check it throughout.",
                    ),
                    ("Nausea", "Feeling sick to your stomach. We can give medicine to help."),
                    ("Dizziness and drowsiness", "You cannot drive until the next day, after a night's sleep."),
                ],
                "Tell the nurse at once if you feel unwell or have chest pain during a session. After you get "
                f"home, call us on {PHONE_LINK} if something worries you, or 911 in an emergency.",
            ),
            section(
                "Clearing up misconceptions",
                "Some people worry about ketamine because of its use as a street drug. Medical treatment is "
                "very different:",
                bullet_list(
                    "The doses are low and carefully measured.",
                    "It is given only at the clinic, with medical staff watching over you.",
                    "No ketamine is sent home with you.",
                ),
                "Ketamine can still be misused, so please tell us if you have ever had problems with alcohol "
                "or drugs. This helps us plan your care safely.",
            ),
            steps(
                "How to get ketamine treatment",
                (
                    "Ask for a consultation",
                    "Contact a clinic that offers ketamine and talk with a psychiatrist about your PTSD.",
                ),
                (
                    "Have a full evaluation",
                    "The psychiatrist reviews your health, your symptoms and the treatments you have tried.",
                ),
                (
                    "Agree on a plan",
                    "If ketamine suits you, you agree on how it is given, how many sessions, and how you will "
                    "get home after each one.",
                ),
                (
                    "Keep up your therapy",
                    "Ketamine tends to work best alongside therapy and support, not on its own.",
                ),
                (
                    "Review how it is going",
                    "Check in with your team regularly to decide whether to continue, adjust or stop.",
                ),
            ),
            section(
                "What researchers are still learning",
                "Studies are looking at the best doses, who is most likely to benefit, and how long the effects "
                "last. Until more is known, we start carefully and review your progress often.",
            ),
            faq(
                (
                    "Is ketamine safe for everyone with PTSD?",
                    "No. It is not advised for some people, such as those with certain heart or blood pressure "
                    "problems, a history of psychosis, or current drug or alcohol problems. A psychiatrist "
                    "checks this with you first.",
                ),
                (
                    "How quickly does ketamine work?",
                    "Some people notice a change within hours or days. Others need several sessions, and some "
                    "people do not benefit.",
                ),
                (
                    "Can I keep taking my PTSD medicines?",
                    "Often yes, but some medicines may need adjusting. Your psychiatrist will check how your "
                    "medicines work together. Never stop a medicine without talking to your doctor first.",
                ),
                (
                    "Can I become addicted?",
                    "Ketamine can be misused. In a clinic the doses are measured and supervised, and none is "
                    "sent home, which keeps the risk low. Talk to us about any worries you have.",
                ),
                (
                    "How do I get started?",
                    "<ul><li>Ask for a consultation with a psychiatrist.</li>"
                    "<li>Have a full evaluation to see if ketamine suits you.</li>"
                    "<li>Follow your plan, including therapy and follow-up visits.</li></ul>",
                ),
            ),
            references(FEDER_2014),
            call_to_action(
                links,
                "Ask whether ketamine might suit you",
                "If PTSD medicines have not helped enough, our intake team can call you back to talk about your "
                "options in private.",
            ),
        ],
    }
