"""The demo clinic, read from the files under content/ by one generic loader.

content/pages/ mirrors the page tree: `home.yaml` is the home page,
`home/treatments.yaml` the Treatments index, `home/treatments/ketamine-therapy.yaml`
one of its pages. A page's file names its page type (`type`), the order of its
children (`children`), the workflow its pages go through (`workflow`), for a
medical page its review (`review`: the clinician who approves it and, if sooner
than settings.MEDICAL_REVIEW_INTERVAL_MONTHS, the days until its next review),
and its fields (demo/pagedata.py). content/site.yaml holds the images, the clinicians
the locations and the clinic settings; content/requests.yaml the fictional requests.

A medical page goes live as in the admin: the demo editor saves and submits it
to its workflow, and the reviewer account linked to its clinician approves it
(demo/users.py), which signs it with today's date. Without `review` it is left
waiting for review.

Loading only adds what is missing: a page, clinician or image that exists is
left as it is, so running it again never overwrites what an editor changed.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site, Workflow, WorkflowPage

from forms.crisis import has_crisis_phrase
from forms.models import FormPage, FormSubmission
from home.models import Clinician, ClinicSettings, HomePage, Location
from home.models.medical_review import add_months

from .pagedata import References, apply_data, to_data
from .users import demo_user, ensure_demo_users, signer_of

CONTENT = Path(__file__).resolve().parent / "content"
PAGES = CONTENT / "pages"
RESERVED_KEYS = ("type", "children", "workflow", "review")
REVIEW_FIELDS = ("reviewed_by", "last_reviewed", "next_review_due")


class DemoContentError(Exception):
    """The demo's files do not fit together, e.g. a page lists a child that has no file."""


