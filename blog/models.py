import math
from urllib.parse import urljoin

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site
from wagtail.search import index

from core.listings import listing, sitemap_urls_of_a_list
from core.models import MedicalContentPage
from core.pagination import paginate
from core.seo import promote_panels, share_image
from core.structured_data import person, without_empty

# Adults read plain web text at roughly this many words a minute.
READING_WORDS_PER_MINUTE = 200
RELATED_ARTICLES = 3


class BlogIndexPage(RoutablePageMixin, Page):
    """The articles, newest first, with pages, tag filters and feeds."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the list of articles.")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = promote_panels("the introduction")

    class Meta:
        verbose_name = "blog index page"

    def articles(self):
        return listing(BlogPage.objects.child_of(self))

    def get_sitemap_urls(self, request=None):
        return sitemap_urls_of_a_list(super().get_sitemap_urls(request), self.get_children())

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

    def tagged(self, slug):
        """The tag with this slug and this blog's articles that carry it; 404 when there are none."""
        tag = get_object_or_404(Tag, slug=slug)
        articles = self.articles().filter(tags=tag)
        if not articles.exists():
            raise Http404("No article has this tag.")
        return tag, articles

    @path("tag/<slug:tag>/", name="tag")
    def tag(self, request, tag):
        tag, articles = self.tagged(tag)
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

    @path("tag/<slug:tag>/feed/", name="tag_feed")
    def tag_rss_feed(self, request, tag):
        from blog.feeds import ArticlesFeed

        return ArticlesFeed(self, *self.tagged(tag))(request)

    @path("tag/<slug:tag>/feed/atom/", name="tag_atom_feed")
    def tag_atom_feed(self, request, tag):
        from blog.feeds import ArticlesAtomFeed

        return ArticlesAtomFeed(self, *self.tagged(tag))(request)


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items")


class BlogPage(MedicalContentPage):
    """An article, built from the shared blocks, written by a clinician and medically reviewed."""

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
        *MedicalContentPage.search_fields,
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date_published"),
    ]

    content_panels = [
        *Page.content_panels,
        *MedicalContentPage.summary_panels,
        MultiFieldPanel([FieldPanel("author"), FieldPanel("date_published")], heading="Byline"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                FieldPanel("related_treatments", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_conditions", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Topics",
        ),
        *MedicalContentPage.review_panels,
    ]

    card_template = "includes/article_card.html"
    open_graph_type = "article"  # how link previews present it (core/seo.py)
    related_articles_shown = RELATED_ARTICLES
    # How lists of articles are ordered and what their cards show (core/listings.py).
    listing_order = ("-date_published", "-first_published_at", "-pk")
    listing_select_related = ("author",)
    listing_prefetch_related = ("tags",)

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
        return max(1, math.ceil(words / READING_WORDS_PER_MINUTE))

    def related_articles_queryset(self):
        """Articles sharing a tag, treatment or condition with this one."""
        return (
            BlogPage.objects.exclude(pk=self.pk)
            .filter(
                Q(tags__in=[tag.pk for tag in self.tags.all()])
                | Q(related_treatments__in=[page.pk for page in self.related_treatments.all()])
                | Q(related_conditions__in=[page.pk for page in self.related_conditions.all()])
            )
            .distinct()
        )

    def related_articles(self):
        """Related articles, topped up with the newest others when fewer are related."""
        related = super().related_articles()
        if len(related) < self.related_articles_shown:
            others = listing(BlogPage.objects.exclude(pk__in=[self.pk, *(article.pk for article in related)]))
            related += list(others[: self.related_articles_shown - len(related)])
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # For the topic links, which are kept with the page's fragments (core/caching.py): looked up only to draw them.
        context["blog_index"] = SimpleLazyObject(lambda: self.get_parent().specific)
        return context

    def structured_data_subject(self, url):
        return {"mainEntity": {"@id": f"{url}#article"}}

    def structured_data_entities(self, request, url):
        article = {
            "@type": "BlogPosting",
            "@id": f"{url}#article",
            "headline": self.title,
            "description": self.summary,
            "datePublished": self.publication_date,
            "dateModified": self.last_published_at,
            "author": person(self.author, request),
            "image": self.structured_data_image(request),
            "publisher": self.structured_data_publisher(request),
            "keywords": ", ".join(tag.name for tag in self.tags.all()),
        }
        return [without_empty(article)]

    def structured_data_image(self, request):
        """The hero image as the share rendition (1200 × 630), at the Site's address; else the site's default
        share image, as the home page gives it (found through the Site: blog/ needs no import of home/)."""
        rendition = share_image(self) if self.hero_image_id else None
        parts = self.get_url_parts(request)
        if parts is None:
            return None
        if rendition is not None:
            return urljoin(parts[1] + "/", rendition.url)
        site = Site.find_for_request(request) if request is not None else self.get_site()
        default = getattr(site.root_page.specific_deferred, "structured_data_share_image", None) if site else None
        return default(request) if default else None

    def structured_data_publisher(self, request):
        """The clinic, as its home page describes it (found through the Site, so blog/ needs no import of home/)."""
        site = Site.find_for_request(request) if request is not None else self.get_site()
        root = site.root_page.specific_deferred if site else None
        describe = getattr(root, "structured_data_organization", None)
        return describe(request) if describe else None
