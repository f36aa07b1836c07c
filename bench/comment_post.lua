-- wrk script: signed-in readers post comments to one article, as the article page's form does.
-- Usage: wrk ... -s bench/comment_post.lua http://127.0.0.1:PORT -- PATH CREDENTIALS_FILE SESSION_COOKIE CSRF_COOKIE
-- CREDENTIALS_FILE has one reader per line: "<session key> <csrf cookie secret> <csrf form token>".
-- A 302 back to the article is what the view answers; "#comment-<id>" in its Location means the comment was
-- published, "#discussion" means it was refused (rate limit, validation, closed): both are counted.

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

local function urlencode(s)
   return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
   path, creds_file, session_cookie, csrf_cookie = args[1], args[2], args[3], args[4]
   readers = {}
   for line in io.lines(creds_file) do
      local session, secret, token = line:match("^(%S+) (%S+) (%S+)$")
      if session then
         table.insert(readers, { session = session, secret = secret, token = token })
      end
   end
   n = 0
   posted = 0
   refused = 0
   other = 0
end

function request()
   n = n + 1
   local reader = readers[((id or 1) * 7919 + n) % #readers + 1]
   local body = "csrfmiddlewaretoken=" .. urlencode(reader.token)
      .. "&body=" .. urlencode("Bench comment " .. (id or 0) .. "-" .. n .. ": a reader's view on the argument.")
   return wrk.format("POST", path, {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = session_cookie .. "=" .. reader.session .. "; " .. csrf_cookie .. "=" .. reader.secret,
   }, body)
end

function response(status, headers, body)
   local location = headers["Location"] or headers["location"] or ""
   if status == 302 and location:find("#comment%-") then
      posted = posted + 1
   elseif status == 302 then
      refused = refused + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local p, r, o = 0, 0, 0
   for _, thread in ipairs(threads) do
      p = p + (thread:get("posted") or 0)
      r = r + (thread:get("refused") or 0)
      o = o + (thread:get("other") or 0)
   end
   io.write(string.format("BENCH_POST posted=%d refused=%d other=%d\n", p, r, o))
end
