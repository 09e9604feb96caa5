import { css } from 'lit';

/**
 * The controls every element shares, drawn from the theme tokens (through the private
 * `--_*` values of shared.styles): buttons, selects, number and text inputs, sliders,
 * check boxes, file pickers and the "More settings" fold. Every target is at least
 * 28 px high (WCAG 2.5.8 asks 24 × 24), light and dark.
 */
export const controlStyles = css`
  button,
  select,
  input:not([type='checkbox'], [type='radio'], [type='range'], [type='file']),
  .file-button,
  input[type='file']::file-selector-button {
    min-height: 28px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background-color: var(--_bg);
    color: var(--_fg);
    padding: 3px 10px;
    font: inherit;
    line-height: 1.4;
  }
  button,
  .file-button,
  input[type='file']::file-selector-button {
    min-width: 28px;
    cursor: pointer;
    transition: border-color 0.15s, background-color 0.15s;
  }
  input:not([type='checkbox'], [type='radio'], [type='range'], [type='file']) {
    padding: 3px 6px;
  }
  button:hover:not(:disabled),
  .file-button:hover,
  select:hover:not(:disabled),
  input[type='file']:hover::file-selector-button {
    border-color: var(--_accent);
  }
  button.primary {
    background-color: var(--_accent);
    border-color: var(--_accent);
    color: var(--_bg);
    font-weight: 600;
  }
  @media (forced-colors: active) {
    /* Forced colours put a Canvas backplate behind text, which would hide Canvas-coloured
       text on the accent: the palette's own pair for a highlighted control instead. */
    button.primary {
      forced-color-adjust: none;
      background-color: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
  }
  button:disabled,
  select:disabled,
  input:disabled {
    opacity: 0.5;
    cursor: default;
  }
  select {
    appearance: none;
    padding-right: 26px;
    /* A chevron in the muted colour, drawn with two gradients (no image to ship). */
    background-image: linear-gradient(45deg, transparent 50%, var(--_muted) 50%), linear-gradient(135deg, var(--_muted) 50%, transparent 50%);
    background-position: calc(100% - 14px) 55%, calc(100% - 9px) 55%;
    background-size: 5px 5px;
    background-repeat: no-repeat;
  }
  input[type='checkbox'],
  input[type='radio'],
  input[type='range'] {
    accent-color: var(--_accent);
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 18px;
    height: 18px;
    margin: 0;
  }
  /* A check box's target is its label: at least 28 px high. */
  label:has(> input[type='checkbox'], > input[type='radio']) {
    min-height: 28px;
    cursor: pointer;
  }
  input[type='range'] {
    min-height: 28px;
    margin: 0;
  }
  input[type='file'] {
    max-width: 100%;
  }
  input[type='file']::file-selector-button {
    margin-right: 8px;
  }
  .file-button:focus-within {
    box-shadow: var(--_focus);
  }
  details.more {
    border-top: 1px solid var(--_border);
    padding-top: 4px;
  }
  /* Every disclosure's summary is a 28 px target, its marker kept. */
  summary {
    min-height: 28px;
    padding: 4px 0;
    line-height: 20px;
    cursor: pointer;
  }
  details.more > summary {
    color: var(--_muted);
    font-size: 0.9em;
    width: fit-content;
  }
  details.more > summary:hover {
    color: var(--_fg);
  }
  details.more[open] > summary {
    margin-bottom: 8px;
  }
  @media (prefers-reduced-motion: reduce) {
    button,
    .file-button,
    input[type='file']::file-selector-button {
      transition: none;
    }
  }
`;
