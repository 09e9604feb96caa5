import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { LinkedSourceController } from '../../src/controllers/linked-source.js';

/** A host that follows `for` and records every change it is told about. */
class LinkHost extends LitElement {
  static override properties = { for: { type: String } };
  for = '';
  seen: Array<Element | undefined> = [];
  link = new LinkedSourceController(this, (s) => this.seen.push(s));
  override willUpdate(): void {
    this.link.follow(this.for);
  }
  override render(): unknown {
    return litHtml`${this.link.source?.id ?? 'none'}`;
  }
}
customElements.define('link-host', LinkHost);

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('LinkedSourceController (for= linking)', () => {
  it('links to a source that already exists', async () => {
    const root = await fixture<HTMLDivElement>(
      html`<div><span id="s1"></span><link-host for="s1"></link-host></div>`,
    );
    const host = root.querySelector('link-host') as LinkHost;
    await host.updateComplete;
    expect(host.link.source).to.equal(root.querySelector('#s1'));
  });

  it('links to a source added later, follows a replacement, and lets go when it is removed', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><link-host for="later"></link-host></div>`);
    const host = root.querySelector('link-host') as LinkHost;
    await host.updateComplete;
    expect(host.link.source).to.equal(undefined);
    expect(host.link.missing).to.equal(true);
    const first = document.createElement('span');
    first.id = 'later';
    root.append(first);
    await settle();
    expect(host.link.source).to.equal(first);
    const second = document.createElement('span');
    second.id = 'later';
    first.replaceWith(second);
    await settle();
    expect(host.link.source).to.equal(second);
    second.remove();
    await settle();
    expect(host.link.source).to.equal(undefined);
    expect(host.seen).to.deep.equal([first, second, undefined]);
  });

  it('waits for a custom-element source to be defined', async () => {
    const root = await fixture<HTMLDivElement>(
      html`<div><late-source id="src"></late-source><link-host for="src"></link-host></div>`,
    );
    const host = root.querySelector('link-host') as LinkHost;
    await settle();
    expect(host.link.source).to.equal(undefined);
    customElements.define('late-source', class extends HTMLElement {});
    await customElements.whenDefined('late-source');
    await settle();
    expect(host.link.source).to.equal(root.querySelector('late-source'));
  });

  it('resolves ids inside the same shadow root, not the document', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div><span id="dup"></span></div>`);
    const shadow = outer.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<b id="dup"></b><link-host for="dup"></link-host>';
    const host = shadow.querySelector('link-host') as LinkHost;
    await host.updateComplete;
    expect(host.link.source?.localName).to.equal('b');
  });

  it('follows a change of the `for` id', async () => {
    const root = await fixture<HTMLDivElement>(
      html`<div><i id="a"></i><i id="b"></i><link-host for="a"></link-host></div>`,
    );
    const host = root.querySelector('link-host') as LinkHost;
    await host.updateComplete;
    expect(host.link.source?.id).to.equal('a');
    host.for = 'b';
    await host.updateComplete;
    expect(host.link.source?.id).to.equal('b');
  });
});
