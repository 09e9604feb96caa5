import { expect } from '@open-wc/testing';
import { surveyGpus } from '../../../src/core/runtime/gpu-survey.js';

// Chromium here runs with --enable-unsafe-webgpu: SwiftShader offers a software WebGPU
// adapter and a software WebGL renderer, so both parts of the survey have something to read.
describe('core/gpu-survey', () => {
  const RealWorker = globalThis.Worker;
  afterEach(() => {
    globalThis.Worker = RealWorker;
  });

  it('reads the adapter and the renderer in a worker, off the page thread', async () => {
    let made = 0;
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        made++;
      }
    };
    const survey = await surveyGpus();
    expect(made, 'one throwaway worker').to.equal(1);
    expect(survey.webgl, 'the renderer, read through an OffscreenCanvas').to.be.an('object');
    expect(survey.webgpu).to.be.an('object');
    expect(survey).to.have.nested.property('webgl.isSoftware', true);
    expect(survey).to.have.nested.property('webgl.architecture', 'swiftshader');
  });

  it('reads the same facts on the page where a Content-Security-Policy blocks blob: workers', async () => {
    const inWorker = await surveyGpus();
    globalThis.Worker = class {
      constructor() {
        // What Chromium throws for a worker-src that does not allow blob:.
        throw new DOMException("Refused to create a worker from 'blob:…'", 'SecurityError');
      }
    } as unknown as typeof Worker;
    const onPage = await surveyGpus();
    expect(onPage).to.deep.equal(inWorker);
  });

  it('reads the facts on the page when the worker fails to start', async () => {
    const inWorker = await surveyGpus();
    // A worker whose script cannot run fires `error` instead of answering.
    globalThis.Worker = class extends RealWorker {
      constructor(_url: string | URL, options?: WorkerOptions) {
        super(URL.createObjectURL(new Blob(['throw new Error("no")'], { type: 'text/javascript' })), options);
      }
    };
    expect(await surveyGpus()).to.deep.equal(inWorker);
  });
});
