vcl 4.1;
# Tribune's edge cache. Anonymous readers are answered from memory; signed-in readers, forms and the
# admin go straight to the origin. Tribune purges what a publish, a comment or an edit makes stale
# (Wagtail's front-end cache, HTTP backend: TRIBUNE_EDGE_CACHE_URL=http://<this host>:<port>).
#   varnishd -a :6081 -f /etc/varnish/tribune.vcl -s malloc,256m
# The origin below (twice: the backend and its health check) is deploy/serve on its Unix socket (WEB_SOCKET), held
# by Granian's main process, so connections wait while its workers are replaced instead of being refused. An origin
# on another machine: `.host = "10.0.0.2"; .port = "8000";` in place of `.path` (README, "Running under systemd").
# `make bench` and the edge tests replace the `.path` line with their own origin; keep it as it is.

import std;
import vtc;

# The origin, as readers' misses reach it. It has no probe of its own: Varnish must fetch a purged page again at
# once (a publish shows within a second) even while the origin is busy, and a backend marked sick is not fetched
# from at all (every purged page would answer 503 until enough probes passed again).
backend tribune {
    .path = "/run/tribune/web.sock";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# The same origin, probed. Its health decides only how stale a page may be served (vcl_recv): seconds while the
# origin answers, hours while it doesn't. Nothing is fetched through it, so a probe that times out during a
# traffic peak costs nothing but longer grace. Keep its address the same as the backend above.
# The probe asks /readyz (tribune/core/health.py), which answers 503 when the database, Redis or a migration is
# missing: while PostgreSQL is down, readers get the stored pages for hours instead of the origin's 503s. (A static
# URL such as /robots.txt answered 200 from the page cache during a database outage.)
backend tribune_health {
    .path = "/run/tribune/web.sock";
    .connect_timeout = 2s;
    .probe = {
        .url = "/readyz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: the origin servers. Add your application hosts.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # "/*" forgets everything (a section renamed shows in every page's navigation); any other path
        # forgets that path with every query string (pagination), on every host name.
        if (req.url == "/*") {
            ban("obj.status != 0");
        } else {
            ban("obj.http.x-tribune-path == " + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|accounts|discussion|documents|analytics)/" || req.url ~ "^/[a-z]{2}(-[a-z]+)?/(accounts|discussion)/") {
        return (pass);
    }
    # A session (signed in) or a pending message makes the page personal: never shared. Django's cookie names, as
    # development names them and as production does, __Host- prefixed (tribune.delivery.page_cache.personal_cookies).
    if (req.http.Cookie ~ "(^|;\s*)(__Host-)?(sessionid|messages)=" || req.http.Authorization) {
        return (pass);
    }
    set req.backend_hint = tribune;
    if (std.healthy(tribune_health)) {
        set req.grace = 10s;
    }
    # Other cookies (consent banners, analytics) don't change the page: drop them so readers share it.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_fetch {
    # Ask the origin to check its page versions in the shared cache rather than a worker's memory, so a
    # fetch right after a purge can't store the copy from before the publish.
    set bereq.http.X-Tribune-Edge = "1";
}

sub vcl_backend_response {
    # Keep the path on the object so a purge can find every variant of it (see vcl_recv).
    set beresp.http.x-tribune-path = regsub(bereq.url, "\?.*$", "");
    # Compression: Varnish asks the origin for gzip, which sends stored pages from a copy compressed once; Varnish
    # keeps that copy and unzips it for a reader who doesn't take gzip. Text that arrives plain is gzipped here.
    # (No Brotli: Varnish has none built in.)
    if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/([a-z.+-]*\+)?(json|xml|javascript))") {
        set beresp.do_gzip = true;
    }
    # Only what Tribune marks public is shared; the origin's Cache-Control gives the lifetime (s-maxage).
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    # A purged page is gone at once. An expired one may be served for a few seconds while one fetch
    # refreshes it, or for hours if the origin is down (vcl_recv shortens grace while it is healthy).
    set beresp.grace = 6h;
    return (deliver);
}

# The origin refused or dropped the connection (no answer at all, not an error page): Granian itself is restarting
# (its socket is gone for a second or two), or a worker died with this request. A read is tried again every 0.75 s,
# four times (Varnish's default max_retries); a write is never repeated (it may have been done). Then the reader gets
# a 503 that says when to try again rather than Varnish's "Backend fetch failed". vtc is a vmod that ships with
# Varnish.
sub vcl_backend_error {
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 4) {
        vtc.sleep(0.75s);
        return (retry);
    }
    set beresp.status = 503;
    set beresp.ttl = 0s;
    set beresp.uncacheable = true;
    set beresp.http.Retry-After = "5";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Content-Security-Policy = "default-src 'none'; frame-ancestors 'none'";
    set beresp.http.X-Content-Type-Options = "nosniff";
    synthetic({"<!doctype html><html lang="en"><meta name="viewport" content="width=device-width"><title>Back in a moment</title><h1>Back in a moment</h1><p>The site is restarting. Please try again in a few seconds; if you were sending a form, check whether it went through before sending it again.</p></html>
"});
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-tribune-path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.uncacheable) {
        set resp.http.X-Edge-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
}
