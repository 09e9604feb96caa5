/**
 * styleProps: inline styles through the CSSOM, which a Content-Security-Policy without
 * 'unsafe-inline' styles allows, where it refuses a `style="…"` attribute and lit's styleMap
 * (scripts/check-hosting.mjs runs the five elements under such a policy).
 */
import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { styleProps, type StyleProps } from '../../src/elements/style-props.js';

describe('styleProps', () => {
  const refused: string[] = [];
  const onRefused = (e: SecurityPolicyViolationEvent) => refused.push(e.effectiveDirective);

  // This page's policy from here on, as a hardened course site sends it.
  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "style-src-attr 'none'";
    document.head.append(meta);
    document.addEventListener('securitypolicyviolation', onRefused);
  });
  after(() => document.removeEventListener('securitypolicyviolation', onRefused));

  const settle = () => new Promise((r) => setTimeout(r, 50));

  it('sets, updates and removes properties, custom ones included', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const draw = (props: StyleProps) => render(html`<div class="grid" ${styleProps(props)}></div>`, host);
    draw({ width: '40px', '--cols': 3, 'aspect-ratio': 2 });
    const div = host.querySelector<HTMLElement>('.grid')!;
    expect(getComputedStyle(div).width).to.equal('40px');
    expect(div.style.getPropertyValue('--cols')).to.equal('3');
    expect(getComputedStyle(div).aspectRatio).to.equal('2 / 1');
    draw({ width: '50px', '--cols': undefined });
    expect(getComputedStyle(div).width).to.equal('50px');
    expect(div.style.getPropertyValue('--cols')).to.equal('');
    expect(getComputedStyle(div).aspectRatio).to.equal('auto');
    draw({});
    expect(div.style.length).to.equal(0);
    host.remove();
  });

  it('is not refused by a policy that refuses inline style attributes, which lit’s styleMap is', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    render(html`<span ${styleProps({ width: '30px', display: 'block' })}></span>`, host);
    await settle();
    expect(refused, 'refused with styleProps').to.deep.equal([]);
    expect(getComputedStyle(host.querySelector('span')!).width).to.equal('30px');
    // The same through styleMap: refused, so the policy is in force and the check can fail.
    render(html`<i style=${styleMap({ width: '30px', display: 'block' })}></i>`, host);
    await settle();
    expect(refused).to.include('style-src-attr');
    expect(getComputedStyle(host.querySelector('i')!).width).to.not.equal('30px');
    host.remove();
  });
});
