import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atomicRanges, formatRange, parseCidr } from '../../src/analyzers/netpol/addresses.js';
import { ConnectionSet, parsePortSpec, PROTOCOLS, type Protocol } from '../../src/analyzers/netpol/connections.js';
import { compileLabelSelector, describeSelector, matchesLabelSelector } from '../../src/analyzers/netpol/selector.js';

describe('matchesLabelSelector', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    ['empty selector matches everything', {}, {}, true],
    ['empty selector matches labelled objects', {}, labels, true],
    ['matchLabels subset', { matchLabels: { app: 'web' } }, labels, true],
    ['matchLabels mismatch', { matchLabels: { app: 'api' } }, labels, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels, true],
    ['In without the key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, labels, false],
    ['NotIn with another value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, labels, true],
    ['NotIn with the value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels, false],
    ['NotIn without the key matches', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels, true],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels, true],
    ['Exists without the key', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels, true],
    ['DoesNotExist with the key', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels, false],
    ['matchLabels and expressions are ANDed', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels, false],
    ['unknown operator matches nothing', { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, labels, false],
    ['In without values is invalid and matches nothing', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, labels, false],
  ])('%s', (_name, selector, target, expected) => {
    expect(matchesLabelSelector(selector, target)).toBe(expected);
  });

  it('an absent selector matches nothing', () => {
    expect(matchesLabelSelector(undefined, labels)).toBe(false);
    expect(matchesLabelSelector(null, {})).toBe(false);
  });

  it('explains invalid selectors', () => {
    expect(compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }).errors).toEqual(['matchExpressions[0]: operator Exists takes no values']);
    expect(compileLabelSelector({ matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] }).errors[0]).toContain('must be one of In, NotIn, Exists, DoesNotExist');
  });

  it('describes selectors as kubectl does', () => {
    const { selector } = compileLabelSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['x', 'y'] }, { key: 'd', operator: 'DoesNotExist' }] });
    expect(describeSelector(selector!)).toBe('a=1,b=2,c notin (x,y),!d');
  });
});

const protocolArb = fc.constantFrom<Protocol>(...PROTOCOLS);
const intervalArb = fc.tuple(protocolArb, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 40 })).map(([p, from, width]) => ConnectionSet.ports(p, from, from + width));
const setArb = fc.array(intervalArb, { maxLength: 5 }).map((list) => list.reduce((acc, s) => acc.union(s), ConnectionSet.none()));

describe('ConnectionSet', () => {
  it('formats as the connlist contract says', () => {
    expect(ConnectionSet.all().toString()).toBe('All Connections');
    const set = ConnectionSet.ports('UDP', 53).union(ConnectionSet.ports('TCP', 80)).union(ConnectionSet.ports('TCP', 81)).union(ConnectionSet.ports('TCP', 443)).union(ConnectionSet.ports('SCTP', 1, 10));
    expect(set.toString()).toBe('SCTP 1-10,TCP 80-81,443,UDP 53');
    expect(ConnectionSet.protocol('TCP').union(ConnectionSet.protocol('UDP')).union(ConnectionSet.protocol('SCTP')).isAll()).toBe(true);
  });

  it('parses port specs', () => {
    expect(parsePortSpec('8080')?.toString()).toBe('TCP 8080');
    expect(parsePortSpec('53/udp')?.toString()).toBe('UDP 53');
    expect(parsePortSpec('8000-8100/TCP')?.toString()).toBe('TCP 8000-8100');
    expect(parsePortSpec('0')).toBeUndefined();
    expect(parsePortSpec('80/ICMP')).toBeUndefined();
  });

  it('obeys set algebra (property)', () => {
    fc.assert(
      fc.property(setArb, setArb, fc.integer({ min: 1, max: 400 }), protocolArb, (a, b, port, protocol) => {
        expect(a.union(b).has(protocol, port)).toBe(a.has(protocol, port) || b.has(protocol, port));
        expect(a.intersect(b).has(protocol, port)).toBe(a.has(protocol, port) && b.has(protocol, port));
        expect(a.subtract(b).has(protocol, port)).toBe(a.has(protocol, port) && !b.has(protocol, port));
        expect(a.complement().complement().equals(a)).toBe(true);
        expect(a.union(b).equals(b.union(a))).toBe(true);
      }),
    );
  });
});

describe('address ranges', () => {
  it('parses CIDRs and ignores host bits', () => {
    expect(formatRange(parseCidr('10.1.2.3/16')!)).toBe('10.1.0.0-10.1.255.255');
    expect(formatRange(parseCidr('192.168.1.7/32')!)).toBe('192.168.1.7-192.168.1.7');
    expect(formatRange(parseCidr('2001:db8::/32')!)).toBe('2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('300.0.0.0/8')).toBeUndefined();
    expect(parseCidr('not-a-cidr')).toBeUndefined();
  });

  it('splits the space at every boundary', () => {
    const ranges = atomicRanges([parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!, parseCidr('0.0.0.0/0')!]);
    expect(ranges.map(formatRange)).toEqual(['0.0.0.0-9.255.255.255', '10.0.0.0-10.0.255.255', '10.1.0.0-10.1.255.255', '10.2.0.0-10.255.255.255', '11.0.0.0-255.255.255.255']);
  });
});
