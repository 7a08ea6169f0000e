// Self-test of validate.mjs: synthetic exchanges with known verdicts, checked against the
// real docs/openapi.yaml, so that the contract check is known to bite.
//
//   node selftest.mjs [--spec ../../docs/openapi.yaml]

import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Contract, validateExchanges } from './validate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const specAt = process.argv.indexOf('--spec');
const specPath = specAt >= 0 ? process.argv[specAt + 1] : join(here, '..', '..', 'docs', 'openapi.yaml');
const contract = Contract.fromFile(specPath);

const JSON_TYPE = 'application/json; charset=utf-8';
const ID = '65fa9c0e1a2b3c4d5e6f7081';

function customer(overrides = {}) {
  return {
    id: ID,
    type: 'individual',
    name: 'Ann',
    companyName: null,
    email: 'ann@example.com',
    phone: null,
    mobile: null,
    taxId: null,
    website: null,
    country: null,
    currency: 'KES',
    segment: null,
    tags: [],
    billingAddress: null,
    shippingAddress: null,
    address: null,
    paymentTerms: 'net_30',
    creditLimit: null,
    creditLimitMinor: null,
    discountRate: 0,
    preferredShipping: null,
    notes: null,
    metadata: {},
    customerSince: '2026-03-20T09:15:00.000Z',
    accountBalance: 0,
    accountBalanceMinor: 0,
    metrics: {
      orderCount: 0,
      lifetimeValue: 0,
      lifetimeValueMinor: 0,
      averageOrderValue: 0,
      averageOrderValueMinor: 0,
      firstOrderAt: null,
      lastOrderAt: null,
    },
    contacts: [],
    isActive: true,
    version: 1,
    createdAt: '2026-03-20T09:15:00.000Z',
    updatedAt: '2026-03-20T09:15:00.000Z',
    deletedAt: null,
    ...overrides,
  };
}

