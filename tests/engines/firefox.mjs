// Debian's Firefox ESR for the cross-engine tests, over WebDriver BiDi with puppeteer-core.
//
// tests/engines/drivers.py starts this script and sends it one JSON command per line on stdin;
// each answer is one JSON line on stdout: {"id", "value"} or {"id", "error"}. One Firefox per
// script, with a fresh temporary profile (puppeteer-core makes one and removes it on close).
//
// The page's console errors and uncaught errors come as BiDi events from the moment a page
// starts loading; `preload` puts a script into every new document before the page's own.

import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const FIREFOX = process.env.BFR_FIREFOX || "/usr/bin/firefox-esr";
const TIMEOUT_MS = 30_000;

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: FIREFOX,
  headless: true,
  protocolTimeout: TIMEOUT_MS,
  defaultViewport: { width: 1280, height: 900 },
});
const page = (await browser.pages())[0] ?? (await browser.newPage());
page.setDefaultTimeout(TIMEOUT_MS);
const errors = [];
// A page that is being left cancels what it was still fetching (the search worker's scripts,
// the favicon), and Firefox reports each cancelled request as an error of that page: as
// NS_BINDING_ABORTED, or, when the service worker was fetching it, as the worker having "encountered
// an unexpected error". The reader has gone by then: those two are kept apart, from the moment a
// command leaves the page until the next one has loaded. Any other error counts.
const CANCELLED = [/^NS_BINDING_ABORTED$/, /^Failed to load ‘[^’]+’\. A ServiceWorker intercepted the request and encountered an unexpected error\.$/];
const aborted = [];
let leaving = false;
page.on("load", () => { leaving = false; });
page.on("console", (message) => {
  if (message.type() === "error") errors.push(`console (BiDi): ${message.text()} [${page.url()}]`);
});
page.on("pageerror", (error) => {
  const text = String(error.message ?? error);
  if (leaving && CANCELLED.some((pattern) => pattern.test(text))) aborted.push(`${text} [${page.url()}]`);
  else errors.push(`pageerror (BiDi): ${text} [${page.url()}]`);
});

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// The centre of the element in the viewport, scrolled into view first.
async function centre(selector) {
  const handle = await page.waitForSelector(selector, { visible: true });
  await handle.scrollIntoView();
  const box = await handle.boundingBox();
  await handle.dispose();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function leave(script, url = null) {
  leaving = true;
  const mark = `left-${Date.now()}-${Math.random()}`;
  await page.evaluate(`window.__bfrLeft = ${JSON.stringify(mark)}; setTimeout(() => { ${script}; }, 0)`);
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    try {
      const state = await page.evaluate("[window.__bfrLeft, document.readyState, location.href]");
      if (state[0] !== mark && state[1] === "complete" && (url === null || state[2] === url)) return;
    } catch {
      // the old document went while it was being asked
    }
    if (Date.now() > deadline) throw new Error(`${script}: no new page within ${TIMEOUT_MS} ms`);
    await sleep(50);
  }
}

const COMMANDS = {
  // page.goto() and page.reload() wait for the navigation through puppeteer-core's own
  // bookkeeping, which loses track once a page has come back from the back/forward cache (they
  // then time out on a page that has long loaded). So the page is sent on by a script, and the
  // new document is awaited here: the old one carries a mark, the new one does not.
  async goto({ url }) {
    await leave(`location.href = ${JSON.stringify(url)}`, new URL(url).href);
  },
  async reload() {
    await leave("location.reload()");
  },
  // Leaves the page by a script of its own (history.back(), not page.goBack(): that times out
  // after a page is restored from the back/forward cache), run from a timer so that this
  // returns before the page goes; the caller waits for the page it expects.
  async navigate({ script }) {
    leaving = true;
    await page.evaluate(`setTimeout(() => { ${script}; }, 0)`);
  },
  // An expression's value (awaited if it is a promise).
  async evaluate({ expression }) {
    return page.evaluate(expression);
  },
  // A function's value (awaited), called in the page with `args`; its source is made into a
  // function here in Node, and puppeteer-core sends it to the page as source again.
  async call({ function: source, args = [] }) {
    const fn = new Function(`return (${source});`)(); // eslint-disable-line no-new-func
    return page.evaluate(fn, ...args);
  },
  async preload({ script }) {
    await page.evaluateOnNewDocument(script);
  },
  async click({ selector, navigates = false }) {
    const { x, y } = await centre(selector);
    if (navigates) leaving = true;
    await page.mouse.click(x, y);
  },
  // The pointer pressed on the element for `ms`, then released, as a finger or a mouse does.
  async hold({ selector, ms }) {
    const { x, y } = await centre(selector);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await sleep(ms);
    await page.mouse.up();
  },
  // Types into the focused element, as the keyboard does.
  async type({ text }) {
    await page.keyboard.type(text);
  },
  async errors() {
    return errors.splice(0);
  },
  async aborted() {
    return aborted.splice(0);
  },
  async close() {
    await browser.close();
    setTimeout(() => process.exit(0), 10);
  },
};

const lines = createInterface({ input: process.stdin });
// One command at a time, in order.
let queue = Promise.resolve();
lines.on("line", (line) => {
  queue = queue.then(async () => {
    const { id, op, ...args } = JSON.parse(line);
    let answer;
    try {
      const value = await COMMANDS[op](args);
      answer = { id, value: value === undefined ? null : value };
    } catch (error) {
      answer = { id, error: String(error && error.stack ? error.stack : error) };
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  });
});
lines.on("close", () => queue.then(() => browser.close()).finally(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ id: 0, value: await browser.version() })}\n`);
