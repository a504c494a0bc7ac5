import math

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock, table_of_contents
from home.models import MedicalReview
from home.pagination import paginate
from home.structured_data import faq_page, person, without_empty

# Adults read plain web text at roughly this many words a minute.
READING_WORDS_PER_MINUTE = 200
RELATED_ARTICLES = 3


def article_listing(articles):
    """Live, public articles for a list, newest first, with what the cards show fetched in bulk."""
    images = get_image_model().objects.prefetch_renditions()
    return (
        articles.live()
        .public()
        .defer_streamfields()
        .select_related("author")
        .prefetch_related(Prefetch("hero_image", queryset=images), "tags")
        .order_by("-date_published", "-first_published_at", "-pk")
    )


class BlogIndexPage(RoutablePageMixin, Page):
    """The articles, newest first, with pages, tag filters and feeds."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the list of articles.")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "blog index page"

    def articles(self):
        return article_listing(BlogPage.objects.child_of(self))

    def tags(self):
        """The tags used by this blog's live articles, for the filter links."""
        live_ids = BlogPage.objects.child_of(self).live().public().values("pk")
        return (
            Tag.objects.filter(blog_blogpagetag_items__content_object__in=live_ids)
            .annotate(article_count=Count("blog_blogpagetag_items"))
            .order_by("name")
        )

    @path("")
    def index(self, request):
        return self.render(
            request, context_overrides={"articles": paginate(request, self.articles(), settings.BLOG_ARTICLES_PER_PAGE)}
        )

    @path("tag/<slug:tag>/")
    def tag(self, request, tag):
        tag = get_object_or_404(Tag, slug=tag)
        articles = self.articles().filter(tags=tag)
        if not articles.exists():
            raise Http404("No article has this tag.")
        return self.render(
            request,
            context_overrides={
                "articles": paginate(request, articles, settings.BLOG_ARTICLES_PER_PAGE),
                "current_tag": tag,
            },
        )

    @path("feed/", name="feed")
    def rss_feed(self, request):
        from blog.feeds import ArticlesFeed

        return ArticlesFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from blog.feeds import ArticlesAtomFeed

        return ArticlesAtomFeed(self)(request)


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items")


class BlogPage(MedicalReview, Page):
    """An article, built from the shared blocks, written by a clinician and medically reviewed."""

    summary = models.TextField(
        max_length=300, help_text="One or two plain sentences. Shown under the title, in listings and in the feed."
    )
    hero_image = models.ForeignKey(
        "home.ClinicImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top and in listings. Its description in the image library is its alt text.",
    )
    date_published = models.DateField(
        "publication date",
        null=True,
        blank=True,
        help_text="Leave empty to use the date the article is first published.",
    )
    author = models.ForeignKey(
        "home.Clinician",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="The clinician who wrote the article.",
    )
    key_takeaways = StreamField(
        [("point", blocks.CharBlock(max_length=250, label="Point"))],
        blank=True,
        max_num=7,
        use_json_field=True,
        help_text="Three to five short sentences shown in a box at the top.",
    )
    body = StreamField(BodyBlock(), use_json_field=True)
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True)
    related_treatments = ParentalManyToManyField(
        "treatments.TreatmentPage",
        blank=True,
        related_name="articles",
        help_text="Treatments this article is about. The article is listed on their pages.",
    )
    related_conditions = ParentalManyToManyField(
        "treatments.ConditionPage",
        blank=True,
        related_name="articles",
        help_text="Conditions this article is about. The article is listed on their pages.",
    )

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date_published"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("date_published")], heading="Byline"),
        FieldPanel("key_takeaways"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                FieldPanel("related_treatments", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_conditions", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Topics",
        ),
        *MedicalReview.review_panels,
    ]

    class Meta:
        verbose_name = "article"

    def save(self, *args, **kwargs):
        # The publication date defaults to the first publish.
        if self.date_published is None and self.live and self.first_published_at:
            self.date_published = self.first_published_at.date()
        super().save(*args, **kwargs)

    @property
    def publication_date(self):
        if self.date_published:
            return self.date_published
        return self.first_published_at.date() if self.first_published_at else None

    @property
    def reading_minutes(self):
        words = len(strip_tags(" ".join(self.body.stream_block.get_searchable_content(self.body))).split())
        words += sum(len(point.value.split()) for point in self.key_takeaways)
        return max(1, math.ceil(words / READING_WORDS_PER_MINUTE))

    def related_articles(self):
        """Articles sharing a tag, treatment or condition with this one, else the newest."""
        others = article_listing(BlogPage.objects.exclude(pk=self.pk))
        tag_ids = [tag.pk for tag in self.tags.all()]
        treatment_ids = [page.pk for page in self.related_treatments.all()]
        condition_ids = [page.pk for page in self.related_conditions.all()]
        related = list(
            others.filter(
                Q(tags__in=tag_ids) | Q(related_treatments__in=treatment_ids) | Q(related_conditions__in=condition_ids)
            ).distinct()[:RELATED_ARTICLES]
        )
        if len(related) < RELATED_ARTICLES:
            seen = [article.pk for article in related]
            related += list(others.exclude(pk__in=seen)[: RELATED_ARTICLES - len(related)])
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["table_of_contents"] = table_of_contents(self.body)
        context["blog_index"] = self.get_parent().specific
        return context

    def structured_data(self, request):
        url = self.get_full_url(request)
        article = {
            "@type": "BlogPosting",
            "@id": f"{url}#article",
            "headline": self.title,
            "description": self.summary,
            "datePublished": self.publication_date,
            "dateModified": self.last_published_at,
            "author": person(self.author),
            "keywords": ", ".join(tag.name for tag in self.tags.all()),
        }
        # Review details belong to the web page that carries the article.
        web_page = {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": self.title,
            "mainEntity": {"@id": f"{url}#article"},
            "reviewedBy": person(self.reviewed_by),
            "lastReviewed": self.last_reviewed,
        }
        return [without_empty(web_page), without_empty(article), faq_page(self.body, url)]
