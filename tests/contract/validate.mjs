// Contract check: every HTTP exchange the integration tests made (the JSON lines that
// tests/support/contract_log.cpp writes when CAPI_CONTRACT_LOG is set) must be one that
// docs/openapi.yaml allows.
//
//   node validate.mjs --spec docs/openapi.yaml LOG.jsonl... | LOGDIR...
//
// An exchange is matched to a path template (a literal segment beats a parameter, as in the
// server's router) and a method (HEAD is checked as GET, without a body), then:
//  - its status must be declared for the operation (the document has no `default`s);
//  - its body must match the declared schema of that status and content type, and a
//    declared body must not be missing (HEAD aside);
//  - every header the response declares `required` must be present, and every declared
//    header that is present must match its schema;
//  - for a 2xx only (the tests send bad requests on purpose): the request body must match
//    the request schema, and every query parameter must be declared and match its schema.
// A path no template matches must be a 404, and a known path with an undeclared method a 405
// with `Allow` naming exactly the path's methods; both are checked against the document's
// `x-unmatched-responses`. Transport failures (status 0) are skipped; paths under /docs/
// (static files nginx serves) are outside the API and skipped.
// Exits 1 listing the first 20 distinct problems, 0 when every exchange conforms.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const SPEC_ID = 'urn:customer-api:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const MAX_SHOWN = 20;

function unescapePointer(token) {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

// A compiled view of the document: templates, operations, and a schema validator cache.
export class Contract {
  constructor(spec) {
    this.spec = spec;
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...spec, $id: SPEC_ID });
    this.validators = new WeakMap();
    this.templates = Object.keys(spec.paths ?? {}).map((template) => ({
      template,
      segments: template.split('/').slice(1),
    }));
  }

  static fromFile(path) {
    return new Contract(YAML.parse(readFileSync(path, 'utf8')));
  }

  // Follows a local $ref (`#/components/...`) within the document.
  resolve(node) {
    let seen = 0;
    while (node && typeof node === 'object' && typeof node.$ref === 'string') {
      if (!node.$ref.startsWith('#/') || ++seen > 20) throw new Error(`unsupported $ref ${node.$ref}`);
      node = node.$ref
        .slice(2)
        .split('/')
        .map(unescapePointer)
        .reduce((at, key) => (at === undefined ? undefined : at[key]), this.spec);
      if (node === undefined) throw new Error('dangling $ref');
    }
    return node;
  }

  // A validator for a schema fragment of the document; its local $refs resolve in the document.
  compile(schema) {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema));
      this.validators.set(schema, validate);
    }
    return validate;
  }

  // The template a path matches, the router's way: the most literal segments win, earlier
  // segments weigh more. Returns null when none matches.
  match(path) {
    const segments = path.split('/').slice(1);
    let best = null;
    for (const candidate of this.templates) {
      if (candidate.segments.length !== segments.length) continue;
      let score = 0;
      let ok = true;
      candidate.segments.forEach((part, i) => {
        const literal = !/^\{[^}]+\}$/.test(part);
        if (literal && part !== segments[i]) ok = false;
        if (!literal && segments[i] === '') ok = false;
        score = score * 2 + (literal ? 1 : 0);
      });
      if (ok && (!best || score > best.score)) best = { ...candidate, score };
    }
    return best;
  }
}

function decodeText(record, name) {
  if (typeof record[name] === 'string') return record[name];
  if (typeof record[`${name}Base64`] === 'string') {
    return Buffer.from(record[`${name}Base64`], 'base64url').toString('latin1');
  }
  return '';
}

function headerValue(headers, name) {
  const value = headers?.[name.toLowerCase()];
  if (value !== undefined) return value;
  const base64 = headers?.[`${name.toLowerCase()}Base64`];
  return base64 === undefined ? undefined : Buffer.from(base64, 'base64url').toString('latin1');
}

