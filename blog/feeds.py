from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class ArticlesFeed(Feed):
    """RSS 2.0 feed of a blog's newest articles, or of those on one topic (a tag), with absolute links.

    Every link, the feed's own address included, is on the blog's Wagtail Site (its
    hostname and port), never the Host the request came with.
    """

    feed_type = Rss201rev2Feed
    route_name = "feed"  # BlogIndexPage's routes for this feed, of the whole blog and of a topic
    topic_route_name = "tag_feed"

    def __init__(self, blog_index, tag=None, articles=None):
        super().__init__()
        self.blog_index = blog_index
        self.tag = tag
        self.articles = blog_index.articles() if articles is None else articles

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.tag:
            return f"{self.blog_index.title}: {self.tag.name}"
        return self.blog_index.title

    def link(self):
        """The page the feed follows: the blog, or the topic's page of it."""
        link = self.blog_index.get_full_url(self.request)
        if self.tag:
            link += self.blog_index.reverse_subpage("tag", args=[self.tag.slug])
        return link

    def feed_url(self):
        index = self.blog_index.get_full_url(self.request)
        if self.tag:
            return index + self.blog_index.reverse_subpage(self.topic_route_name, args=[self.tag.slug])
        return index + self.blog_index.reverse_subpage(self.route_name)

    def description(self):
        if self.tag:
            return f"Articles about {self.tag.name} from {self.blog_index.title}."
        return self.blog_index.intro or self.blog_index.title

    def items(self):
        return self.articles[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        # The editor's publication date, at the start of that day in the site's time zone.
        return timezone.make_aware(datetime.combine(item.publication_date, time.min))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return str(item.author) if item.author else None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class ArticlesAtomFeed(ArticlesFeed):
    feed_type = Atom1Feed
    route_name = "atom_feed"
    topic_route_name = "tag_atom_feed"

    def subtitle(self):
        return self.description()
