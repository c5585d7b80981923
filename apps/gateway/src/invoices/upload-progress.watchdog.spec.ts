import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { watchProgress } from './upload-progress.watchdog.js';

describe('watchProgress', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const body = () => {
    const stream = new PassThrough();
    stream.resume();
    return stream;
  };

  it('calls onStall once when a window brings fewer bytes than the minimum', () => {
    const stream = body();
    const onStall = jest.fn();
    watchProgress(stream, { timeoutMs: 1000, minBytes: 10 }, onStall);
    stream.write(Buffer.alloc(10));
    jest.advanceTimersByTime(1000);
    expect(onStall).not.toHaveBeenCalled();
    stream.write(Buffer.alloc(3));
    jest.advanceTimersByTime(1000);
    expect(onStall).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    expect(onStall).toHaveBeenCalledTimes(1);
  });

  it('does not count the time the gateway is busy (paused), and stops for good', () => {
    const stream = body();
    const onStall = jest.fn();
    const watchdog = watchProgress(stream, { timeoutMs: 1000, minBytes: 10 }, onStall);
    watchdog.pause();
    jest.advanceTimersByTime(10_000);
    watchdog.resume();
    jest.advanceTimersByTime(999);
    expect(onStall).not.toHaveBeenCalled();
    watchdog.stop();
    jest.advanceTimersByTime(10_000);
    expect(onStall).not.toHaveBeenCalled();
  });

  it('never calls a body that has all arrived stalled', async () => {
    const stream = body();
    const onStall = jest.fn();
    watchProgress(stream, { timeoutMs: 1000, minBytes: 10 }, onStall);
    stream.end(Buffer.alloc(1));
    await jest.advanceTimersByTimeAsync(5000);
    expect(stream.readableEnded).toBe(true);
    expect(onStall).not.toHaveBeenCalled();
  });
});