function exchange({ method = 'GET', path, status, headers = {}, body, requestBody = '', requestHeaders = {} }) {
  return {
    method,
    path,
    requestHeaders,
    requestBody,
    status,
    responseHeaders: { 'content-type': JSON_TYPE, 'x-request-id': 'req-1', ...headers },
    responseBody: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

const error = (code, message = 'x') => ({ success: false, error: { code, message }, requestId: 'req-1' });

const cases = [
  {
    name: 'a valid read of a customer',
    exchange: exchange({ path: `/v1/customers/${ID}`, status: 200, headers: { etag: '"1"' }, body: { success: true, data: customer() } }),
    expect: [],
  },
  {
    name: 'a valid create with its request body',
    exchange: exchange({
      method: 'POST',
      path: '/v1/customers',
      status: 201,
      headers: { etag: '"1"' },
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: JSON.stringify({ name: 'Ann', email: 'ann@example.com' }),
      body: { success: true, data: customer(), message: 'Customer created successfully' },
    }),
    expect: [],
  },
  {
    name: 'an undeclared status',
    exchange: exchange({ path: `/v1/customers/${ID}`, status: 418, body: error('teapot') }),
    expect: [/status 418 is not declared/],
  },
  {
    name: 'a body that violates the schema (a number where a string belongs, a field too many)',
    exchange: exchange({
      path: `/v1/customers/${ID}`,
      status: 200,
      headers: { etag: '"1"' },
      body: { success: true, data: customer({ name: 42, surprise: true }) },
    }),
    expect: [/body: .*name must be string|body: .*surprise/],
  },
  {
    name: 'a missing required header (ETag on a customer)',
    exchange: exchange({ path: `/v1/customers/${ID}`, status: 200, body: { success: true, data: customer() } }),
    expect: [/required response header ETag is missing/],
  },
  {
    name: 'a missing X-Request-ID on an error',
    exchange: { ...exchange({ path: '/v1/nothing-here', status: 404, body: error('not_found') }), responseHeaders: { 'content-type': JSON_TYPE } },
    expect: [/required response header X-Request-ID is missing/],
  },
  {
    name: 'an error code that does not belong to the status',
    exchange: exchange({ path: '/v1/business', status: 401, headers: { 'www-authenticate': 'Bearer' }, body: error('not_found') }),
    expect: [/body: .*code must be equal to constant/],
  },
  {
    name: 'an unknown path answered 404 is fine',
    exchange: exchange({ path: '/v1/nope', status: 404, body: error('not_found') }),
    expect: [],
  },
  {
    name: 'an unknown path answered 200',
    exchange: exchange({ path: '/v1/nope', status: 200, body: { success: true, data: {} } }),
    expect: [/no path of the document matches/],
  },
  {
    name: 'a known path with another method: 405 with the right Allow is fine',
    exchange: exchange({ method: 'POST', path: '/v1/business', status: 405, headers: { allow: 'GET' }, body: error('method_not_allowed') }),
    expect: [],
  },
  {
    name: 'a 405 without Allow',
    exchange: exchange({ method: 'POST', path: '/v1/business', status: 405, body: error('method_not_allowed') }),
    expect: [/required response header Allow is missing/],
  },
  {
    name: 'a 405 whose Allow disagrees with the document',
    exchange: exchange({ method: 'DELETE', path: '/v1/business', status: 405, headers: { allow: 'GET, POST' }, body: error('method_not_allowed') }),
    expect: [/Allow is "GET, POST", the document lists GET/],
  },
  {
    name: 'a successful request with an undeclared query parameter',
    exchange: exchange({ path: '/v1/business?colour=red', status: 200, body: { success: true, data: { id: ID, name: 'B', currency: 'KES', country: 'KE', createdAt: '2026-03-20T09:15:00.000Z' } } }),
    expect: [/query parameter "colour" is not declared/],
  },
  {
    name: 'a successful create whose request body breaks the request schema',
    exchange: exchange({
      method: 'POST',
      path: '/v1/customers',
      status: 201,
      headers: { etag: '"1"' },
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: JSON.stringify({ email: 'ann@example.com' }),
      body: { success: true, data: customer(), message: 'Customer created successfully' },
    }),
    expect: [/request body: .*name/],
  },
  {
    name: 'a rejected request body is not held to the request schema',
    exchange: exchange({
      method: 'POST',
      path: '/v1/customers',
      status: 422,
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: JSON.stringify({ email: 42 }),
      body: { success: false, error: { code: 'validation_error', message: 'x', details: { name: 'is required' } }, requestId: 'r' },
    }),
    expect: [],
  },
  {
    name: 'a transport failure is skipped',
    exchange: { method: 'GET', path: '/healthz', status: 0, transportError: 'Timeout' },
    expect: [],
  },
];

let failures = 0;
for (const testCase of cases) {
  const { problems } = validateExchanges(contract, [testCase.exchange]);
  const messages = problems.map((p) => p.message);
  try {
    if (testCase.expect.length === 0) {
      assert.deepEqual(messages, [], 'expected no problem');
    } else {
      for (const pattern of testCase.expect) {
        assert.ok(messages.some((m) => pattern.test(m)), `expected a problem matching ${pattern}`);
      }
    }
    console.log(`ok   ${testCase.name}`);
  } catch (failure) {
    failures += 1;
    console.log(`FAIL ${testCase.name}: ${failure.message}\n     problems: ${JSON.stringify(messages)}`);
  }
}

// A document with one status removed must reject what the real one accepts.
const trimmed = structuredClone(contract.spec);
delete trimmed.paths['/v1/customers/{id}'].get.responses['200'];
const { problems } = validateExchanges(new Contract(trimmed), [cases[0].exchange]);
if (problems.some((p) => /status 200 is not declared/.test(p.message))) {
  console.log('ok   a document without the status rejects the exchange');
} else {
  failures += 1;
  console.log(`FAIL a document without the status rejects the exchange: ${JSON.stringify(problems)}`);
}

console.log(failures ? `${failures} of ${cases.length + 1} self-tests failed` : `all ${cases.length + 1} self-tests passed`);
process.exitCode = failures ? 1 : 0;
