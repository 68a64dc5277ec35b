#!/usr/bin/env node
// Tokenizes Pipe with the VS Code TextMate grammar (editors/vscode) through
// the same libraries VS Code uses (vscode-textmate, vscode-oniguruma) and
// checks the scopes of chosen tokens, the extension's manifest, and that the
// grammar's built-in service ids are exactly those of `$PIPEC services`.
//
//   node tests/editors/tokenize.js            # run the checks (PIPEC optional)
//   node tests/editors/tokenize.js --dump F   # print every token of F
//
// Prints `FAIL ...` for each failed check and `ok N checks` at the end; exits
// 1 if any check failed. Run by tests/test_editors.c.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { execFileSync } = require('child_process');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ROOT = process.env.ROOT ? path.resolve(process.env.ROOT) : path.resolve(__dirname, '..', '..');
const VSCODE = path.join(ROOT, 'editors', 'vscode');
const GRAMMAR = path.join(VSCODE, 'syntaxes', 'pipe.tmLanguage.json');

let checks = 0;
let failures = 0;
function check(ok, what) {
  checks++;
  if (!ok) {
    failures++;
    console.log(`FAIL ${what}`);
  }
  return ok;
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.pipe') return null;
      return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
    },
  });
  return registry.loadGrammar('source.pipe');
}

// Lines of text, each a list of {start, end, text, scopes}.
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({
      start: t.startIndex,
      end: Math.min(t.endIndex, line.length),
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
  });
}

// Checks that every token inside the `nth` occurrence (0-based) of `needle`
// on line `lnum` (1-based) carries `scope` (a prefix match on scope names),
// or, with `not`, that none does.
function expectScope(name, lines, lnum, needle, scope, opts = {}) {
  const nth = opts.nth || 0;
  const tokens = lines[lnum - 1];
  const what = `${name}:${lnum}: \`${needle}\`${nth ? ` #${nth + 1}` : ''} ${opts.not ? 'not ' : ''}${scope}`;
  if (!check(tokens !== undefined, `${what}: no line ${lnum}`)) return;
  const text = tokens.map((t) => t.text).join('');
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) break;
  }
  if (!check(at >= 0, `${what}: not on the line [${text}]`)) return;
  const inside = tokens.filter((t) => t.end > at && t.start < at + needle.length);
  const has = (t) => t.scopes.some((s) => s === scope || s.startsWith(scope + '.'));
  const ok = opts.not ? !inside.some(has) : inside.every(has);
  check(ok, `${what}: got ${inside.map((t) => `[${t.text}] ${t.scopes.slice(1).join(' ') || '-'}`).join('; ')}`);
}

function readJSON(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    check(false, `${path.relative(ROOT, file)}: ${err.message}`);
    return null;
  }
}