def site_address(url):
    """(hostname, port) of an address such as http://127.0.0.1:8000, as a Wagtail Site holds them.

    Wagtail's Site has no scheme: port 443 means https, any other port http.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DemoContentError(f"The site's address must look like http://127.0.0.1:8000, not {url!r}.")
    try:
        port = parts.port
    except ValueError:
        raise DemoContentError(f"The port in {url!r} is not a port number, e.g. http://127.0.0.1:8000.") from None
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def page_file(url_path):
    """The file of the page at this Wagtail url_path ("/home/treatments/" → pages/home/treatments.yaml)."""
    return PAGES / (url_path.strip("/") + ".yaml")


class DemoLoader:
    def __init__(self, stdout):
        self.stdout = stdout
        self.deferred = []  # pages made before something they point at: filled in again at the end
        self.new_clinicians = set()

    def load(self, site_url=None):
        """Build the demo; `site_url` (default: WAGTAILADMIN_BASE_URL, which `make run` sets to the address it
        serves) becomes the Site's hostname and port, so the sitemap, feeds and structured data name it."""
        address = site_address(site_url or settings.WAGTAILADMIN_BASE_URL)
        site_data = read(CONTENT / "site.yaml")
        for image in site_data["images"]:
            self.image(image)
        home = self.home_page(read(PAGES / "home.yaml"), site_name=site_data["site_name"])
        self.set_site_address(Site.objects.get(is_default_site=True), *address)
        self.refs = References(home)
        for spec in site_data["clinicians"]:
            self.clinician(spec)
        for spec, created in ensure_demo_users():  # the editor and the reviewers who put medical pages live
            if created:
                self.stdout.write(f"Added the demo user {spec.username}.")
        self.children(home, read(PAGES / "home.yaml"), PAGES / "home")
        for page_id, data in self.deferred:
            page = Page.objects.get(pk=page_id).specific
            apply_data(page, fields(data), self.refs)
            self.publish(page, data)
        for spec in site_data["clinicians"]:
            self.clinician_treatments(spec)
        for spec in site_data.get("locations", []):
            self.location(spec)
        for spec in site_data.get("search_promotions", []):
            self.search_promotion(spec)
        self.clinic_settings(Site.objects.get(is_default_site=True), site_data["clinic_settings"])

    def image(self, spec):
        Image = get_image_model()
        if Image.objects.filter(title=spec["title"]).exists():
            return
        path = CONTENT / spec["file"]
        with path.open("rb") as file:
            Image.objects.create(**{**spec, "file": ImageFile(file, name=path.name)})
        self.stdout.write(f"Added the image “{spec['title']}”.")

    def clinician(self, spec):
        if Clinician.objects.filter(name=spec["name"]).exists():
            return
        # The treatments they provide are pages, made later: clinician_treatments() adds them.
        apply_data(Clinician(), {key: value for key, value in spec.items() if key != "treatments"}, self.refs).save()
        self.new_clinicians.add(spec["name"])
        self.stdout.write(f"Added {spec['name']} to the clinical team.")

    def clinician_treatments(self, spec):
        """A clinician added by this run gets the treatments they provide, now that the pages exist."""
        if spec["name"] not in self.new_clinicians or not spec.get("treatments"):
            return
        from treatments.models import TreatmentPage

        pks = [self.refs.pk(TreatmentPage, path) for path in spec["treatments"]]
        Clinician.objects.get(name=spec["name"]).treatments.set(TreatmentPage.objects.filter(pk__in=pks))

    def location(self, spec):
        """A location, unless one of that name exists (the clinic's address, moved there by home's migration 0014)."""
        if Location.objects.filter(name=spec["name"]).exists():
            return
        location = apply_data(Location(), spec, self.refs)
        location.sort_order = Location.objects.count()
        for number, row in enumerate(location.opening_hours.all()):
            row.sort_order = number
        location.full_clean()
        location.save()
        self.stdout.write(f"Added the location “{spec['name']}”.")

    def search_promotion(self, spec):
        """A result pinned to a search (Settings → Promoted search results), unless it is pinned already."""
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        query = Query.get(spec["query"])
        target = {"page_id": self.refs.page_id(spec["page"])} if "page" in spec else {}
        target = target or {"external_link_url": spec["external_link_url"]}
        if SearchPromotion.objects.filter(query=query, **target).exists():
            return
        SearchPromotion.objects.create(
            query=query,
            sort_order=SearchPromotion.objects.filter(query=query).count(),
            description=spec.get("description", ""),
            external_link_text=spec.get("external_link_text", ""),
            **target,
        )
        self.stdout.write(f"Pinned a result to the search “{spec['query']}”.")

    def home_page(self, data, *, site_name):
        home = HomePage.objects.first()
        if home is not None:
            return home
        site = Site.objects.filter(is_default_site=True).first()
        # Wagtail's migrations leave a "Welcome to Wagtail" page as the site root: the home page replaces it.
        placeholder = site.root_page if site else None
        self.refs = References(home=None)
        home = apply_data(HomePage(), {**fields(data), "slug": "demo-home"}, self.refs)
        self.add_unchecked(Page.get_first_root_node(), home, data)  # its button points at a form made later
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page, site.site_name = home, site_name
        site.save()
        if placeholder and placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
        home.slug = data["slug"]
        home.save(clean=False)
        self.stdout.write("Created the home page.")
        return HomePage.objects.get(pk=home.pk)

    def set_site_address(self, site, hostname, port):
        if (site.hostname, site.port) == (hostname, port):
            return
        site.hostname, site.port = hostname, port
        site.save()
        self.stdout.write(f"The demo site's address is now {site.root_url}.")

    def add_unchecked(self, parent, page, data):
        """Add a page that points at pages not made yet. Its checks would fail now (a button without its
        page), so it is saved unchecked and unpublished, then filled in, checked and published at the end."""
        page.live = False
        page.full_clean = lambda *args, **kwargs: None
        parent.add_child(instance=page)
        self.deferred.append((page.pk, data))

    def children(self, parent, data, folder):
        for slug in data.get("children", []):
            path = folder / f"{slug}.yaml"
            if not path.exists():
                raise DemoContentError(f"{path} is missing: write it with manage.py dump_demo_page {slug}")
            child_data = read(path)
            child = self.page(parent, child_data)
            self.children(child, child_data, folder / slug)

    def page(self, parent, data):
        model = apps.get_model(data["type"])
        existing = parent.get_children().filter(slug=data["slug"]).first()
        if existing is None and model.max_count_per_parent == 1:
            existing = model.objects.child_of(parent).first()  # the same section, renamed by an editor
        if existing is not None:
            return existing.specific
        self.refs.missing = False
        page = apply_data(model(), fields(data), self.refs)
        if self.refs.missing:
            self.add_unchecked(parent, page, data)
        else:
            parent.add_child(instance=page)
            self.publish(page, data)
        if data.get("workflow"):
            self.assign_workflow(page, data["workflow"])
        self.stdout.write(f"Created the page “{page.title}”.")
        # publish() saves a fresh copy from the revision; reload it for its url_path.
        return model.objects.get(pk=page.pk)

    def publish(self, page, data):
        """Put a page live; a medical page through its review, as in the admin."""
        if not getattr(page, "publishes_through_review", False):
            page.save_revision().publish()
            return
        editor = demo_user("editor")
        page.save_revision(user=editor)
        workflow = page.get_workflow()
        if workflow is None:
            raise DemoContentError(f"{page.title}: a medical page needs a review workflow on its section.")
        state = workflow.start(page, editor)
        review = data.get("review")
        if not review:
            return  # left waiting for review
        task_state = state.current_task_state
        today = timezone.localdate()
        due = today + timedelta(days=review["next_due_in_days"]) if "next_due_in_days" in review else None
        refused = task_state.task.specific.on_action(
            task_state, signer_of(review["by"]), "approve", comment="", next_review_due=due
        )
        if refused:
            raise DemoContentError(f"{page.title}: the approval by {review['by']} was refused ({refused}).")

    def assign_workflow(self, page, name):
        workflow = Workflow.objects.filter(name=name, active=True).first()
        if workflow is None or WorkflowPage.objects.filter(page=page).exists():
            return  # removed by an administrator, or chosen already: leave it that way
        WorkflowPage.objects.create(page=page, workflow=workflow)
        self.stdout.write(f"Pages under {page.title} now go through {workflow.name}.")

    def clinic_settings(self, site, data):
        clinic = ClinicSettings.for_site(site)
        untouched = ClinicSettings(site=site)
        if to_data(clinic, self.refs) != to_data(untouched, self.refs):
            return  # filled in already, perhaps edited since: leave it alone
        apply_data(clinic, data, self.refs).save()
        self.stdout.write("Filled in the clinic settings.")


