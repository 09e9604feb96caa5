/** The "Keras code" panel of `<cnn-trainer>`: the network as the course's Keras code, with a copy button. */
import { html } from 'lit';

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
