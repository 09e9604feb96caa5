/** The "Keras code" panel of `<cnn-trainer>`: the network as the course's Keras code, with a copy button. */
import { html } from 'lit';
import type { LayerSpec } from '../../core/models/model-spec.js';
import type { KerasBase } from '../../core/models/keras-code.js';
import type { TransferModel } from '../../core/training/transfer.tf.js';

/**
 * How the Keras code makes a transfer model's base: the shipped digit CNN's layers written
 * out, where `specs` (each base layer as a spec) knows them all and no `base-url` replaced
 * it, else the saved model loaded and cut where the trainer cut it.
 */
export function kerasBaseOf(
  transfer: TransferModel,
  specs: Array<LayerSpec | undefined>,
  baseUrl: string | undefined,
): KerasBase {
  const { fineTune } = transfer;
  if (!baseUrl && specs.every((l) => l !== undefined)) {
    return {
      kind: 'layers',
      name: 'digits_base',
      layers: specs,
      weights: 'the convolution layers of cnn-elements’ digit CNN (assets/models/digits), trained on MNIST.',
      fineTune,
    };
  }
  const url = baseUrl || 'assets/models/digits/model.json';
  return { kind: 'model', url, cutAt: transfer.base.cutAt, fineTune };
}

/**
 * Copies text to the clipboard; where the page may not (no permission, an insecure
 * origin), selects the code instead so the reader can copy it by hand.
 */
export async function copyCode(text: string, code: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const selection = code ? code.ownerDocument.getSelection() : null;
    if (code && selection) {
      const range = code.ownerDocument.createRange();
      range.selectNodeContents(code);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    return false;
  }
}

export function renderKerasPanel(code: string, copied: string, onCopy: (code: HTMLElement | null) => void) {
  return html`<details class="panel keras" part="keras">
    <summary>Keras code</summary>
    <p class="hint">The network and settings above as the Keras (Python) code the course writes.</p>
    <pre><code class="keras-code">${code}</code></pre>
    <button
      class="copy"
      @click=${(e: Event) => onCopy((e.target as HTMLElement).parentElement!.querySelector('code'))}
    >
      Copy code
    </button>
    <span class="hint" role="status">${copied}</span>
  </details>`;
}