function checkManifest(grammarJSON) {
  const pkg = readJSON(path.join(VSCODE, 'package.json'));
  if (!pkg) return;
  const c = pkg.contributes || {};
  check(pkg.name === 'pipe-lang', 'package.json: name is pipe-lang');
  check(pkg.displayName === 'Pipe', 'package.json: displayName is Pipe');
  check(pkg.main === './extension.js', 'package.json: main is ./extension.js');
  check(JSON.stringify(pkg.activationEvents) === '["onLanguage:pipe"]', 'package.json: activationEvents onLanguage:pipe');
  check(pkg.engines && typeof pkg.engines.vscode === 'string', 'package.json: engines.vscode');
  check(pkg.dependencies && pkg.dependencies['vscode-languageclient'], 'package.json: depends on vscode-languageclient');
  const lang = (c.languages || []).find((l) => l.id === 'pipe');
  if (check(lang, 'package.json: contributes.languages has id pipe')) {
    check(JSON.stringify(lang.extensions) === '[".pipe"]', 'package.json: language extensions [".pipe"]');
    check(lang.configuration === './language-configuration.json', 'package.json: language configuration');
    check(fs.existsSync(path.join(VSCODE, lang.configuration)), 'language configuration file exists');
  }
  const gram = (c.grammars || []).find((g) => g.language === 'pipe');
  if (check(gram, 'package.json: contributes.grammars for pipe')) {
    check(gram.scopeName === 'source.pipe', 'package.json: grammar scopeName source.pipe');
    check(gram.path === './syntaxes/pipe.tmLanguage.json', 'package.json: grammar path');
    check(grammarJSON.scopeName === gram.scopeName, 'grammar scopeName matches package.json');
  }
  const prop = c.configuration && c.configuration.properties && c.configuration.properties['pipe.server.path'];
  check(prop && prop.type === 'string' && prop.default === 'pipec', 'package.json: pipe.server.path defaults to "pipec"');

  const conf = readJSON(path.join(VSCODE, 'language-configuration.json'));
  if (conf) {
    check(conf.comments && conf.comments.lineComment === '#', 'language-configuration: lineComment "#"');
    for (const key of ['brackets', 'autoClosingPairs', 'surroundingPairs'])
      check(Array.isArray(conf[key]) && conf[key].length >= 3, `language-configuration: ${key}`);
    const rules = conf.indentationRules || {};
    try {
      const inc = new RegExp(rules.increaseIndentPattern);
      const dec = new RegExp(rules.decreaseIndentPattern);
      check(inc.test('pipeline p "P" {') && inc.test('  group g { # comment') && inc.test('  apps = [')
        && inc.test('  e -> [a] { label = "}"'), 'language-configuration: increaseIndentPattern on an open bracket');
      check(!inc.test('  a : s3 { x = 1 }') && !inc.test('  x = "{"') && !inc.test('  # {'),
        'language-configuration: increaseIndentPattern not on a closed bracket, a string or a comment');
      check(dec.test('  }') && dec.test(']') && !dec.test('  a -> b'), 'language-configuration: decreaseIndentPattern');
    } catch (err) {
      check(false, `language-configuration: indentationRules: ${err.message}`);
    }
  }

  const ext = fs.readFileSync(path.join(VSCODE, 'extension.js'), 'utf8');
  try {
    new vm.Script(ext, { filename: 'extension.js' });
    check(true, 'extension.js compiles');
  } catch (err) {
    check(false, `extension.js: ${err.message}`);
  }
  check(/args:\s*\['lsp'\]/.test(ext) && /'server\.path'/.test(ext), 'extension.js: runs `<pipe.server.path> lsp`');
  check(/documentSelector:\s*\[\{\s*language:\s*'pipe'\s*\}\]/.test(ext), "extension.js: documentSelector {language: 'pipe'}");
}

// The grammar's service ids (the alternation of the service-id rule).
function grammarServiceIds(grammarJSON) {
  const rule = grammarJSON.repository && grammarJSON.repository['service-id'];
  const m = rule && /^\\b\(\?:(.*)\)\\b$/.exec(rule.match);
  return m ? m[1].split('|') : [];
}

