"""Write a page, as last saved in the admin, back to its demo file, so the demo can be improved in the admin."""

import yaml
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from demo.loader import page_data, page_file
from demo.pagedata import References
from home.models import HomePage


class DemoDumper(yaml.SafeDumper):
    """Multi-line text as a literal block, so prose reads in a diff one paragraph a line."""


def _text(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


DemoDumper.add_representer(str, _text)


def dump(data):
    return yaml.dump(data, Dumper=DemoDumper, sort_keys=False, allow_unicode=True, width=float("inf"))


class Command(BaseCommand):
    help = "Write a demo page (by slug, or URL path such as /treatments/ketamine-therapy/) back to its file."

    def add_arguments(self, parser):
        parser.add_argument("page", help="The page's slug, or its URL path.")

    def handle(self, *args, page, **options):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("There is no demo site: run manage.py load_demo_site first.")
        pages = Page.objects.descendant_of(home, inclusive=True)
        if page.startswith("/"):
            matches = pages.filter(url_path=home.url_path + page.strip("/") + ("/" if page.strip("/") else ""))
        else:
            matches = pages.filter(slug=page)
        if not matches:
            raise CommandError(f"No page of the demo site has the slug or path “{page}”.")
        if len(matches) > 1:
            raise CommandError(f"More than one page has the slug “{page}”: give its URL path instead.")
        found = matches[0]
        path = page_file(found.url_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = page_data(found, References(home))
        path.write_text(dump(data), encoding="utf-8")
        self.stdout.write(f"Wrote {found.title} to {path}")
        for slug in data.get("children", []):
            if not (path.with_suffix("") / f"{slug}.yaml").exists():
                self.stdout.write(f"Its page “{slug}” has no file yet: run manage.py dump_demo_page {slug} too.")
