// How the worker stores a memory snapshot of the interpreter, and how it checks what it restores.
// Pure (no Cache API, no Pyodide), so Node's test runner checks it.
//
// A snapshot is the interpreter's whole 30 MB heap, about two thirds of it zeros. Only the runs
// of 4 KB pages that hold data are stored (a third of the bytes to read on a return visit); two
// headers give its full length and where each run goes, so the buffer can be made before the
// body is read, and a third the SHA-256 of both headers and the body.

export const SNAPSHOT_BYTES = "x-snapshot-bytes";
export const SNAPSHOT_RUNS = "x-snapshot-runs"; // JSON [[offset, length], ...]
export const SNAPSHOT_SHA256 = "x-snapshot-sha256"; // of the two headers above and the body
export const PAGE = 4096;

export async function sha256(...parts) {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", whole));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function snapshotDigest(headers, body) {
  const text = new TextEncoder().encode(`${headers[SNAPSHOT_BYTES]}\n${headers[SNAPSHOT_RUNS]}\n`);
  return sha256(text, body);
}

function isZero(bytes, words, start, end) {
  if (words && start % 4 === 0 && end % 4 === 0) {
    for (let i = start >> 2; i < end >> 2; i += 1) if (words[i] !== 0) return false;
    return true;
  }
  for (let i = start; i < end; i += 1) if (bytes[i] !== 0) return false;
  return true;
}

// The [offset, length] runs of pages of `bytes` that are not all zeros.
export function dataRuns(bytes) {
  const words = bytes.byteOffset % 4 === 0
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2) : null;
  const runs = [];
  for (let start = 0; start < bytes.byteLength; start += PAGE) {
    const end = Math.min(start + PAGE, bytes.byteLength);
    if (isZero(bytes, words, start, end)) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === start) last[1] += end - start;
    else runs.push([start, end - start]);
  }
  return runs;
}

// What is stored of a snapshot: the body (its runs of data, one after the other) and the headers
// that say where they go, with their digest.
export async function packSnapshot(snapshot) {
  const runs = dataRuns(snapshot);
  const body = new Uint8Array(runs.reduce((sum, [, length]) => sum + length, 0));
  let written = 0;
  for (const [offset, length] of runs) {
    body.set(snapshot.subarray(offset, offset + length), written);
    written += length;
  }
  const headers = { [SNAPSHOT_BYTES]: String(snapshot.byteLength), [SNAPSHOT_RUNS]: JSON.stringify(runs) };
  headers[SNAPSHOT_SHA256] = await snapshotDigest(headers, body);
  return { body, headers };
}

// Reads a stored snapshot's runs into `target` (zeros, of the snapshot's full length); throws if
// the response is not what was stored. The browser reads the body in one piece, which costs the
// worker's thread far less than chunk by chunk.
export async function readInto(response, target) {
  const headers = Object.fromEntries([SNAPSHOT_BYTES, SNAPSHOT_RUNS].map((h) => [h, response.headers.get(h)]));
  const runs = JSON.parse(headers[SNAPSHOT_RUNS]);
  const body = new Uint8Array(await response.arrayBuffer());
  if ((await snapshotDigest(headers, body)) !== response.headers.get(SNAPSHOT_SHA256)) {
    throw new Error("snapshot does not match its digest");
  }
  let read = 0;
  for (const [offset, length] of runs) {
    if (!(offset >= 0 && length > 0 && offset + length <= target.byteLength)) throw new Error("bad run");
    target.set(body.subarray(read, read + length), offset);
    read += length;
  }
  if (read !== body.byteLength) throw new Error("snapshot of the wrong length");
}

// Whether two JSON values are the same result, by which a restored interpreter's answers to the
// build's reference cases are judged (numbers may differ in the last bits between the build's
// CPython and Pyodide's libm, never by more).
export function same(got, wanted) {
  if (typeof wanted === "number") {
    return typeof got === "number" && Math.abs(got - wanted) <= 1e-9 * Math.max(1, Math.abs(wanted));
  }
  if (wanted === null || typeof wanted !== "object") return got === wanted;
  if (got === null || typeof got !== "object" || Array.isArray(got) !== Array.isArray(wanted)) return false;
  const keys = Object.keys(wanted);
  return keys.length === Object.keys(got).length && keys.every((k) => k in got && same(got[k], wanted[k]));
}
