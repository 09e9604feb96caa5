import { workerMatchesPage } from './worker-backend-case.js';

describe('training in a Web Worker on WebGPU', () => workerMatchesPage('webgpu'));
