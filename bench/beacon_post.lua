-- wrk script: the view beacon of one page, as its script sends it (navigator.sendBeacon: a POST of a small JSON body
-- as text/plain), from many distinct readers.
-- Usage: wrk ... -s bench/beacon_post.lua http://127.0.0.1:PORT -- PATH TOKEN
-- TOKEN is the page's signed token (its data-target). Each request has a browser name of its own, so each is a new
-- source to the per-source cap and replay window (they hash address, browser and host; every request here comes from
-- 127.0.0.1): every beacon is one to count. A few referrers and device classes rotate, as real traffic's do.
-- 204 is the beacon's answer whether or not it was counted; anything else is counted as "other".

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

local referrers = { "", "https://news.example.org/today", "https://www.example.com/search?q=tribune", "" }
local browsers = {
   "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 Reader/%d-%d",
   "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Reader/%d-%d",
   "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Reader/%d-%d",
}

function init(args)
   path, token = args[1], args[2]
   n = 0
   answered = 0
   other = 0
end

function request()
   n = n + 1
   local body = '{"t":"' .. token .. '","r":"' .. referrers[n % #referrers + 1] .. '"}'
   return wrk.format("POST", path, {
      ["Content-Type"] = "text/plain;charset=UTF-8",
      ["User-Agent"] = string.format(browsers[n % #browsers + 1], id or 0, n),
   }, body)
end

function response(status, headers, body)
   if status == 204 then
      answered = answered + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local a, o = 0, 0
   for _, thread in ipairs(threads) do
      a = a + (thread:get("answered") or 0)
      o = o + (thread:get("other") or 0)
   end
   io.write(string.format("BENCH_BEACON answered=%d other=%d\n", a, o))
end
