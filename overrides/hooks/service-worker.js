// The site's service worker: every page and both calculators keep working offline after a visit.
// Generated at build time by offline.py, which fills in the four constants below.
//
// - Pages and their assets are cached when the worker installs (no Python runtime: content pages
//   never load it) and are served network first, so a reader online always sees the newest. They
//   are stored without their query string, so `?utm=…` visits do not add copies.
// - The Python runtime (versioned Pyodide folder, content-hashed core archives, the calculators'
//   scripts, named by their content) is immutable and served cache first. A file
//   is cached only if its SHA-256 and size are those the build recorded: a truncated or foreign
//   response is never kept. A calculator page asks for the runtime to be cached
//   ("cache-runtime") once ready.
// - A new build has a new VERSION: the new worker caches its pages and, if the reader had the
//   runtime cached, the new build's runtime files before it takes over; then it deletes the
//   caches and runtime files of the old one. A page and its scripts are thus always of one build.

const VERSION = "__VERSION__";
// {pages, runtime, snapshots}: the cache names (offline.py CACHES), shared with the pages
const CACHES = __CACHES__;
const PRECACHE = __PRECACHE__;
// {path: [sha256, bytes]} of every runtime file
const RUNTIME = __RUNTIME__;

const PAGES = `${CACHES.pages}${VERSION}`;
const PYTHON = CACHES.runtime;
const scoped = (path) => new URL(path, self.registration.scope).href;
const EXPECTED = new Map(Object.entries(RUNTIME).map(([path, digest]) => [scoped(path), digest]));

function withoutSearch(url) {
  const bare = new URL(url);
  bare.search = "";
  bare.hash = "";
  return bare.href;
}

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// A runtime file from the network as a response that can be cached, or an error if what came
// is not the file this build names (truncated, from another build, an error page). A stale
// HTTP cache gets one second chance.
async function download(url) {
  const [digest, size] = EXPECTED.get(url);
  let problem = "";
  for (const mode of ["default", "reload"]) {
    const response = await fetch(url, { cache: mode });
    if (!response.ok) {
      problem = `HTTP ${response.status}`;
      continue;
    }
    const body = await response.arrayBuffer();
    if (body.byteLength === size && (await sha256(body)) === digest) {
      const headers = new Headers(response.headers);
      headers.delete("content-encoding"); // the body is already decoded
      headers.set("content-length", String(size));
      return new Response(body, { status: 200, headers });
    }
    problem = `${body.byteLength} bytes that do not match the build`;
  }
  throw new Error(`${url}: ${problem}`);
}

async function cacheRuntime() {
  const cache = await caches.open(PYTHON);
  for (const url of EXPECTED.keys()) {
    if (!(await cache.match(url))) await cache.put(url, await download(url));
  }
}

async function hadRuntime() {
  if (!(await caches.has(PYTHON))) return false;
  return (await (await caches.open(PYTHON)).keys()).length > 0;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await (await caches.open(PAGES)).addAll(PRECACHE.map(scoped));
    // A reader who could use the calculators offline still can after this build takes over.
    // If the new runtime cannot be fetched, this worker is not installed and the old one (with
    // its own pages and runtime) stays.
    if (await hadRuntime()) await cacheRuntime();
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHES.pages) && name !== PAGES) await caches.delete(name);
    }
    const runtime = await caches.open(PYTHON);
    for (const request of await runtime.keys()) {
      if (!EXPECTED.has(request.url)) await runtime.delete(request);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data !== "cache-runtime") return;
  event.waitUntil(cacheRuntime().then(
    () => event.source?.postMessage("runtime-cached"), // the page may now go offline
    () => event.source?.postMessage("runtime-not-cached"),
  ));
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const url = request.url.split("#")[0];
  event.respondWith(EXPECTED.has(url) ? cacheFirst(url) : networkFirst(request));
});

async function cacheFirst(url) {
  const cache = await caches.open(PYTHON);
  const cached = await cache.match(url);
  if (cached) return cached;
  let response;
  try {
    response = await download(url);
  } catch (error) {
    if (error instanceof TypeError) throw error; // offline: the page says so
    return new Response(String(error.message), { status: 502, statusText: "Not the expected file" });
  }
  await cache.put(url, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      await (await caches.open(PAGES)).put(withoutSearch(request.url), response.clone());
    }
    return response;
  } catch (error) {
    const pages = await caches.open(PAGES);
    const cached = await pages.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (request.mode === "navigate") {
      const missing = await pages.match(scoped("404.html"));
      if (missing) return missing;
    }
    throw error;
  }
}
