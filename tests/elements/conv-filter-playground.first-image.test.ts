// The playground is ready only when it can show its job: a first image that cannot load
// leaves it in state="error" with a message naming the URL, fires cnn-error once, rejects
// `ready`, and asks the server for the image once.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/conv-filter-playground/define.js';
import type { ConvFilterPlayground } from '../../src/elements/conv-filter-playground/conv-filter-playground.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';

describe('<conv-filter-playground> whose first image fails', () => {
  it('is in error with the URL in its message, fires cnn-error once and fetches once', async () => {
    const src = `/no-such-photo-${Date.now()}.jpg`;
    const seen: string[] = [];
    const listen = (e: Event) => seen.push((e as CustomEvent<CnnErrorDetail>).detail.message);
    document.addEventListener('cnn-error', listen);
    // Counts the requests for the image (the resource timing buffer is full of the test's modules).
    const realFetch = window.fetch;
    let requests = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input instanceof Request ? input.url : input).endsWith(src)) requests++;
      return realFetch(input, init);
    };
    try {
      const el = await fixture<ConvFilterPlayground>(
        html`<conv-filter-playground backend="cpu" src=${src}></conv-filter-playground>`,
      );
      const ready = await el.ready.then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      expect(ready).to.contain(src);
      expect(el.state).to.equal('error');
      expect(el.getAttribute('state')).to.equal('error');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="error"]')?.textContent).to.contain(src).and.contain('404');
      // Whatever else might still happen has had time to happen.
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).to.have.length(1);
      expect(seen[0]).to.contain(src);
      expect(requests).to.equal(1);
    } finally {
      window.fetch = realFetch;
      document.removeEventListener('cnn-error', listen);
    }
  });
});
