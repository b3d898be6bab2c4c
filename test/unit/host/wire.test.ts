import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../../workers/common/wire';

describe('wire frames', () => {
  it('round-trips nested typed arrays of every kind with JSON around them', () => {
    const msg = {
      t: 'result',
      id: 7,
      result: {
        ok: true,
        value: {
          count: 3,
          positions: new Float32Array([-87.6, 41.9, -122.4, 37.8, -74, 40.7]),
          tier: new Uint8Array([1, 2, 3]),
          territory: new Uint16Array([0, 65535, 4]),
          big: new Float64Array([1e300, -0]),
          ids: ['a', 'b'],
          nested: [{ x: new Int32Array([-5, 6]) }],
        },
      },
    };
    const back = decodeFrame<typeof msg>(encodeFrame(msg));
    expect(back.result.value.positions).toBeInstanceOf(Float32Array);
    expect(Array.from(back.result.value.positions)).toEqual(Array.from(msg.result.value.positions));
    expect(Array.from(back.result.value.tier)).toEqual([1, 2, 3]);
    expect(Array.from(back.result.value.territory)).toEqual([0, 65535, 4]);
    expect(back.result.value.big[0]).toBe(1e300);
    expect(back.result.value.ids).toEqual(['a', 'b']);
    expect(Array.from(back.result.value.nested[0]!.x)).toEqual([-5, 6]);
  });

  it('sends typed arrays as raw bytes: a frame is about the payload size, not JSON text', () => {
    const n = 100_000;
    const frame = encodeFrame({ positions: new Float32Array(2 * n).fill(-87.123456) });
    expect(frame.byteLength).toBeLessThan(8 * n + 200);
  });

  it('handles subarray views without leaking the rest of the buffer', () => {
    const base = new Float32Array([1, 2, 3, 4, 5]);
    const back = decodeFrame<{ v: Float32Array }>(encodeFrame({ v: base.subarray(1, 3) }));
    expect(Array.from(back.v)).toEqual([2, 3]);
  });
});
