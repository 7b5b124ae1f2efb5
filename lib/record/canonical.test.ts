// RFC 8785 (JCS) vectors: the RFC's own examples (§3.2.2, §3.2.3, Appendix B) and the reference
// implementation's test data (cyberphone/json-canonicalization testdata/input → testdata/output),
// written out here as data so a change of the library that changes a signed byte fails loudly.
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson, isCanonical } from './canonical';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('RFC 8785 §3.2.2: the sample input', () => {
  // The input text exactly as printed in the RFC, parsed the way a verifier reads a file.
  const input = String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`;
  const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;

  it('canonicalises to the RFC’s output', () => {
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('is UTF-8 without a byte-order mark (the € is three bytes)', () => {
    const bytes = canonicalBytes(JSON.parse(input));
    expect(bytes[0]).toBe(0x7b);
    expect(Buffer.from(bytes).includes(Buffer.from([0xe2, 0x82, 0xac]))).toBe(true);
    expect(new TextDecoder().decode(bytes)).toBe(expected);
  });
});

describe('RFC 8785 §3.2.3: properties sorted by UTF-16 code units, not by code point or locale', () => {
  it('orders the RFC’s example keys', () => {
    const input = String.raw`{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`;
    // The surrogate pair of 😀 (0xD83D…) sorts before U+FB33 although its code point is larger.
    const expected = '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",'
      + '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}';
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('sorts nested objects too and keeps array order', () => {
    expect(canonicalJson({ b: [3, 1, { z: 1, a: 2 }], a: { y: null, x: 'x' } })).toBe('{"a":{"x":"x","y":null},"b":[3,1,{"a":2,"z":1}]}');
  });
});

describe('RFC 8785 Appendix B: number serialisation', () => {
  // IEEE 754 bit patterns and their JSON form, as listed in the RFC.
  const vectors: [hex: string, json: string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  const fromBits = (hex: string) => new DataView(Uint8Array.from(Buffer.from(hex, 'hex')).buffer).getFloat64(0);

  it.each(vectors)('%s → %s', (hex, json) => {
    expect(canonicalJson(fromBits(hex))).toBe(json);
    // and the same number inside a structure
    expect(canonicalJson({ n: [fromBits(hex)] })).toBe(`{"n":[${json}]}`);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('%s (%s) has no JSON form and is refused', (hex) => {
    expect(() => canonicalJson(fromBits(hex))).toThrow();
    expect(() => canonicalJson({ a: [fromBits(hex)] })).toThrow();
  });

  it('refuses values that have no JSON form at all', () => {
    expect(() => canonicalJson(undefined)).toThrow();
  });
});

describe('the reference implementation’s test data', () => {
  // testdata/input/<name>.json → testdata/output/<name>.json of cyberphone/json-canonicalization
  const cases: [name: string, input: string, output: string][] = [
    ['arrays', '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]', '[56,{"1":[],"10":null,"d":true}]'],
    [
      'french',
      '{\n  "peach": "This sorting order",\n  "péché": "is wrong according to French",\n  "pêche": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}\n',
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    [
      'structures',
      '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ],
    // No Unicode normalisation: the two code points stay as they are.
    ['unicode', '{\n  "Unnormalized Unicode":"\\u1e0d\\u0307"\n}\n', '{"Unnormalized Unicode":"\u1e0d\u0307"}'],
    [
      'values',
      '{\n  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n  "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
      '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
    ],
    [
      'weird',
      '{\n  "\\u20ac": "Euro Sign",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n  "\\ud83d\\ude02": "Smiley",\n  "\\u00f6": "Latin Small Letter O With Diaeresis",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "</script>": "Browser Challenge"\n}\n',
      // U+0080 and U+007F are written as themselves: only U+0000–U+001F are escaped.
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
  ];

  it.each(cases)('%s', (_name, input, output) => {
    expect(canonicalJson(JSON.parse(input))).toBe(output);
    expect(isCanonical(utf8(output))).toBe(true);
    expect(isCanonical(utf8(input))).toBe(false);
  });

  it('escapes the control characters U+0000–U+001F with the short forms where JSON has them', () => {
    const controls = String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i));
    expect(canonicalJson(controls)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f'
      + '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    );
  });

  it('refuses a string with a lone surrogate (it has no UTF-8 form)', () => {
    expect(() => canonicalJson({ a: '\ud800' })).toThrow();
  });
});

describe('isCanonical', () => {
  const value = { recordId: 'r-1', chain: { seq: 2, communityId: 'c-1' }, names: ['王书记', '李记录'], n: 4.5 };
  const canonical = canonicalJson(value);

  it('accepts exactly the canonical bytes', () => {
    expect(canonical).toBe('{"chain":{"communityId":"c-1","seq":2},"n":4.5,"names":["王书记","李记录"],"recordId":"r-1"}');
    expect(isCanonical(utf8(canonical))).toBe(true);
    expect(isCanonical(canonicalBytes(value))).toBe(true);
  });

  it.each([
    ['pretty-printed', JSON.stringify(value, null, 2)],
    ['keys in insertion order', JSON.stringify(value)],
    ['a trailing newline', `${canonical}\n`],
    ['a leading space', ` ${canonical}`],
    ['a number written another way', canonical.replace('4.5', '4.50')],
    ['an escaped non-ASCII character', canonical.replace('王', '\\u738b')],
    ['an escaped slash', canonicalJson({ a: 'x/y' }).replace('/', '\\/')],
    ['a duplicate key', '{"a":1,"a":1}'],
    ['not JSON at all', '{"a":'],
  ])('rejects %s', (_what, text) => {
    expect(isCanonical(utf8(text))).toBe(false);
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(isCanonical(Uint8Array.from([0x22, 0xff, 0x22]))).toBe(false);
  });
});
