import { expect } from '@open-wc/testing';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { defineConvCases } from './conv-cases.js';

describe('core/conv on cpu (larger images)', () => {
  before(async () => {
    const report = await ensureBackend('cpu');
    expect(report.name).to.equal('cpu');
  });

  defineConvCases(37, 29);
});
