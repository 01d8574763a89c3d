import { describe, expect, it } from 'vitest';
import { InvalidPodCidrError, IpAllocator, PodNetworkFullError } from './ip-allocator.js';

describe('IpAllocator', () => {
  it('hands out one address per owner, skipping the network address', () => {
    const ips = new IpAllocator();
    expect(ips.allocate('a')).toBe('127.1.0.1');
    expect(ips.allocate('b')).toBe('127.1.0.2');
    expect(ips.allocate('a')).toBe('127.1.0.1');
    expect(ips.addressOf('b')).toBe('127.1.0.2');
  });

  it('reuses a freed address only after the rest of the range', () => {
    const ips = new IpAllocator('127.9.0.0/30'); // two usable addresses
    expect(ips.allocate('a')).toBe('127.9.0.1');
    ips.release('a');
    expect(ips.allocate('b')).toBe('127.9.0.2');
    expect(ips.allocate('c')).toBe('127.9.0.1');
    expect(() => ips.allocate('d')).toThrow(PodNetworkFullError);
  });

  it('lets a restarted kubelet claim the addresses its pods have, and refuses taken or foreign ones', () => {
    const ips = new IpAllocator('127.1.0.0/16');
    expect(ips.claim('a', '127.1.3.4')).toBe(true);
    expect(ips.claim('b', '127.1.3.4')).toBe(false);
    expect(ips.claim('b', '10.0.0.1')).toBe(false);
    expect(ips.allocate('c')).toBe('127.1.3.5');
  });

  it('rejects ranges outside loopback', () => {
    expect(() => new IpAllocator('10.0.0.0/16')).toThrow(InvalidPodCidrError);
    expect(() => new IpAllocator('127.1.0.0')).toThrow(InvalidPodCidrError);
  });
});
