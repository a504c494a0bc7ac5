import datetime

import factory
import wagtail_factories

from blog.models import BlogIndexPage, BlogPage

from .treatments import BENEFITS_AND_RISKS, ClinicianFactory


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Articles"
    slug = "blog"
    intro = "Plain-language articles from our clinicians."

    class Meta:
        model = BlogIndexPage


class BlogPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "What to know about a treatment."
    date_published = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    author = factory.SubFactory(ClinicianFactory)
    reviewed_by = factory.SubFactory(ClinicianFactory)
    last_reviewed = datetime.date(2026, 10, 1)
    body = factory.LazyFunction(lambda: [dict(block) for block in BENEFITS_AND_RISKS])

    class Meta:
        model = BlogPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if names:
            self.tags.add(*names)
            if create:
                self.save()
