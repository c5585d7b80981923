import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * One ONNX Runtime session in its own worker thread: the model loads once, each run is posted to the thread
 * and its output comes back as a transferred buffer. The thread keeps the event loop free while a line is
 * read, and keeps onnxruntime-node in a plain Node realm (its typed-array checks fail inside test sandboxes
 * that run modules in a separate V8 context).
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.runtime);
ort.InferenceSession.create(workerData.model, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' })
  .then((session) => {
    parentPort.postMessage({ ready: true });
    parentPort.on('message', async ({ id, input, dims, outDims }) => {
      try {
        const probs = new Float32Array(outDims.reduce((a, b) => a * b, 1));
        await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, dims) }, { [session.outputNames[0]]: new ort.Tensor('float32', probs, outDims) });
        parentPort.postMessage({ id, probs }, [probs.buffer]);
      } catch (err) {
        parentPort.postMessage({ id, error: String(err && err.message || err) });
      }
    });
  })
  .catch((err) => parentPort.postMessage({ ready: false, error: String(err && err.message || err) }));
`;

interface Reply {
  id?: number;
  ready?: boolean;
  probs?: Float32Array;
  error?: string;
}

export class OnnxSessionThread {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (p: Float32Array) => void; reject: (e: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const job = reply.id === undefined ? undefined : this.pending.get(reply.id);
      if (!job || reply.id === undefined) return;
      this.pending.delete(reply.id);
      if (reply.probs) job.resolve(reply.probs);
      else job.reject(new Error(`PP-OCR run failed: ${reply.error ?? 'no output'}`));
    });
    worker.on('error', (err: Error) => this.failAll(err));
    worker.on('exit', (code) => this.failAll(new Error(`PP-OCR thread exited (code ${code})`)));
  }

  /** Starts the thread and loads the model; rejects when onnxruntime-node or the model cannot load. */
  static async start(model: string): Promise<OnnxSessionThread> {
    const runtime = createRequire(import.meta.url).resolve('onnxruntime-node');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { runtime, model } });
    const ready = await new Promise<Reply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`PP-OCR thread exited (code ${code}) while loading`)));
    }).catch((err: unknown) => ({ ready: false, error: err instanceof Error ? err.message : String(err) }));
    if (!ready.ready) {
      await worker.terminate();
      throw new Error(`PP-OCR model cannot load: ${ready.error ?? 'unknown error'}`);
    }
    return new OnnxSessionThread(worker);
  }

  /** Runs the model on `input` ([1, 3, H, W]); the output has `outDims`. */
  run(input: Float32Array, dims: number[], outDims: number[]): Promise<Float32Array> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, input, dims, outDims }, [input.buffer as ArrayBuffer]);
    });
  }

  private failAll(err: Error): void {
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