function mediaType(contentType) {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

// Reads a header or query value the way its schema types it.
function coerce(text, schema, contract) {
  const resolved = contract.resolve(schema) ?? {};
  const types = [].concat(resolved.type ?? []);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

// The first few schema errors, array indices folded (`/data/*/name`) so that one problem
// seen in many rows is reported once.
function describeErrors(errors) {
  const messages = [];
  for (const e of errors ?? []) {
    let text = `${(e.instancePath || '(root)').replace(/\/\d+(?=\/|$)/g, '/*')} ${e.message}`;
    if (e.params?.additionalProperty) text += ` '${e.params.additionalProperty}'`;
    if (e.params?.allowedValues) text += ` ${JSON.stringify(e.params.allowedValues)}`;
    if (!messages.includes(text)) messages.push(text);
  }
  return messages.slice(0, 3).join('; ');
}

// Checks one response against a (resolved) response object of the document.
function checkResponse(contract, response, record, isHead, problem) {
  const headers = record.responseHeaders ?? {};
  for (const [name, declared] of Object.entries(response.headers ?? {})) {
    const header = contract.resolve(declared);
    const value = headerValue(headers, name);
    if (value === undefined) {
      if (header.required) problem(`required response header ${name} is missing`);
      continue;
    }
    if (header.schema) {
      const validate = contract.compile(header.schema);
      if (!validate(coerce(value, header.schema, contract))) {
        problem(`response header ${name}: ${JSON.stringify(value)} ${describeErrors(validate.errors)}`);
      }
    }
  }

  const body = decodeText(record, 'responseBody');
  const content = response.content ?? {};
  if (isHead) return;
  if (Object.keys(content).length === 0) {
    if (body.length > 0) problem('a body was sent where the document declares none');
    return;
  }
  const type = mediaType(headerValue(headers, 'content-type'));
  const declaredType = Object.keys(content).find((candidate) => mediaType(candidate) === type);
  if (!declaredType) {
    problem(`content type ${JSON.stringify(type)} is not declared (declared: ${Object.keys(content).join(', ')})`);
    return;
  }
  const media = content[declaredType];
  if (!media.schema) return;
  let instance = body;
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      instance = JSON.parse(body);
    } catch {
      problem('the body is not JSON');
      return;
    }
  }
  const validate = contract.compile(media.schema);
  if (!validate(instance)) problem(`body: ${describeErrors(validate.errors)}`);
}

function checkRequest(contract, operation, pathItem, record, query, problem) {
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
    contract.resolve(p),
  );
  const declared = new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const [name, value] of query) {
    const parameter = declared.get(name);
    if (!parameter) {
      problem(`query parameter ${JSON.stringify(name)} is not declared`);
      continue;
    }
    if (!parameter.schema) continue;
    const validate = contract.compile(parameter.schema);
    if (!validate(coerce(value, parameter.schema, contract))) {
      problem(`query parameter ${name}=${JSON.stringify(value)}: ${describeErrors(validate.errors)}`);
    }
  }

  const requestBody = contract.resolve(operation.requestBody);
  const body = decodeText(record, 'requestBody');
  if (!requestBody || body.length === 0) return;
  const type = mediaType(headerValue(record.requestHeaders, 'content-type'));
  const media = requestBody.content?.[type] ??
    Object.entries(requestBody.content ?? {}).find(([key]) => mediaType(key) === type)?.[1];
  if (!media?.schema) {
    problem(`request content type ${JSON.stringify(type)} is not declared`);
    return;
  }
  // A JSON media type is parsed; any other (NDJSON) is checked as the text it is.
  let instance = body;
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      instance = JSON.parse(body);
    } catch {
      problem('the request body is not JSON, yet it succeeded');
      return;
    }
  }
  const validate = contract.compile(media.schema);
  if (!validate(instance)) problem(`request body: ${describeErrors(validate.errors)}`);
}

// A schema fragment with its local refs made absolute, to compile it on its own.
function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#')
      ? `${SPEC_ID}${value}`
      : rewriteRefs(value);
  }
  return out;
}

