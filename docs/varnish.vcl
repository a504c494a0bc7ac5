# Varnish in front of gunicorn (docs/deployment.md, "A cache in front"). The site says what may be
# kept and for how long (Cache-Control: public, s-maxage=... on public pages; private, no-store on
# everything personal) and purges a page the moment it changes (wagtail.contrib.frontend_cache with
# FRONTEND_CACHE=http, a PURGE request per URL). tests/core/test_varnish.py runs this very file.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the app's own machines. Add the addresses of every app server.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff and anyone signed in: never from the cache, and never into it.
    if (req.url ~ "^/admin(/|$)" || req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(__Host-)?sessionid=") {
        return (pass);
    }
    # A visitor's other cookies (the CSRF cookie of a form they saw) do not change a public page.
    unset req.http.Cookie;
    # Tracking parameters do not change a page either: one copy for every campaign link.
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*", "\1");
    set req.url = regsuball(req.url, "[?&]+$", "");
    set req.url = regsub(req.url, "\?&+", "?");
}

sub vcl_backend_response {
    # A response that sets a cookie is someone's own: pass it on, keep it for nobody.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-CDN-Cache = "hit";
    } else {
        set resp.http.X-CDN-Cache = "miss";
    }
}