async function main() {
  const args = process.argv.slice(2);
  const grammar = await loadGrammar();
  if (!grammar) {
    console.log('FAIL the grammar did not load');
    process.exit(1);
  }
  if (args[0] === '--dump') {
    const lines = tokenize(grammar, fs.readFileSync(args[1], 'utf8'));
    lines.forEach((tokens, i) => {
      for (const t of tokens) console.log(`${i + 1}:${t.start + 1} [${t.text}] ${t.scopes.slice(1).join(' ')}`);
    });
    return;
  }
  const grammarJSON = readJSON(GRAMMAR);

  // examples/clickstream.pipe, the example of the language design.
  const cs = tokenize(grammar, fs.readFileSync(path.join(ROOT, 'examples', 'clickstream.pipe'), 'utf8'));
  const C = (...a) => expectScope('clickstream.pipe', cs, ...a);
  C(1, '# clickstream.pipe', 'comment.line.number-sign.pipe');
  C(1, '#', 'punctuation.definition.comment.pipe');
  C(2, 'pipeline', 'keyword.control.pipe');
  C(2, 'clickstream', 'entity.name.type.pipe');
  C(2, '"Clickstream analytics"', 'string.quoted.double.pipe');
  C(3, 'region', 'keyword', { not: true });
  C(3, '=', 'keyword.operator.assignment.pipe');
  C(6, 'group', 'keyword.control.pipe');
  C(6, 'ingest', 'entity.name.type.pipe');
  C(7, 'sensors', 'variable.other.definition.pipe');
  C(7, 'iot_core', 'support.type.service.pipe');
  C(7, '"sensors/+/telemetry"', 'string.quoted.double.pipe');
  C(8, 'events', 'variable.other.definition.pipe');
  C(8, ':', 'punctuation.separator.colon.pipe');
  C(8, 'kinesis_streams', 'support.type.service.pipe');
  C(8, '4', 'constant.numeric.integer.pipe');
  C(8, '48h', 'constant.numeric.duration.pipe');
  C(8, '48h', 'constant.numeric');
  C(8, ',', 'punctuation.separator.comma.pipe');
  C(8, '{', 'punctuation.section.block.begin.pipe');
  C(11, '512MB', 'constant.numeric.size.pipe');
  C(11, '60s', 'constant.numeric.duration.pipe');
  C(12, '64MB', 'constant.numeric.size.pipe');
  C(12, '64MB', 'constant.numeric');
  C(12, 'firehose', 'support.type.service.pipe');
  C(12, 'enrich', 'support.type.service.pipe', { not: true });
  C(13, 'true', 'constant.language.boolean.pipe');
  C(14, 'catalog', 'variable.other.definition.pipe');
  C(14, 'glue', 'support.type.service.pipe');
  C(18, '->', 'keyword.operator.arrow.pipe');
  C(18, '->', 'keyword.operator.arrow.pipe', { nth: 2 });
  C(18, 'events', 'support.type.service.pipe', { not: true });
  C(20, '[', 'punctuation.section.brackets.begin.pipe');
  C(20, 'enrich', 'variable.other.definition.pipe', { not: true });
  C(21, '}', 'punctuation.section.block.end.pipe');

  // tests/editors/sample.pipe: every kind of token.
  const sm = tokenize(grammar, fs.readFileSync(path.join(__dirname, 'sample.pipe'), 'utf8'));
  const S = (...a) => expectScope('sample.pipe', sm, ...a);
  S(2, 'import', 'keyword.control.pipe');
  S(4, 'category', 'keyword.control.pipe');
  S(4, 'onprem', 'entity.name.type.pipe');
  S(4, '#5A6B86', 'string.quoted.double.pipe');
  S(4, '#5A6B86', 'comment', { not: true });
  S(4, 'true', 'constant.language.boolean.pipe');
  S(6, 'service', 'keyword.control.pipe');
  S(6, 'kafka', 'entity.name.type.pipe');
  S(7, 'category', 'keyword', { not: true });
  S(8, 'brokers', 'variable.other.definition.pipe');
  S(8, 'int', 'storage.type.pipe');
  S(8, '1', 'constant.numeric.integer.pipe');
  S(8, '..', 'keyword.operator.range.pipe');
  S(8, '100', 'constant.numeric.integer.pipe');
  S(9, 'duration', 'storage.type.pipe');
  S(9, '1h', 'constant.numeric.duration.pipe');
  S(9, '7d', 'constant.numeric.duration.pipe');
  S(10, 'size', 'storage.type.pipe');
  S(10, '1GiB', 'constant.numeric.size.pipe');
  S(13, 'link', 'keyword.control.pipe');
  S(13, '->', 'keyword.operator.arrow.pipe');
  S(13, 'kinesis_streams', 'support.type.service.pipe', { not: true });
  S(13, 'via', 'keyword.control.pipe');
  S(14, 'family', 'keyword.control.pipe');
  S(14, 'memory', 'entity.name.type.pipe');
  S(14, 'r5', 'constant.numeric', { not: true });
  S(15, 'type', 'keyword.control.pipe');
  S(15, 'node', 'entity.name.type.pipe');
  S(15, 'instance', 'variable.other.definition.pipe');
  S(15, 'instance', 'storage.type.pipe', { nth: 1 });
  S(15, 'count', 'variable.other.definition.pipe');
  S(15, ';', 'punctuation.terminator.statement.pipe');
  S(17, '\\"', 'constant.character.escape.pipe');
  S(17, '\\"', 'string.quoted.double.pipe');
  S(17, '\\\\', 'constant.character.escape.pipe');
  S(17, '\\n', 'constant.character.escape.pipe');
  S(17, '\\t', 'constant.character.escape.pipe');
  S(17, '\\u{1F600}', 'constant.character.escape.pipe');
  S(17, 'Escapes: ', 'constant.character.escape', { not: true });
  S(17, '{', 'punctuation.section.block.begin.pipe', { nth: 1 });
  S(20, 'kinesis_streams', 'support.type.service.pipe');
  S(20, '1_000', 'constant.numeric.integer.pipe');
  S(20, '48h', 'constant.numeric.duration.pipe');
  S(22, '512MB', 'constant.numeric.size.pipe');
  S(22, '500ms', 'constant.numeric.duration.pipe');
  S(22, '2.5', 'constant.numeric.float.pipe');
  S(23, 'false', 'constant.language.boolean.pipe');
  S(24, 'sqs', 'support.type.service.pipe');
  S(24, '# ', 'comment.line.number-sign.pipe');
  S(24, 'pipe: allow', 'keyword.other.directive.allow.pipe');
  S(24, 'W401', 'constant.other.diagnostic-code.pipe');
  S(24, 'W402', 'constant.other.diagnostic-code.pipe');
  S(24, 'W402', 'comment.line.number-sign.pipe');
  S(25, 'category', 'variable.other.definition.pipe');
  S(25, 'category', 'keyword', { not: true });
  S(26, '->', 'keyword.operator.arrow.pipe');
  S(27, '2', 'constant.numeric.integer.pipe');
  S(27, '..', 'keyword.operator.range.pipe');
  S(27, '20', 'constant.numeric.integer.pipe');
  S(28, '\\q', 'invalid.illegal.escape.pipe');
  S(28, 'oops', 'string.quoted.double.pipe');
  S(29, '"no end', 'invalid.illegal.unterminated-string.pipe');
  S(30, '10mb', 'invalid.illegal.number.pipe');
  S(31, '@', 'invalid.illegal.character.pipe');
  S(31, 'x', 'invalid', { not: true });
  S(32, '}', 'punctuation.section.block.end.pipe');

  // Every example and standard library file: nothing marked invalid.
  const real = ['examples', 'stdlib'].flatMap((dir) =>
    fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.pipe')).map((f) => path.join(dir, f)));
  check(real.length > 0, 'examples/ and stdlib/ hold .pipe files');
  for (const rel of real) {
    tokenize(grammar, fs.readFileSync(path.join(ROOT, rel), 'utf8')).forEach((tokens, i) => {
      for (const t of tokens)
        if (t.scopes.some((sc) => sc.startsWith('invalid')))
          check(false, `${rel}:${i + 1}:${t.start + 1}: [${t.text}] ${t.scopes.slice(1).join(' ')}`);
    });
  }
  console.log(`clean: ${real.length} files of examples/ and stdlib/`);

  checkManifest(grammarJSON);

  // The built-in service ids: the grammar's list is `pipec services`.
  const ids = grammarServiceIds(grammarJSON);
  check(ids.length > 0, 'grammar: a service-id rule with \\b(?:a|b|...)\\b');
  const probe = tokenize(grammar, ids.map((id) => `  x : ${id}`).join('\n'));
  ids.forEach((id, i) => expectScope('service ids', probe, i + 1, id, 'support.type.service.pipe'));
  const notIds = tokenize(grammar, ['  x : kinesis', '  x : s3_bucket', '  x : my_lambda'].join('\n'));
  expectScope('service ids', notIds, 1, 'kinesis', 'support.type.service.pipe', { not: true });
  expectScope('service ids', notIds, 2, 's3_bucket', 'support.type.service.pipe', { not: true });
  expectScope('service ids', notIds, 3, 'my_lambda', 'support.type.service.pipe', { not: true });
  if (process.env.PIPEC) {
    const out = execFileSync(process.env.PIPEC, ['services'], { encoding: 'utf8' });
    const want = [...new Set(out.split('\n').map((l) => l.split(/\s+/)[0]).filter(Boolean))].sort();
    const got = [...ids].sort();
    const missing = want.filter((id) => !got.includes(id));
    const extra = got.filter((id) => !want.includes(id));
    check(missing.length === 0 && extra.length === 0,
      `grammar service ids differ from \`pipec services\`: missing [${missing}] extra [${extra}]` +
      ' (run sh editors/update-service-ids.sh PIPEC)');
    console.log(`service ids: ${got.length} in the grammar, ${want.length} from pipec services`);
  } else {
    console.log('service ids: PIPEC not set, not compared with `pipec services`');
  }

  console.log(failures ? `${failures} of ${checks} checks failed` : `ok ${checks} checks`);
  process.exitCode = failures ? 1 : 0;
}

main().catch((err) => {
  console.log(`FAIL ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