def fields(data):
    return {key: value for key, value in data.items() if key not in RESERVED_KEYS}


def page_data(page, refs):
    """A page as its file holds it: the latest revision (what an editor last saved), its children and workflow."""
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page.specific
    data = {"type": page.specific_class._meta.label}
    workflow = WorkflowPage.objects.filter(page=page).select_related("workflow").first()
    if workflow:
        data["workflow"] = workflow.workflow.name
    fields_data = to_data(latest, refs)
    review = review_data(fields_data)
    for key, value in fields_data.items():
        data[key] = value
        if key == "slug" and review:
            data["review"] = review
    children = list(page.get_children().values_list("slug", flat=True))
    if children:
        data["children"] = children
    return data


def review_data(fields_data):
    """A medical page's recorded review, taken out of its fields, as its file says it: who approves, how soon it is due."""
    recorded = [fields_data.pop(field, None) for field in REVIEW_FIELDS]
    reviewed_by, last, due = recorded
    if not reviewed_by:
        return None
    review = {"by": reviewed_by}
    if last and due and due != add_months(last, settings.MEDICAL_REVIEW_INTERVAL_MONTHS):
        review["next_due_in_days"] = (due - last).days
    return review


def page_at(path):
    """The demo site's page at a path such as "/blog/making-a-safety-plan/"."""
    root = Site.objects.get(is_default_site=True).root_page
    return Page.objects.filter(url_path=root.url_path + path.strip("/") + "/").first()


def seed_requests():
    """The fictional requests, encrypted like real ones, so the inbox has something to show. Only into an empty inbox."""
    if FormSubmission.objects.exists():
        return 0
    added = 0
    for spec in read(CONTENT / "requests.yaml"):
        page = FormPage.objects.filter(slug=spec["form"]).first()
        if page is None:
            continue
        # As a visitor's would be: flagged urgent by the crisis-phrase check, with the page it was sent from.
        urgent = has_crisis_phrase(page.get_form_fields(), spec["values"])
        submission = FormSubmission.objects.create(
            page=page,
            form_data=spec["values"],
            urgent=urgent,
            urgent_source=FormSubmission.UrgentSource.CRISIS_PHRASE if urgent else FormSubmission.UrgentSource.NONE,
            source_page=page_at(spec["sent_from"]) if spec.get("sent_from") else None,
            status=spec.get("status", FormSubmission.Status.NEW),
        )
        when = timezone.now() - timedelta(days=spec["days_ago"])
        FormSubmission.objects.filter(pk=submission.pk).update(submit_time=when)
        added += 1
    return added
