from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from clinicsite.media import serve_media
from home import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", search_views.search, name="search"),
    path("self-check/", include("core.urls")),  # questionnaire results without JavaScript: stores nothing
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.DEBUG or settings.SERVE_MEDIA:
    # On one machine without a web server in front, Django serves uploaded images itself.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_media),
    ]

# Wagtail's page serving comes last: it matches every other path.
urlpatterns += [path("", include(wagtail_urls))]
