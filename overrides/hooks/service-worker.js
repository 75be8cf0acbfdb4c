// The site's service worker: every page and both calculators keep working offline after a visit.
// Generated at build time by offline.py, which fills in the three constants below.
//
// - Pages and their assets are cached when the worker installs (no Python runtime: content pages
//   never load it) and are served network first, so a reader online always sees the newest.
// - The Python runtime (versioned Pyodide folder, content-hashed core archives) is immutable and
//   served cache first; a calculator page asks for it to be cached ("cache-runtime") once ready.
// - A new build has a new VERSION: the new worker caches its files, takes over, and deletes the
//   caches and runtime files of the old one.

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const RUNTIME = __RUNTIME__;

const PAGES = `bfr-pages-${VERSION}`;
const PYTHON = "bfr-python-runtime";
const scoped = (path) => new URL(path, self.registration.scope).href;
const IMMUTABLE = RUNTIME.filter((path) => /^assets\/(pyodide|core)\//.test(path)).map(scoped);

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(PAGES).then((cache) => cache.addAll(PRECACHE.map(scoped)))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("bfr-pages-") && name !== PAGES) await caches.delete(name);
    }
    const runtime = await caches.open(PYTHON);
    const wanted = new Set(RUNTIME.map(scoped));
    for (const request of await runtime.keys()) {
      if (!wanted.has(request.url)) await runtime.delete(request);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data !== "cache-runtime") return;
  event.waitUntil(caches.open(PYTHON).then(async (cache) => {
    for (const url of RUNTIME.map(scoped)) {
      if (!(await cache.match(url))) await cache.add(url);
    }
    event.source?.postMessage("runtime-cached"); // the page may now go offline
  }));
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const url = request.url.split("#")[0];
  event.respondWith(IMMUTABLE.includes(url) ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(PYTHON)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      await (await caches.open(PAGES)).put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (request.mode === "navigate") {
      const missing = await caches.match(scoped("404.html"));
      if (missing) return missing;
    }
    throw error;
  }
}
