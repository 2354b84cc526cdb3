'use strict';
// One list of engine sources (src/sources.txt) feeds both build files; this fails when they drift.
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const listed = fs.readFileSync(path.join(root, 'src/sources.txt'), 'utf8').split(/\s+/).filter(Boolean);

function engineSources(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return engineSources(rel);
    return e.name.endsWith('.cc') ? [rel] : [];
  });
}

describe('build files', () => {
  it('src/sources.txt lists every engine source file and nothing else', () => {
    assert.deepStrictEqual([...listed].sort(), engineSources('src').sort());
  });
  it('binding.gyp compiles exactly the list', () => {
    const gyp = fs.readFileSync(path.join(root, 'binding.gyp'), 'utf8');
    assert.match(gyp, /<!@\(cat src\/sources\.txt\)/);
    assert.doesNotMatch(gyp, /"src\/[^"]+\.cc"/, 'binding.gyp names an engine file outside the list');
  });
  it('config.m4 compiles exactly the list', () => {
    const m4 = fs.readFileSync(path.join(root, 'config.m4'), 'utf8');
    assert.match(m4, /src\/sources\.txt/);
    assert.doesNotMatch(m4, /src\/[a-z]+\/[a-z_]+\.cc/, 'config.m4 names an engine file outside the list');
  });
  it('engine sources include no Node or PHP header', () => {
    for (const f of [...listed, ...fs.readdirSync(path.join(root, 'src'), { recursive: true }).filter((n) => n.endsWith('.h')).map((n) => `src/${n}`)]) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      assert.doesNotMatch(text, /#include\s*[<"](napi|node_api|php|zend[a-z_]*)\.h/, f);
    }
  });
});
