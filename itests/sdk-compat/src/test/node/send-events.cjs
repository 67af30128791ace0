// Sends the test events (sdk-events.json) with one real Node.js SDK, installed by the test into target/node, to a
// running server; flushes and closes the SDK; writes what the SDK reported to a JSON file:
//   {sdk, version, node, messageIds: [one per event, null when unknown], failures: [...], exchanges: [...]}
// The SDKs run with their defaults (batching, retries, gzip for RudderStack); only the server URL and write key are set.
// Usage: node send-events.cjs <segment|rudderstack> <node dir> <events.json> <server URL> <write key> <report.json>
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { createRequire } = require('node:module');

const [sdk, nodeDir, eventsFile, host, writeKey, reportFile] = process.argv.slice(2);
const fromNodeDir = createRequire(path.join(path.resolve(nodeDir), 'index.js'));
const events = JSON.parse(fs.readFileSync(eventsFile, 'utf8'));
const report = { sdk, version: null, node: process.version, messageIds: events.map(() => null), failures: [], exchanges: [] };
const SETTLE_MS = 30000;
const IDS = ['type', 'userId', 'anonymousId', 'event', 'name', 'groupId', 'previousId'];

/** The SDK method and argument for a test event: `type` names the method, `timestamp` becomes a Date. */
function call(event) {
  const { type, timestamp, ...params } = event;
  return [type, timestamp ? { ...params, timestamp: new Date(timestamp) } : params];
}

/** Whether a message the SDK sent was made from `event` (no two test events have the same type and ids). */
function madeFrom(message, event) {
  return IDS.every((k) => message[k] === event[k]);
}

/** A request or response body as JSON when it is JSON, gzipped or not. */
function decode(data) {
  if (data == null) return data;
  try {
    if (typeof data === 'string') return JSON.parse(data);
    if (data instanceof Uint8Array) {
      const bytes = Buffer.from(data);
      return JSON.parse((bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes).toString('utf8'));
    }
  } catch (e) {
    return String(data);
  }
  return data;
}

function describe(err) {
  if (!(err instanceof Error)) return JSON.stringify(err);
  const response = err.response ? ` (HTTP ${err.response.status}: ${JSON.stringify(err.response.data)})` : '';
  return `${err.name}: ${err.message}${response}`;
}

function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      report.failures.push(`${what} within ${ms} ms`);
      resolve();
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(nodeDir, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** @segment/analytics-node: the callback of each call gets the delivered event, with its messageId. */
async function segment() {
  const { Analytics } = fromNodeDir('@segment/analytics-node');
  report.version = packageVersion('@segment/analytics-node');
  const analytics = new Analytics({ writeKey, host });
  analytics.on('http_request', (r) =>
    report.exchanges.push({ request: `${r.method} ${r.url}`, headers: r.headers, body: decode(r.body) }));
  analytics.on('http_response', (r) => {
    const exchange = report.exchanges.find((x) => x.status === undefined && x.request.endsWith(r.url));
    if (exchange) Object.assign(exchange, { status: r.status, statusText: r.statusText, responseHeaders: r.headers });
  });
  const settled = events.map((event, i) => new Promise((resolve) => {
    const [type, params] = call(event);
    analytics[type](params, (err, ctx) => {
      report.messageIds[i] = ctx?.event?.messageId ?? null;
      if (err) report.failures.push(`event #${i}: ${describe(err)}`);
      resolve();
    });
  }));
  await analytics.closeAndFlush({ timeout: SETTLE_MS });
  await within(Promise.all(settled), 2000, 'not every event callback was called');
}

/**
 * @rudderstack/rudder-sdk-node: the callback of each call gets the request it went in (gzipped), from which its
 * messageId is taken. The axios instance is the one the SDK would create itself (axios.create() of its own axios),
 * given so that each HTTP exchange can be recorded.
 */
async function rudderstack() {
  const Analytics = fromNodeDir('@rudderstack/rudder-sdk-node');
  report.version = packageVersion('@rudderstack/rudder-sdk-node');
  const axios = createRequire(fromNodeDir.resolve('@rudderstack/rudder-sdk-node'))('axios');
  const axiosInstance = axios.create();
  const record = (config, status, response) => report.exchanges.push({
    request: `${String(config.method).toUpperCase()} ${config.url}`,
    headers: typeof config.headers?.toJSON === 'function' ? config.headers.toJSON() : config.headers,
    body: decode(config.data),
    status,
    response,
  });
  axiosInstance.interceptors.response.use(
    (r) => { record(r.config, r.status, r.data); return r; },
    (e) => { if (e.config) record(e.config, e.response?.status ?? e.code, e.response?.data); return Promise.reject(e); });
  const client = new Analytics(writeKey, { dataPlaneUrl: host, axiosInstance });
  const settled = events.map((event, i) => new Promise((resolve) => {
    const [type, params] = call(event);
    client[type](params, (err, data) => {
      if (err) report.failures.push(`event #${i}: ${describe(err)}`);
      const ids = [...new Set((decode(data)?.batch ?? []).filter((m) => madeFrom(m, event)).map((m) => m.messageId))];
      if (ids.length === 1) report.messageIds[i] = ids[0];
      else report.failures.push(`event #${i}: ${ids.length} messages of the request it went in were made from it`);
      resolve();
    });
  }));
  try {
    await client.flush();
  } catch (err) {
    report.failures.push(`flush: ${describe(err)}`);
  }
  await within(Promise.all(settled), SETTLE_MS, 'not every event callback was called');
}

// An SDK that fails a request may also reject a promise nobody awaits; that must end up in the report, not kill us.
process.on('unhandledRejection', (err) => report.failures.push(`unhandled rejection: ${describe(err)}`));

const senders = { segment, rudderstack };
(senders[sdk] ? senders[sdk]() : Promise.reject(new Error(`unknown SDK ${sdk}`)))
  .catch((err) => report.failures.push(`script: ${describe(err)}`))
  .finally(() => {
    fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
    process.exit(0);
  });