// Validates exchanges; returns [{key, message, example, count}] of distinct problems.
export function validateExchanges(contract, exchanges) {
  const problems = new Map();
  const seen = new Map();
  let checked = 0;
  for (const record of exchanges) {
    const status = Number(record.status ?? 0);
    if (!status) continue;
    const [rawPath, rawQuery = ''] = String(record.path ?? '').split(/\?(.*)/s);
    if (rawPath === '/docs' || rawPath.startsWith('/docs/')) continue;
    checked += 1;
    const method = String(record.method ?? 'GET').toUpperCase();
    const isHead = method === 'HEAD';
    const lookupMethod = (isHead ? 'get' : method.toLowerCase());
    let query;
    try {
      query = [...new URLSearchParams(rawQuery)];
    } catch {
      query = [];
    }
    const matched = contract.match(rawPath);
    const template = matched?.template ?? '(no path)';
    const where = `${method} ${template} -> ${status}`;
    const problem = (message) => {
      const key = `${where}: ${message}`;
      const known = problems.get(key);
      if (known) known.count += 1;
      else problems.set(key, { key, where, message, example: `${method} ${record.path}`, count: 1 });
    };

    const unmatched = contract.spec['x-unmatched-responses'] ?? {};
    if (!matched) {
      if (status !== 404) {
        problem(`no path of the document matches, and the answer is not 404`);
        continue;
      }
      const response = contract.resolve(unmatched['404']);
      if (response) checkResponse(contract, response, record, isHead, problem);
      continue;
    }
    const pathItem = contract.spec.paths[template];
    const operation = pathItem[lookupMethod];
    if (!operation) {
      if (status !== 405) {
        problem(`${method} is not an operation of this path, and the answer is not 405`);
        continue;
      }
      const response = contract.resolve(unmatched['405']);
      if (response) checkResponse(contract, response, record, isHead, problem);
      const allow = headerValue(record.responseHeaders, 'allow');
      if (allow !== undefined) {
        const given = allow.split(',').map((m) => m.trim().toUpperCase()).filter(Boolean).sort();
        const expected = METHODS.filter((m) => pathItem[m]).map((m) => m.toUpperCase()).sort();
        if (given.join(',') !== expected.join(',')) {
          problem(`Allow is ${JSON.stringify(allow)}, the document lists ${expected.join(', ')}`);
        }
      }
      continue;
    }
    const key = `${method} ${template}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const declared = operation.responses?.[String(status)];
    if (!declared) {
      problem(`status ${status} is not declared (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`);
      continue;
    }
    checkResponse(contract, contract.resolve(declared), record, isHead, problem);
    if (status >= 200 && status < 300) {
      checkRequest(contract, operation, pathItem, record, query, problem);
    }
  }
  const rank = (p) => (/not declared \(declared|no path of the document|not an operation/.test(p.message) ? 0 : 1);
  const sorted = [...problems.values()].sort((a, b) => rank(a) - rank(b));
  return { problems: sorted, checked, seen };
}

function readExchanges(files) {
  const exchanges = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        exchanges.push({ ...JSON.parse(line), source: `${file}:${i + 1}` });
      } catch (error) {
        throw new Error(`${file}:${i + 1}: not a JSON line (${error.message})`);
      }
    });
  }
  return exchanges;
}

function logFiles(args) {
  const files = [];
  for (const arg of args) {
    if (statSync(arg, { throwIfNoEntry: false })?.isDirectory()) {
      for (const name of readdirSync(arg).sort()) {
        if (name.endsWith('.jsonl')) files.push(join(arg, name));
      }
    } else if (statSync(arg, { throwIfNoEntry: false })) {
      files.push(arg);
    } else {
      console.warn(`contract: ${arg} does not exist (its tests did not run); skipped`);
    }
  }
  return files;
}

function main(argv) {
  const args = [...argv];
  let specPath = 'docs/openapi.yaml';
  const specAt = args.indexOf('--spec');
  if (specAt >= 0) {
    specPath = args[specAt + 1];
    args.splice(specAt, 2);
  }
  if (args.length === 0) {
    console.error('usage: node validate.mjs --spec docs/openapi.yaml LOG.jsonl... | LOGDIR...');
    return 2;
  }
  const contract = Contract.fromFile(specPath);
  const files = logFiles(args);
  const exchanges = readExchanges(files);
  const { problems, checked, seen } = validateExchanges(contract, exchanges);

  const operations = [];
  for (const [template, item] of Object.entries(contract.spec.paths ?? {})) {
    for (const m of METHODS) if (item[m]) operations.push(`${m.toUpperCase()} ${template}`);
  }
  const unexercised = operations.filter((op) => !seen.has(op));
  console.log(`contract: ${checked} exchanges from ${files.length} logs checked against ${specPath}`);
  if (unexercised.length) console.log(`contract: operations no test exercised: ${unexercised.join('; ')}`);
  if (checked === 0) {
    console.error('contract: no exchanges to check: run the integration tests first');
    return 1;
  }
  if (problems.length === 0) {
    console.log('contract: every exchange conforms');
    return 0;
  }
  console.error(`contract: ${problems.length} distinct problems; the first ${Math.min(MAX_SHOWN, problems.length)}:`);
  for (const p of problems.slice(0, MAX_SHOWN)) {
    console.error(`- ${p.where}: ${p.message}\n    e.g. ${p.example} (${p.count} exchange${p.count > 1 ? 's' : ''})`);
  }
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
