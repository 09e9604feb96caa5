import { css } from 'lit';

export const playgroundStyles = css`
  .panes {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 220px), 1fr));
    gap: 12px;
    align-items: start;
  }
  figcaption {
    font-size: 0.9em;
  }
  .viewport {
    position: relative;
    line-height: 0;
    overflow: hidden;
  }
  /* The output not computed yet while the convolution plays. */
  .unfilled {
    position: absolute;
    pointer-events: none;
    background: var(--_bg);
    opacity: 0.85;
  }
  .motion {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 10px;
    align-items: center;
    margin: 6px 0;
  }
  .motion .scrub {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  @media (prefers-reduced-motion: reduce) {
    .box {
      transition: none;
    }
  }
  /* The image's own edge on the padded input: the border outside it is veiled, still readable. */
  .edge {
    position: absolute;
    pointer-events: none;
    outline: 1px dashed currentColor;
    box-shadow: 0 0 0 100vmax color-mix(in srgb, var(--_bg) 45%, transparent);
  }
  canvas {
    width: 100%;
    height: auto;
    image-rendering: pixelated;
    border: 1px solid var(--_border);
    touch-action: none;
  }
  .box {
    position: absolute;
    pointer-events: none;
    outline: 2px solid var(--cnn-window, var(--_accent));
    box-shadow: 0 0 0 1px var(--_bg);
    min-width: 3px;
    min-height: 3px;
  }
  /* The receptive field stands out even on a large picture: the rest of the input is dimmed around it. */
  [part~='input'] .box {
    box-shadow:
      0 0 0 1px var(--_bg),
      0 0 0 100vmax rgb(0 0 0 / 0.3);
    min-width: 6px;
    min-height: 6px;
  }
  .formula {
    margin: 0;
    font-family: ui-monospace, monospace;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .arithmetic {
    display: grid;
    gap: 6px;
  }
  .arithmetic p {
    margin: 0;
  }
  .products {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    /* A 7×7 kernel's products are wider than a phone: they scroll in this box, which takes
       the focus so that a keyboard scrolls it too. */
    max-width: 100%;
    overflow-x: auto;
  }
  .products table {
    border-collapse: collapse;
    font-family: ui-monospace, monospace;
    font-size: 0.8em;
  }
  .products caption {
    text-align: left;
    color: var(--_muted);
  }
  .products td {
    border: 1px solid var(--_border);
    padding: 1px 4px;
    text-align: right;
    white-space: nowrap;
  }
  .products td.pad {
    border-style: dashed;
    color: var(--_muted);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: flex-end;
  }
  .controls label {
    display: grid;
    gap: 2px;
    font-size: 0.9em;
  }
  .kernel {
    display: grid;
    /* Cells shrink to fit a 7×7 kernel on a 320 px phone. */
    grid-template-columns: repeat(var(--cols), minmax(2.4em, 4.2em));
    gap: 3px;
    /* Past that (a large text setting), the kernel scrolls in its own box, not the page. */
    max-width: 100%;
    overflow-x: auto;
  }
  input.bias {
    width: 5em;
  }
  .kernel input {
    width: 100%;
    text-align: right;
    padding: 2px 4px;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_bg);
  }
  .kernel input[aria-invalid='true'] {
    border-color: var(--_error);
    outline: 1px solid var(--_error);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 6px 10px 10px;
    display: flex;
    flex-wrap: wrap;
    gap: 8px 14px;
    align-items: flex-end;
  }
  legend {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .file input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  .file span {
    display: inline-flex;
    align-items: center;
  }
  .file:focus-within span {
    box-shadow: var(--_focus);
  }
  :host([dragging]) .frame {
    outline: 2px dashed var(--_accent);
  }
  /* Over the reserved picture box, not below it: the box keeps its size when the picture lands. */
  .placeholder {
    position: absolute;
    inset: 0;
    margin: 0;
    padding: 12px;
    display: grid;
    place-items: center;
    text-align: center;
    line-height: 1.4;
    color: var(--_muted);
  }
`;
