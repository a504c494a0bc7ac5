from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class ArticlesFeed(Feed):
    """RSS 2.0 feed of a blog's newest articles, with absolute links.

    Every link, the feed's own address included, is on the blog's Wagtail Site (its
    hostname and port), never the Host the request came with.
    """

    feed_type = Rss201rev2Feed
    route_name = "feed"  # BlogIndexPage's route for this feed

    def __init__(self, blog_index):
        super().__init__()
        self.blog_index = blog_index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.blog_index.title

    def link(self):
        return self.blog_index.get_full_url(self.request)

    def feed_url(self):
        return self.link() + self.blog_index.reverse_subpage(self.route_name)

    def description(self):
        return self.blog_index.intro or self.blog_index.title

    def items(self):
        return self.blog_index.articles()[:FEED_LENGTH]

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

    def subtitle(self):
        return self.description()
