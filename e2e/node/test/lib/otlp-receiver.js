'use strict';
// An OTLP/HTTP trace receiver for the tests: takes what the services' OpenTelemetry exporter posts to /v1/traces
// (protobuf, maybe gzipped) and keeps every span with its service's name. Decoded by protobufjs from the few messages
// of opentelemetry-proto's trace.proto and common.proto it needs (field numbers as there).
const http = require('node:http');
const zlib = require('node:zlib');
const protobuf = require('protobufjs');

const OTLP_TRACES = `
syntax = "proto3";
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message Resource { repeated KeyValue attributes = 1; }
message ScopeSpans { repeated Span spans = 2; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; int32 kind = 6;
  fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
}
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
`;
const Request = protobuf.parse(OTLP_TRACES, { keepCase: true }).root.lookupType('ExportTraceServiceRequest');

const hex = (bytes) => Buffer.from(bytes || []).toString('hex');
const attributes = (list) => Object.fromEntries((list || []).map((kv) => {
  const v = kv.value || {};
  return [kv.key, v.string_value ?? (v.int_value != null ? Number(v.int_value) : v.bool_value ?? v.double_value)];
}));

/** Listens on the port of `endpoint` (http://host:port); resolves with { spans, close }. */
function startOtlpReceiver(endpoint) {
  const spans = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
        const request = Request.decode(body);
        for (const resourceSpans of request.resource_spans) {
          const service = attributes(resourceSpans.resource && resourceSpans.resource.attributes)['service.name'];
          for (const scope of resourceSpans.scope_spans) {
            for (const span of scope.spans) {
              spans.push({ service, name: span.name, traceId: hex(span.trace_id), spanId: hex(span.span_id),
                parentSpanId: hex(span.parent_span_id), attributes: attributes(span.attributes) });
            }
          }
        }
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      } catch (e) {
        res.writeHead(400).end(String(e));
      }
    });
  });
  const { port, hostname } = new URL(endpoint);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), hostname, () => resolve({ spans, close: () => server.close() }));
  });
}

module.exports = { startOtlpReceiver };
